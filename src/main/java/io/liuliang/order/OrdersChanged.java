package io.liuliang.order;

import java.util.Set;

import io.liuliang.shared.CustomerId;

/**
 * Orders of these customers were created or changed (status, refunds, owner). Published synchronously inside the
 * transaction that changed them, so a listener that records the fact in its own table commits or rolls back with
 * the orders (a durable outbox per listening module). Publishers send one event per batch, not per order.
 */
public record OrdersChanged(Set<CustomerId> customers) {

    public OrdersChanged {
        customers = Set.copyOf(customers);
    }
}
