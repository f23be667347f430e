package io.liuliang.segment;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Computes customer metrics from orders, items and events with set-based SQL, for a set of customers (after
 * changes) or for a range of all customers (the full rebuild), and records lifecycle changes.
 *
 * <p>A purchase is an order that is neither cancelled nor negative (a negative order, such as an Online Retail
 * {@code C…} invoice, is a return: its amount counts as refunded). Reads the order, shop and event tables of the
 * order and event modules directly: metrics are analytics over them.
 */
@Component
class MetricsCalculator {

    /** What a recompute changed. */
    record Outcome(List<UUID> changed, long firstChangeSeq, long lastChangeSeq, int stageChanges, int removed) {

        static final Outcome NONE = new Outcome(List.of(), 0, 0, 0, 0);
    }

    private static final String FACT_COLUMNS = "first_order_at, last_order_at, first_order_date, last_order_date, order_count, "
            + "cancelled_count, units, gross_spent, refunded, net_spent, aov, avg_days_between_orders, refund_rate, "
            + "preferred_category, preferred_shop_id, last_event_at, last_activity_at, lifecycle_stage";

    /** The query; {@code %s} is the set of live customers to compute ({@code live(id)}). */
    private static final String RECOMPUTE = """
            WITH live AS (%s),
            o AS (
                SELECT o.id, o.customer_id, o.shop_id, o.status, o.ordered_at,
                       (o.ordered_at AT TIME ZONE s.timezone)::date AS local_date,
                       coalesce(o.paid_amount, o.item_total - o.discount + o.shipping) AS value, o.refunded_amount
                FROM sales_order o JOIN shop s ON s.id = o.shop_id JOIN live ON live.id = o.customer_id),
            p AS (SELECT o.*, (o.status <> 'cancelled' AND o.value >= 0) AS purchase FROM o),
            agg AS (
                SELECT customer_id,
                       min(ordered_at) FILTER (WHERE purchase) AS first_order_at,
                       max(ordered_at) FILTER (WHERE purchase) AS last_order_at,
                       min(local_date) FILTER (WHERE purchase) AS first_order_date,
                       max(local_date) FILTER (WHERE purchase) AS last_order_date,
                       count(*) FILTER (WHERE purchase) AS order_count,
                       count(*) FILTER (WHERE status = 'cancelled') AS cancelled_count,
                       coalesce(sum(value) FILTER (WHERE purchase), 0) AS gross,
                       coalesce(sum(refunded_amount) FILTER (WHERE purchase), 0)
                           + coalesce(sum(-value) FILTER (WHERE status <> 'cancelled' AND value < 0), 0) AS refunded
                FROM p GROUP BY customer_id),
            items AS (
                SELECT p.customer_id, i.category, sum(i.quantity) AS units, sum(i.amount) AS amount
                FROM p JOIN order_item i ON i.order_id = p.id WHERE p.purchase GROUP BY p.customer_id, i.category),
            units AS (SELECT customer_id, sum(units) AS units FROM items GROUP BY customer_id),
            cat AS (
                SELECT DISTINCT ON (customer_id) customer_id, category FROM items WHERE category IS NOT NULL
                ORDER BY customer_id, amount DESC, category),
            shops AS (
                SELECT DISTINCT ON (customer_id) customer_id, shop_id
                FROM (SELECT customer_id, shop_id, count(*) AS n, sum(value) AS v FROM p WHERE purchase
                      GROUP BY customer_id, shop_id) x
                ORDER BY customer_id, n DESC, v DESC, shop_id),
            ev AS ({EVENTS}),
            facts AS (
                SELECT live.id AS customer_id, a.first_order_at, a.last_order_at, a.first_order_date, a.last_order_date,
                       coalesce(a.order_count, 0)::int AS order_count, coalesce(a.cancelled_count, 0)::int AS cancelled_count,
                       coalesce(u.units, 0)::int AS units, coalesce(a.gross, 0) AS gross_spent,
                       coalesce(a.refunded, 0) AS refunded, coalesce(a.gross, 0) - coalesce(a.refunded, 0) AS net_spent,
                       CASE WHEN a.order_count > 0 THEN round((a.gross - a.refunded) / a.order_count, 2) END AS aov,
                       CASE WHEN a.order_count > 1 THEN round((extract(epoch FROM a.last_order_at - a.first_order_at)
                           / 86400.0 / (a.order_count - 1))::numeric, 2) END AS avg_days_between_orders,
                       CASE WHEN a.gross > 0 THEN least(round(a.refunded / a.gross, 4), 9999) END AS refund_rate,
                       cat.category AS preferred_category, shops.shop_id AS preferred_shop_id, ev.last_event_at,
                       CASE WHEN a.last_order_at IS NULL THEN ev.last_event_at
                            WHEN ev.last_event_at IS NULL THEN a.last_order_at
                            ELSE greatest(a.last_order_at, ev.last_event_at) END AS last_activity_at
                FROM live LEFT JOIN agg a ON a.customer_id = live.id LEFT JOIN units u ON u.customer_id = live.id
                LEFT JOIN cat ON cat.customer_id = live.id LEFT JOIN shops ON shops.customer_id = live.id
                LEFT JOIN ev ON ev.customer_id = live.id),
            staged AS (SELECT f.*, %s AS lifecycle_stage FROM facts f),
            old AS (SELECT b.customer_id, b.lifecycle_stage FROM customer_metrics_base b JOIN live ON live.id = b.customer_id),
            up AS (
                INSERT INTO customer_metrics_base AS b (customer_id, %s)
                SELECT customer_id, %s FROM staged
                ON CONFLICT (customer_id) DO UPDATE SET %s,
                    lifecycle_since = CASE WHEN b.lifecycle_stage <> excluded.lifecycle_stage THEN now() ELSE b.lifecycle_since END,
                    updated_at = now()
                WHERE (%s) IS DISTINCT FROM (%s)
                RETURNING b.customer_id, b.lifecycle_stage),
            ch AS (
                INSERT INTO lifecycle_change (customer_id, from_stage, to_stage)
                SELECT up.customer_id, old.lifecycle_stage, up.lifecycle_stage FROM up LEFT JOIN old USING (customer_id)
                WHERE old.lifecycle_stage IS DISTINCT FROM up.lifecycle_stage
                  AND NOT (old.lifecycle_stage IS NULL AND up.lifecycle_stage = 'prospect')
                RETURNING seq)
            SELECT up.customer_id, NULL::bigint AS seq FROM up
            UNION ALL SELECT NULL, seq FROM ch""";

