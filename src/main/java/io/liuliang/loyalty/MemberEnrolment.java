package io.liuliang.loyalty;

import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.liuliang.customer.Customers;
import io.liuliang.customer.IdentityInput;
import io.liuliang.shared.CustomerId;

/**
 * Enrols customers: the member row with its member number, and the number as the customer's {@code member_number}
 * identity, so the customer is found by it (search, imports, identify) like by any other id.
 */
@Component
class MemberEnrolment {

    static final String MEMBER_NUMBER = "member_number";
    private static final Logger log = LoggerFactory.getLogger(MemberEnrolment.class);

    private final LoyaltyStore store;
    private final Customers customers;

    MemberEnrolment(LoyaltyStore store, Customers customers) {
        this.store = store;
        this.customers = customers;
    }

    /** Enrols unless enrolled already; returns whether it enrolled them now. */
    boolean enrol(UUID customer, String by, Instant at) {
        if (!store.enrol(customer, by, at)) {
            return false;
        }
        String number = store.member(customer).orElseThrow().memberNo();
        if (!customers.attachIdentity(new CustomerId(customer), new IdentityInput(MEMBER_NUMBER, number, null), "loyalty")) {
            log.warn("Member number {} of {} could not be added to the customer's identities", number, customer);
        }
        return true;
    }
}
