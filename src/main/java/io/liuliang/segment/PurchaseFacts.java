package io.liuliang.segment;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code customer_purchase_fact} current: per customer, shop and item category (and per customer and shop
 * over all orders, category NULL) the non-cancelled orders' count, last order time and net amount — what the order
 * conditions of segments ask, so that a batch evaluation reads a few rows per customer instead of every order and
 * item. Recomputed with the metrics (the same marks and transaction) and by the full rebuild.
 */
@Component
class PurchaseFacts {

    /** The table, for the condition compiler. */
    static final String TABLE = "customer_purchase_fact";

    /**
     * Replaces the facts of the customers {@code who(id)} with those computed from their orders, writing only rows
     * that changed; returns the customers whose facts changed.
     */
    private static final String REFRESH = """
            WITH who AS ({WHO}),
            o AS (
                SELECT o.id, o.customer_id, o.shop_id, o.ordered_at, coalesce(o.paid_amount, 0) - o.refunded_amount AS net
                FROM sales_order o JOIN who ON who.id = o.customer_id WHERE o.status <> 'cancelled'),
            src AS (
                SELECT customer_id, shop_id, NULL::text AS category, max(ordered_at) AS last_ordered_at,
                       count(*)::int AS orders, sum(net) AS amount
                FROM o GROUP BY customer_id, shop_id
                UNION ALL
                SELECT customer_id, shop_id, category, max(ordered_at), count(*)::int, sum(net)
                FROM (SELECT DISTINCT o.id, o.customer_id, o.shop_id, o.ordered_at, o.net, i.category
                      FROM o JOIN order_item i ON i.order_id = o.id WHERE i.category IS NOT NULL) x
                GROUP BY customer_id, shop_id, category),
            gone AS (
                DELETE FROM customer_purchase_fact f USING who
                WHERE f.customer_id = who.id
                  AND NOT EXISTS (SELECT 1 FROM src WHERE src.customer_id = f.customer_id AND src.shop_id = f.shop_id
                                  AND src.category IS NOT DISTINCT FROM f.category)
                RETURNING f.customer_id),
            up AS (
                INSERT INTO customer_purchase_fact AS f (customer_id, shop_id, category, last_ordered_at, orders, amount)
                SELECT customer_id, shop_id, category, last_ordered_at, orders, amount FROM src
                ON CONFLICT (customer_id, shop_id, category) DO UPDATE
                    SET last_ordered_at = excluded.last_ordered_at, orders = excluded.orders, amount = excluded.amount
                    WHERE (f.last_ordered_at, f.orders, f.amount)
                        IS DISTINCT FROM (excluded.last_ordered_at, excluded.orders, excluded.amount)
                RETURNING f.customer_id)
            SELECT customer_id FROM gone UNION SELECT customer_id FROM up""";

    private final JdbcClient jdbc;

    PurchaseFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Recomputes the facts of these customers (merged-away ones lose theirs with their orders); returns who changed. */
    List<UUID> refresh(Collection<UUID> customers) {
        if (customers.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(REFRESH.replace("{WHO}", "SELECT DISTINCT unnest(?::uuid[]) AS id"))
                .param(MetricsCalculator.uuidArray(customers)).query(UUID.class).list();
    }

    /**
     * Recomputes the facts of the live customers with an id in {@code (afterId, lastId]} (a range of a full rebuild,
     * found by bounds so that its orders are joined by hash rather than probed one customer at a time).
     */
    List<UUID> refreshRange(UUID afterId, UUID lastId) {
        return jdbc.sql(REFRESH.replace("{WHO}", "SELECT c.id FROM customer c WHERE c.merged_into IS NULL AND c.id > ? AND c.id <= ?"))
                .params(afterId, lastId).query(UUID.class).list();
    }

    /** Removes the facts of customers that are no longer live (after a full rebuild). */
    int removeMergedAway() {
        return jdbc.sql("DELETE FROM customer_purchase_fact f WHERE NOT EXISTS "
                + "(SELECT 1 FROM customer c WHERE c.id = f.customer_id AND c.merged_into IS NULL)").update();
    }
}
