package io.liuliang.order;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.liuliang.shared.CustomerId;

/** Orders for other modules: idempotent upserts from ingestion, and per-customer reads for the 360° view. */
public interface Orders {

    UpsertResult upsert(OrderUpsert order);

    /**
     * Upserts many orders at once with set-based SQL, with exactly the semantics of {@link #upsert} for each: new
     * orders are created, identical re-sends change nothing, changed ones are updated (items replaced, refunds not
     * seen before added), and a guest order that now has a buyer is attributed to it. One transaction; publishes one
     * {@link OrdersChanged} for the whole batch. An order named twice is applied twice, in the order given.
     */
    BulkUpsertResult upsertAll(List<OrderUpsert> orders);

    /**
     * {@link #upsertAll}, for a bulk load of many batches that touch the same customers again and again: with
     * {@link Announcement#BY_CALLER} no event is published, and the caller announces the union of the batches'
     * {@link BulkUpsertResult#changedCustomers()} once, with {@link #announceChanged}, when the load is done.
     */
    BulkUpsertResult upsertAll(List<OrderUpsert> orders, Announcement announcement);

    /** Publishes {@link OrdersChanged} for these customers, in chunks, in one transaction. */
    void announceChanged(Collection<CustomerId> customers);

    /** Who tells the other modules that orders changed. */
    enum Announcement {
        /** Every call publishes its own {@link OrdersChanged}. */
        PER_BATCH,
        /** The caller does, with {@link #announceChanged}. */
        BY_CALLER
    }

    CustomerOrderSummary summaryOf(CustomerId customer);

    /**
     * The customers whose purchases match {@code filter}, as a condition on the customer table (aliased {@code c})
     * for the customer module's list, which does not know the order tables. Customers without orders have spent 0
     * in 0 orders; with a shop, only customers who bought there match.
     */
    SqlCondition purchasesMatch(PurchaseFilter filter);

    List<OrderView> recentOf(CustomerId customer, int limit);

    /**
     * The first item's product name of each customer's most recent order (what {@link #recentOf}{@code (c, 1)} shows
     * first), for many customers in one query; customers without orders or items are absent.
     */
    Map<CustomerId, String> lastProductsOf(Collection<CustomerId> customers);

    /** The orders of these customers ordered since {@code since}, with what was paid and refunded. */
    List<SettledOrder> ordersOf(Collection<CustomerId> customers, java.time.Instant since);

    /** Each customer's non-cancelled orders and net spend ordered in {@code [from, to)}; customers without are absent. */
    Map<CustomerId, PurchaseTotals> purchasesBetween(Collection<CustomerId> customers, java.time.Instant from,
                                                     java.time.Instant to);

    /** The current status of each of these orders that is known; unknown ones are absent. */
    Map<OrderKey, OrderStatus> statusesOf(Collection<OrderKey> orders);

    /**
     * What happened to these customers' orders since {@code since}: orders placed (and received) since then, orders
     * delivered or completed since then, refunds received since then; oldest first. Orders imported from the past
     * (placed before {@code since}) are not news.
     */
    List<OrderActivity> activityOf(Collection<CustomerId> customers, java.time.Instant since);
}