    /** How the last event time of the customers is found. */
    enum EventScan {
        /**
         * One index probe per customer (the newest event in each monthly partition): what a handful of customers
         * costs does not grow with their history, so a shopper with a hundred thousand events is as cheap as any.
         */
        PER_CUSTOMER("SELECT live.id AS customer_id, e.last_event_at FROM live CROSS JOIN LATERAL ("
                + "SELECT max(x.occurred_at) AS last_event_at FROM behaviour_event x WHERE x.customer_id = live.id) e "
                + "WHERE e.last_event_at IS NOT NULL"),
        /** One grouped scan of the customers' events: cheaper for a range of many thousands (a full rebuild). */
        GROUPED("SELECT e.customer_id, max(e.occurred_at) AS last_event_at "
                + "FROM behaviour_event e JOIN live ON live.id = e.customer_id GROUP BY e.customer_id");

        private final String sql;

        EventScan(String sql) {
            this.sql = sql;
        }
    }

    /** Customers moved to a new stage by one statement of a full restage. */
    static final int RESTAGE_CHUNK = 10_000;

    private final JdbcClient jdbc;
    private final PurchaseFacts purchases;

    MetricsCalculator(JdbcClient jdbc, PurchaseFacts purchases) {
        this.jdbc = jdbc;
        this.purchases = purchases;
    }

    /**
     * Recomputes these customers (merged-away or unknown ones lose their metrics row) and their purchase facts; the
     * changed customers are those whose metrics or purchase facts changed.
     */
    Outcome recompute(Collection<UUID> customers, LocalDate today, MetricsSettings.Lifecycle lifecycle) {
        if (customers.isEmpty()) {
            return Outcome.NONE;
        }
        String ids = uuidArray(customers);
        int removed = jdbc.sql("DELETE FROM customer_metrics_base b WHERE b.customer_id = ANY (?::uuid[]) "
                        + "AND NOT EXISTS (SELECT 1 FROM customer c WHERE c.id = b.customer_id AND c.merged_into IS NULL)")
                .param(ids).update();
        Outcome outcome = run("SELECT c.id FROM customer c WHERE c.id = ANY (?::uuid[]) AND c.merged_into IS NULL",
                List.of(ids), today, lifecycle, EventScan.PER_CUSTOMER);
        return new Outcome(union(outcome.changed(), purchases.refresh(customers)), outcome.firstChangeSeq(),
                outcome.lastChangeSeq(), outcome.stageChanges(), removed);
    }

