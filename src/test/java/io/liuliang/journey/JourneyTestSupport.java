package io.liuliang.journey;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds journey definitions for tests (the JSON the console sends) and shortens time: {@link #fastForward} moves an
 * enrolment's whole timeline (entry, waits, due time, last touch) into the past, which is what the passing of that
 * much time would have done, without touching the clock the rest of the shared application uses.
 */
final class JourneyTestSupport {

    private JourneyTestSupport() {
    }

    /** A definition under construction. */
    static final class Graph {
        private final Map<String, Object> entry;
        private final List<Map<String, Object>> nodes = new ArrayList<>();
        private final List<Map<String, Object>> edges = new ArrayList<>();
        private Map<String, Object> reentry = Map.of("rule", "always");
        private Map<String, Object> goal;
        private Integer limit;
        private int window = 7;

        Graph(Map<String, Object> entry) {
            this.entry = entry;
            node("entry", "entry", Map.of());
        }

        Graph node(String id, String type, Map<String, Object> config) {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", id);
            n.put("type", type);
            n.put("position", Map.of("x", 0, "y", nodes.size() * 100));
            n.put("config", config);
            nodes.add(n);
            return this;
        }

        Graph edge(String source, String handle, String target) {
            edges.add(Map.of("id", source + "-" + handle.replace(':', '_') + "-" + target, "source", source,
                    "sourceHandle", handle, "target", target));
            return this;
        }

        Graph reentry(String rule, Integer days) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("rule", rule);
            r.put("days", days);
            this.reentry = r;
            return this;
        }

        Graph goal(boolean exit) {
            this.goal = Map.of("kind", "order_placed", "exitOnGoal", exit);
            return this;
        }

        Graph limit(int limit) {
            this.limit = limit;
            return this;
        }

        Graph window(int days) {
            this.window = days;
            return this;
        }

        Map<String, Object> build() {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("entry", entry);
            d.put("reentry", reentry);
            d.put("enrolmentLimit", limit);
            d.put("goal", goal);
            d.put("conversionWindowDays", window);
            d.put("nodes", nodes);
            d.put("edges", edges);
            return d;
        }
    }

    static Graph graph(String entryKind) {
        return new Graph(Map.of("kind", entryKind));
    }

    static Graph graph(Map<String, Object> entry) {
        return new Graph(entry);
    }

    /** Moves the active enrolments of a journey {@code by} into the past, as if that much time had gone by. */
    static void fastForward(JdbcClient jdbc, String journey, Duration by) {
        String interval = by.toSeconds() + " seconds";
        jdbc.sql("UPDATE journey_enrolment SET entered_at = entered_at - ?::interval, due_at = due_at - ?::interval, "
                        + "wait_since = wait_since - ?::interval, last_touch_at = last_touch_at - ?::interval "
                        + "WHERE journey_id = ?::uuid AND state = 'active'")
                .params(interval, interval, interval, interval, journey).update();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    /** Waits for the condition; on time-out the message tells {@code state} (e.g. the enrolments as they are). */
    static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                assertThat(System.nanoTime()).as("waiting until " + what + " " + state.get()).isLessThan(deadline);
            }
            Thread.sleep(100);
        }
    }

    /** The journey's enrolments as they are, for failure messages. */
    static String enrolments(JdbcClient jdbc, String journey) {
        return jdbc.sql("SELECT string_agg(customer_id || ' ' || state || ' at ' || node_id || ' due ' || coalesce(due_at::text, '-') "
                        + "|| ' attempts ' || attempts || ' error ' || coalesce(last_error, '-'), E'\\n') FROM journey_enrolment "
                        + "WHERE journey_id = ?::uuid").param(journey).query(String.class).optional().orElse("none");
    }

    /** A paid order of one item (the ingestion API's upsert body) for the platform buyer id, placed now. */
    static Map<String, Object> paidOrder(String buyer, double amount, String sku, String product) {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("status", "paid");
        order.put("orderedAt", java.time.Instant.now().toString());
        order.put("paidAmount", amount);
        order.put("currency", "CNY");
        order.put("customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer))));
        order.put("items", List.of(Map.of("sku", sku, "productName", product, "quantity", 1, "unitPrice", amount)));
        return order;
    }
}
