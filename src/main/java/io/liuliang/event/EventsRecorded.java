package io.liuliang.event;

import java.util.Set;

import io.liuliang.shared.CustomerId;

/**
 * New behaviour events were stored for these customers (anonymous events are not announced). Published inside the
 * storing transaction, once per stored batch.
 */
public record EventsRecorded(Set<CustomerId> customers) {

    public EventsRecorded {
        customers = Set.copyOf(customers);
    }
}