    /** A range of customers recomputed by a full rebuild. */
    record Range(UUID lastId, int customers) {
    }

    /**
     * Recomputes the live customers after {@code afterId} in id order, at most {@code limit}; returns the range
     * covered, or null when there were none.
     * <p>
     * The range is named by its bounds, not by a list of ids: the orders, items and events of a range are then
     * found by one hash join over each table (a few scans for the whole rebuild), where a list of ids was probed
     * order by order and estimated as a handful of rows, so that every chunk of a large rebuild scanned the order
     * tables again and the rebuild grew with the square of the customers.
     */
    Range recomputeRange(UUID afterId, int limit, LocalDate today, MetricsSettings.Lifecycle lifecycle, List<Outcome> sink) {
        Range range = jdbc.sql("SELECT id, count(*) OVER ()::int AS customers FROM (SELECT id FROM customer "
                        + "WHERE merged_into IS NULL AND id > ? ORDER BY id LIMIT ?) r ORDER BY id DESC LIMIT 1")
                .params(afterId, limit)
                .query((rs, n) -> new Range(rs.getObject("id", UUID.class), rs.getInt("customers")))
                .optional().orElse(null);
        if (range == null) {
            return null;
        }
        Outcome outcome = run("SELECT c.id FROM customer c WHERE c.merged_into IS NULL AND c.id > ? AND c.id <= ?",
                List.of(afterId, range.lastId()), today, lifecycle, EventScan.GROUPED);
        sink.add(new Outcome(union(outcome.changed(), purchases.refreshRange(afterId, range.lastId())),
                outcome.firstChangeSeq(), outcome.lastChangeSeq(), outcome.stageChanges(), outcome.removed()));
        return range;
    }

    /** Removes metrics rows and purchase facts of customers that were merged away (after a full rebuild). */
    int removeMergedAway() {
        purchases.removeMergedAway();
        return jdbc.sql("DELETE FROM customer_metrics_base b WHERE NOT EXISTS "
                + "(SELECT 1 FROM customer c WHERE c.id = b.customer_id AND c.merged_into IS NULL)").update();
    }

    /** Both lists' customers, each once, in order of first appearance. */
    private static List<UUID> union(List<UUID> first, List<UUID> second) {
        if (second.isEmpty()) {
            return first;
        }
        java.util.LinkedHashSet<UUID> all = new java.util.LinkedHashSet<>(first);
        all.addAll(second);
        return List.copyOf(all);
    }

    /**
     * Moves every customer whose stage changed with the passage of time (or new thresholds) to its stage as of
     * {@code today}, recording each change. The customers concerned (a few a day) are found by one pass over the
     * metrics, then moved by primary key in chunks, so the pass is not joined back to a million rows; a customer
     * whose stage a worker moved meanwhile keeps the worker's stage.
     */
    Outcome restageAll(LocalDate today, MetricsSettings.Lifecycle lifecycle) {
        return restage(today, lifecycle, "TRUE");
    }

    /**
     * {@link #restageAll} for customers staged with these same thresholds on an earlier day: time only moves a stage
     * forward (new to active; new or active to at risk; at risk to dormant; dormant to lost), so only the customers
     * whose last or first order day crossed a threshold since are read, by ranges of the
     * {@code (lifecycle_stage, last_order_date)} index, instead of every customer's row (0.5 s at a million).
     */
    Outcome restageForward(LocalDate today, MetricsSettings.Lifecycle l) {
        String atRisk = day(today.minusDays(l.atRiskAfterDays()));
        String dormant = day(today.minusDays(l.dormantAfterDays()));
        String lost = day(today.minusDays(l.lostAfterDays()));
        String newSince = day(today.minusDays(l.newWithinDays()));
        return restage(today, l, "(f.lifecycle_stage IN ('new', 'active') AND f.last_order_date <= " + atRisk + ")"
                + " OR (f.lifecycle_stage = 'at_risk' AND f.last_order_date <= " + dormant + ")"
                + " OR (f.lifecycle_stage = 'dormant' AND f.last_order_date <= " + lost + ")"
                + " OR (f.lifecycle_stage = 'new' AND f.first_order_date < " + newSince + ")");
    }

    private static String day(LocalDate day) {
        return "DATE '" + Date.valueOf(day) + "'";
    }

