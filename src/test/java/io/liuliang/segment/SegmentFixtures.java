package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.liuliang.support.ApiClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Test data for segment tests: customers through the API, metrics and orders through SQL, events through the API. */
final class SegmentFixtures {

    private static final AtomicLong PHONES = new AtomicLong(System.nanoTime() % 10_000_000L);

    private final ApiClient api;
    private final JdbcClient jdbc;
    final String shop;

    SegmentFixtures(ApiClient api, JdbcClient jdbc, String shopName) {
        this.api = api;
        this.jdbc = jdbc;
        this.shop = api.post("/api/v1/shops", Map.of("platform", "tmall", "name", shopName)).json().path("id").asString();
    }

    static String phone() {
        return String.format("137%08d", 10_000_000 + PHONES.incrementAndGet() % 89_000_000);
    }

    /** A customer with a phone and these traits. */
    UUID customer(String name, String province, String city) {
        Map<String, Object> traits = new HashMap<>();
        traits.put("displayName", name);
        traits.put("province", province);
        if (city != null) {
            traits.put("city", city);
        }
        ApiClient.Response r = api.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "phone", "value", phone())), "traits", traits));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return UUID.fromString(r.json().path("customerId").asString());
    }

    void metrics(UUID customer, int orders, String netSpent, String stage, Instant lastActivity, String quadrant,
                 String category) {
        // the quadrant is not stored: the customer_metrics view scores the facts against the current RFM scale
        jdbc.sql("INSERT INTO customer_metrics_base (customer_id, order_count, net_spent, gross_spent, aov, lifecycle_stage, "
                        + "last_activity_at, preferred_category, last_order_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                        + "CASE WHEN ?::text IS NULL THEN NULL ELSE current_date - 1 END) "
                        + "ON CONFLICT (customer_id) DO UPDATE SET order_count = excluded.order_count, net_spent = excluded.net_spent, "
                        + "aov = excluded.aov, lifecycle_stage = excluded.lifecycle_stage, last_activity_at = excluded.last_activity_at, "
                        + "preferred_category = excluded.preferred_category, last_order_date = excluded.last_order_date")
                .params(customer, orders, new BigDecimal(netSpent), new BigDecimal(netSpent),
                        orders == 0 ? null : new BigDecimal(netSpent).divide(BigDecimal.valueOf(orders), 2,
                                java.math.RoundingMode.HALF_UP),
                        stage, lastActivity == null ? null : OffsetDateTime.ofInstant(lastActivity, ZoneOffset.UTC),
                        category, orders == 0 ? null : "purchased")
                .update();
    }

    /** An order with one item. */
    void order(UUID customer, String status, String paid, Instant at, String category, String sku) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO sales_order (id, shop_id, external_id, customer_id, origin_customer_id, status, currency, "
                        + "paid_amount, ordered_at, source) VALUES (?, ?, ?, ?, ?, ?, 'CNY', ?, ?, 'test')")
                .params(id, UUID.fromString(shop), "T-" + id, customer, customer, status, new BigDecimal(paid),
                        OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
        jdbc.sql("INSERT INTO order_item (order_id, line_no, sku, product_name, category, quantity, unit_price, amount) "
                        + "VALUES (?, 1, ?, ?, ?, 1, ?, ?)")
                .params(id, sku, "商品 " + sku, category, new BigDecimal(paid), new BigDecimal(paid)).update();
        // written behind the order module's back, so nobody announces it: bring the customer's purchase facts up to
        // date as the metrics upkeep does within seconds of an announced order
        new PurchaseFacts(jdbc).refresh(List.of(customer));
    }

    /** Behaviour events through the ingestion API. */
    void event(UUID customer, String type, Instant at, Map<String, Object> properties) {
        Map<String, Object> e = new HashMap<>();
        e.put("eventId", UUID.randomUUID().toString());
        e.put("type", type);
        e.put("occurredAt", at.toString());
        e.put("customerId", customer.toString());
        e.put("shopId", shop);
        e.put("properties", properties);
        ApiClient.Response r = api.post("/api/v1/events", e);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    static void await(String what, BooleanSupplier condition) {
        await(what, Duration.ofSeconds(15), condition);
    }

    static void await(String what, Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Waits for a job to succeed and returns it. */
    static JsonNode awaitJob(ApiClient api, String jobId) {
        JsonNode[] job = new JsonNode[1];
        await("job " + jobId + " ends", () -> {
            job[0] = api.get("/api/v1/jobs/" + jobId).json();
            String status = job[0].path("status").asString();
            return "SUCCEEDED".equals(status) || "FAILED".equals(status) || "CANCELLED".equals(status);
        });
        assertThat(job[0].path("status").asString()).as(job[0].toString()).isEqualTo("SUCCEEDED");
        return job[0];
    }
}
