package io.liuliang.messaging;

import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerId;

/**
 * Serialises the cap checks of one customer across threads and instances: a transaction-scoped advisory lock on
 * ({@value #NAMESPACE}, hash of the customer id). Several customers are locked in hash order, so two transactions
 * never wait for each other in a cycle.
 */
@Component
class CustomerLock {

    static final int NAMESPACE = 6_2022;

    private final JdbcClient jdbc;

    CustomerLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void lock(CustomerId customer) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?, ?)").params(NAMESPACE, customer.value().hashCode())
                .query((rs, n) -> 1).single();
    }

    void lockAll(Collection<CustomerId> customers) {
        customers.stream().mapToInt(c -> c.value().hashCode()).distinct().sorted()
                .forEach(h -> jdbc.sql("SELECT pg_advisory_xact_lock(?, ?)").params(NAMESPACE, h).query((rs, n) -> 1).single());
    }
}