    /** Moves the customers among {@code candidates} (a predicate over {@code f}) whose stage is not today's. */
    private Outcome restage(LocalDate today, MetricsSettings.Lifecycle lifecycle, String candidates) {
        List<UUID> ids = new ArrayList<>();
        List<String> from = new ArrayList<>();
        List<String> to = new ArrayList<>();
        jdbc.sql("SELECT customer_id, lifecycle_stage, new_stage FROM (SELECT f.customer_id, f.lifecycle_stage, %s AS new_stage "
                        .formatted(stageExpression(today, lifecycle))
                        + "FROM customer_metrics_base f WHERE " + candidates + ") x WHERE new_stage <> lifecycle_stage")
                .query(rs -> {
                    ids.add(rs.getObject(1, UUID.class));
                    from.add(rs.getString(2));
                    to.add(rs.getString(3));
                });
        long first = Long.MAX_VALUE;
        long last = 0;
        int changes = 0;
        for (int start = 0; start < ids.size(); start += RESTAGE_CHUNK) {
            int end = Math.min(ids.size(), start + RESTAGE_CHUNK);
            List<Long> seqs = jdbc.sql("""
                            WITH c AS (SELECT * FROM unnest(?::uuid[], ?::text[], ?::text[]) AS c(id, old_stage, new_stage)),
                            up AS (UPDATE customer_metrics_base b SET lifecycle_stage = c.new_stage, lifecycle_since = now(), updated_at = now()
                                   FROM c WHERE b.customer_id = c.id AND b.lifecycle_stage = c.old_stage
                                   RETURNING b.customer_id, c.old_stage, c.new_stage)
                            INSERT INTO lifecycle_change (customer_id, from_stage, to_stage)
                            SELECT customer_id, old_stage, new_stage FROM up RETURNING seq""")
                    .params(uuidArray(ids.subList(start, end)), textArray(from.subList(start, end)),
                            textArray(to.subList(start, end)))
                    .query(Long.class).list();
            for (long seq : seqs) {
                first = Math.min(first, seq);
                last = Math.max(last, seq);
            }
            changes += seqs.size();
        }
        return new Outcome(List.of(), changes == 0 ? 0 : first, last, changes, 0);
    }

    /** A text array literal of stage names (lower-case words: nothing to quote). */
    private static String textArray(List<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private Outcome run(String liveSql, List<Object> params, LocalDate today, MetricsSettings.Lifecycle lifecycle,
                        EventScan events) {
        String[] columns = FACT_COLUMNS.split(",\\s*");
        String set = String.join(", ", java.util.Arrays.stream(columns).map(c -> c + " = excluded." + c).toList());
        String current = String.join(", ", java.util.Arrays.stream(columns).map(c -> "b." + c).toList());
        String incoming = String.join(", ", java.util.Arrays.stream(columns).map(c -> "excluded." + c).toList());
        String sql = RECOMPUTE.replace("{EVENTS}", events.sql).formatted(liveSql, stageExpression(today, lifecycle), FACT_COLUMNS, FACT_COLUMNS, set,
                current, incoming);
        List<UUID> changed = new ArrayList<>();
        long[] seqRange = {Long.MAX_VALUE, 0};
        int[] stageChanges = {0};
        jdbc.sql(sql).params(params).query(rs -> {
            UUID id = rs.getObject(1, UUID.class);
            if (id != null) {
                changed.add(id);
            } else {
                long seq = rs.getLong(2);
                seqRange[0] = Math.min(seqRange[0], seq);
                seqRange[1] = Math.max(seqRange[1], seq);
                stageChanges[0]++;
            }
        });
        return new Outcome(changed, stageChanges[0] == 0 ? 0 : seqRange[0], seqRange[1], stageChanges[0], 0);
    }

    /** The lifecycle stage of a row {@code f} with the facts columns, as of {@code today}. */
    static String stageExpression(LocalDate today, MetricsSettings.Lifecycle l) {
        String day = day(today);
        return "CASE WHEN f.order_count = 0 THEN 'prospect' "
                + "WHEN " + day + " - f.last_order_date >= " + l.lostAfterDays() + " THEN 'lost' "
                + "WHEN " + day + " - f.last_order_date >= " + l.dormantAfterDays() + " THEN 'dormant' "
                + "WHEN " + day + " - f.last_order_date >= " + l.atRiskAfterDays() + " THEN 'at_risk' "
                + "WHEN " + day + " - f.first_order_date <= " + l.newWithinDays() + " THEN 'new' "
                + "ELSE 'active' END";
    }

    static String uuidArray(Collection<UUID> ids) {
        StringBuilder s = new StringBuilder(ids.size() * 37 + 2).append('{');
        boolean first = true;
        for (UUID id : ids) {
            s.append(first ? "" : ",").append(id);
            first = false;
        }
        return s.append('}').toString();
    }
}
