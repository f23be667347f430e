package io.liuliang.order;

import java.util.Set;

import io.liuliang.shared.CustomerId;

/**
 * Orders of these customers were created or changed (status, refunds, owner). Published inside the transaction that
 * changed them (so the Modulith publication registry makes it durable); publishers send one event per batch, not
 * per order.
 */
public record OrdersChanged(Set<CustomerId> customers) {

    public OrdersChanged {
        customers = Set.copyOf(customers);
    }
}
