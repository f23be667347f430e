package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Metrics follow orders, refunds and merges within seconds; settings are validated and rescore at once. */
class MetricsIntegrationTests extends IntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    private ApiClient operator;
    private String shop;

    @Autowired
    private MetricsService metrics;

    @BeforeEach
    void shop() {
        operator = signedIn("OPERATOR");
        shop = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("指标店"))).json().path("id").asString();
    }

    private static String phone() {
        return "136" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    private Map<String, Object> order(String buyer, String phone, String status, Instant at, double paid,
                                      List<Map<String, Object>> refunds) {
        Map<String, Object> o = new HashMap<>();
        o.put("status", status);
        o.put("orderedAt", at.toString());
        o.put("paidAmount", paid);
        List<Map<String, Object>> identities = new ArrayList<>();
        identities.add(Map.of("type", "platform_buyer_id", "value", buyer));
        if (phone != null) {
            identities.add(Map.of("type", "phone", "value", phone));
        }
        o.put("customer", Map.of("identities", identities, "traits", Map.of("displayName", "买家" + buyer)));
        o.put("items", List.of(Map.of("sku", "LIP-01", "productName", "口红", "category", "美妆", "quantity", 2,
                "unitPrice", paid / 2)));
        o.put("refunds", refunds == null ? List.of() : refunds);
        return o;
    }

    private String put(String external, Map<String, Object> order) {
        ApiClient.Response r = operator.put("/api/v1/shops/" + shop + "/orders/" + external, order);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("customerId").asString();
    }

    private JsonNode metricsUntil(String customer, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        JsonNode m;
        do {
            m = operator.get("/api/v1/customers/" + customer + "/metrics").json();
            if (!m.path("metrics").isNull() && !m.path("metrics").isMissingNode() && done.test(m.path("metrics"))) {
                return m;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("metrics of " + customer + " did not get there within " + WITHIN + ": " + m);
    }

    @Test
    void anOrderARefundAndACancellationShowInTheMetricsWithinSeconds() throws Exception {
        String buyer = uniqueName("b");
        Instant twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS);
        String customer = put(uniqueName("o"), order(buyer, null, "paid", twoDaysAgo, 200, null));
        assertThat(customer).isNotBlank();

        JsonNode first = metricsUntil(customer, m -> m.path("orderCount").asInt() == 1);
        assertThat(first.path("metrics").path("netSpent").decimalValue()).isEqualByComparingTo("200");
        assertThat(first.path("metrics").path("units").asInt()).isEqualTo(2);
        assertThat(first.path("metrics").path("preferredCategory").asString()).isEqualTo("美妆");
        assertThat(first.path("metrics").path("preferredShopId").asString()).isEqualTo(shop);
        assertThat(first.path("metrics").path("lifecycleStage").asString()).isEqualTo("new");
        assertThat(first.path("lifecycleHistory").get(0).path("to").asString()).isEqualTo("new");

        // a second order with a partial refund, and a cancelled one that does not count
        String second = uniqueName("o");
        put(second, order(buyer, null, "completed", Instant.now().minus(1, ChronoUnit.DAYS), 300, null));
        put(uniqueName("o"), order(buyer, null, "cancelled", Instant.now(), 999, null));
        put(second, order(buyer, null, "partially_refunded", Instant.now().minus(1, ChronoUnit.DAYS), 300,
                List.of(Map.of("externalId", "r1", "amount", 50, "refundedAt", Instant.now().toString()))));
        JsonNode after = metricsUntil(customer, m -> m.path("orderCount").asInt() == 2
                && m.path("refunded").decimalValue().compareTo(new BigDecimal("50")) == 0);
        JsonNode m = after.path("metrics");
        assertThat(m.path("cancelledCount").asInt()).isEqualTo(1);
        assertThat(m.path("grossSpent").decimalValue()).isEqualByComparingTo("500");
        assertThat(m.path("netSpent").decimalValue()).isEqualByComparingTo("450");
        assertThat(m.path("aov").decimalValue()).isEqualByComparingTo("225");
        assertThat(m.path("refundRate").decimalValue()).isEqualByComparingTo("0.1");
        assertThat(m.path("avgDaysBetweenOrders").decimalValue()).isEqualByComparingTo("1");
        assertThat(m.path("recencyDays").asInt()).isBetween(0, 2);
        // the purchase facts segments read were written with the metrics: the cancelled order does not count, the
        // refund does
        assertThat(purchaseFacts(customer)).containsExactlyInAnyOrder("*|2|450.00", "美妆|2|450.00");
    }

    /** The customer's purchase facts as {@code category|orders|amount} ({@code *}: all orders of the shop). */
    private List<String> purchaseFacts(String customer) {
        return jdbc.sql("SELECT coalesce(category, '*') || '|' || orders || '|' || amount FROM customer_purchase_fact "
                + "WHERE customer_id = ?::uuid AND shop_id = ?::uuid").params(customer, shop).query(String.class).list();
    }

    private void purchaseFactsUntil(String customer, List<String> expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        while (!new java.util.HashSet<>(purchaseFacts(customer)).equals(new java.util.HashSet<>(expected))
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(purchaseFacts(customer)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aMergeAddsUpBothCustomersAndAnUnmergeSplitsThemAgain() throws Exception {
        String shared = phone();
        String a = put(uniqueName("o"), order(uniqueName("a"), null, "paid", Instant.now().minus(3, ChronoUnit.DAYS), 100, null));
        String b = put(uniqueName("o"), order(uniqueName("b"), null, "paid", Instant.now().minus(1, ChronoUnit.DAYS), 40, null));
        metricsUntil(a, x -> x.path("orderCount").asInt() == 1);
        metricsUntil(b, x -> x.path("orderCount").asInt() == 1);

        // one identify call that carries both buyers' ids links them (merge into the older, a)
        ApiClient.Response merged = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "platform_buyer_id", "value", buyerOf(a), "shopId", shop),
                Map.of("type", "platform_buyer_id", "value", buyerOf(b), "shopId", shop),
                Map.of("type", "phone", "value", shared))));
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        String survivor = merged.json().path("customerId").asString();
        String other = survivor.equals(a) ? b : a;
        JsonNode both = metricsUntil(survivor, x -> x.path("orderCount").asInt() == 2);
        assertThat(both.path("metrics").path("netSpent").decimalValue()).isEqualByComparingTo("140");
        assertThat(operator.get("/api/v1/customers/" + other + "/metrics").status()).isEqualTo(307);
        purchaseFactsUntil(survivor, List.of("*|2|140.00", "美妆|2|140.00"));
        purchaseFactsUntil(other, List.of());

        ApiClient.Response unmerge = operator.post("/api/v1/customers/" + other + ":unmerge", Map.of());
        assertThat(unmerge.status()).as(unmerge.body()).isEqualTo(200);
        metricsUntil(survivor, x -> x.path("orderCount").asInt() == 1);
        JsonNode back = metricsUntil(other, x -> x.path("orderCount").asInt() == 1);
        assertThat(back.path("metrics").path("netSpent").decimalValue())
                .isEqualByComparingTo(other.equals(a) ? "100" : "40");
        String backAmount = other.equals(a) ? "100.00" : "40.00";
        purchaseFactsUntil(other, List.of("*|1|" + backAmount, "美妆|1|" + backAmount));
        String stayAmount = other.equals(a) ? "40.00" : "100.00";
        purchaseFactsUntil(survivor, List.of("*|1|" + stayAmount, "美妆|1|" + stayAmount));
    }

    private String buyerOf(String customer) {
        return jdbc.sql("SELECT value_plain FROM customer_identity WHERE customer_id = ?::uuid AND type = 'platform_buyer_id'")
                .param(customer).query(String.class).single();
    }

    @Test
    void settingsAreValidatedFieldByFieldAndThresholdsRescoreAtOnce() throws Exception {
        JsonNode current = operator.get("/api/v1/metrics/settings").json();
        assertThat(current.path("settings").path("rfm").path("mode").asString()).isIn("QUINTILES", "THRESHOLDS");
        assertThat(current.path("settings").path("rfm").path("grid").size()).isEqualTo(25);

        Map<String, Object> bad = Map.of(
                "rfm", Map.of("mode", "THRESHOLDS", "thresholds", Map.of("recencyDays", List.of(30, 7, 90, 180),
                        "frequency", List.of(2, 3, 5), "monetary", List.of(100, 300, 500, 1000)),
                        "grid", current.path("settings").path("rfm").path("grid"), "quadrantHighScore", 9),
                "lifecycle", Map.of("newWithinDays", 30, "atRiskAfterDays", 90, "dormantAfterDays", 60, "lostAfterDays", 180));
        ApiClient.Response rejected = operator.put("/api/v1/metrics/settings", bad);
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.body()).contains("rfm.thresholds.recencyDays[1]", "rfm.thresholds.frequency",
                "rfm.quadrantHighScore", "lifecycle.dormantAfterDays");

        // the brief's 高价值: R <= 7 days, F >= 3, M >= 500 give 5s under these thresholds
        String buyer = uniqueName("vip");
        String customer = null;
        for (int i = 0; i < 3; i++) {
            customer = put(uniqueName("o"), order(buyer, null, "completed", Instant.now().minus(2 + i, ChronoUnit.DAYS), 200, null));
        }
        String vip = customer;
        metricsUntil(vip, x -> x.path("orderCount").asInt() == 3);
        Map<String, Object> thresholds = Map.of(
                "rfm", Map.of("mode", "THRESHOLDS", "thresholds", Map.of("recencyDays", List.of(7, 14, 30, 60),
                        "frequency", List.of(1, 2, 3, 4), "monetary", List.of(100, 200, 500, 1000)),
                        "grid", current.path("settings").path("rfm").path("grid"), "quadrantHighScore", 3),
                "lifecycle", Map.of("newWithinDays", 30, "atRiskAfterDays", 60, "dormantAfterDays", 90, "lostAfterDays", 180));
        try {
            ApiClient.Response saved = operator.put("/api/v1/metrics/settings", thresholds);
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            assertThat(saved.json().path("scale").path("mode").asString()).isEqualTo("THRESHOLDS");
            JsonNode m = operator.get("/api/v1/customers/" + vip + "/metrics").json().path("metrics");
            assertThat(m.path("r").asInt()).isEqualTo(5);   // 2 days <= 7
            assertThat(m.path("f").asInt()).isEqualTo(4);   // 3 orders >= 1, 2, 3
            assertThat(m.path("m").asInt()).isEqualTo(4);   // 600 >= 100, 200, 500
            assertThat(m.path("rfmSegment").asString()).isEqualTo("champions");
            assertThat(m.path("rfmQuadrant").asString()).isEqualTo("high_value");
            assertThat(jdbc.sql("SELECT count(*) FROM iam_audit_event WHERE action = 'SETTINGS_CHANGED'").query(Long.class).single())
                    .isPositive();
        } finally {
            Map<String, Object> defaults = new HashMap<>();
            defaults.put("rfm", current.path("defaults").path("rfm"));
            defaults.put("lifecycle", current.path("defaults").path("lifecycle"));
            assertThat(operator.put("/api/v1/metrics/settings", defaults).status()).isEqualTo(200);
        }
    }

    @Test
    void unknownCustomersAndBadParametersAreClearErrors() {
        assertThat(operator.get("/api/v1/customers/" + UUID.randomUUID() + "/metrics").status()).isEqualTo(404);
        ApiClient.Response future = operator.get("/api/v1/rfm?asOf=2999-01-01");
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("asOf");
        assertThat(operator.get("/api/v1/rfm?segment=vip").body()).contains("segment");
        assertThat(operator.get("/api/v1/rfm?shopId=" + UUID.randomUUID()).status()).isEqualTo(400);
        assertThat(signedIn("AGENT").get("/api/v1/rfm").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/rfm?format=xml").status()).isEqualTo(400);
    }

    @Test
    void theRfmListDownloadsAsCsv() throws Exception {
        String customer = put(uniqueName("o"), order(uniqueName("csv"), null, "paid", Instant.now().minus(1, ChronoUnit.DAYS), 80, null));
        metricsUntil(customer, x -> x.path("orderCount").asInt() == 1);
        ApiClient.Response csv = operator.get("/api/v1/rfm?format=csv&shopId=" + shop);
        assertThat(csv.status()).as(csv.body()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("\uFEFFcustomer_id,display_name,recency_days,frequency,monetary,r,f,m,segment,quadrant");
        assertThat(csv.body()).contains(customer + ",");
        assertThat(csv.body().lines().count()).isEqualTo(2);
    }

    @Test
    void aFullRebuildRecomputesEveryCustomerWhateverTheirId() throws Exception {
        // PostgreSQL orders uuids by their unsigned bytes: the rebuild's paging must start below every id (time-ordered
        // ids of new customers begin with 01…, below the 80… that the smallest signed Java UUID would suggest)
        String buyer = uniqueName("rb");
        String customer = put("RB-" + buyer, order(buyer, null, "paid", Instant.now().minus(3, ChronoUnit.DAYS), 50, null));
        metricsUntil(customer, m -> m.path("orderCount").asInt() == 1);
        jdbc.sql("DELETE FROM customer_metrics_base WHERE customer_id = ?::uuid").param(customer).update();
        jdbc.sql("DELETE FROM customer_purchase_fact WHERE customer_id = ?::uuid").param(customer).update();
        ApiClient.Response started = operator.post("/api/v1/metrics:recompute", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        SegmentFixtures.awaitJob(operator, started.json().path("jobId").asString());
        assertThat(jdbc.sql("SELECT order_count FROM customer_metrics_base WHERE customer_id = ?::uuid").param(customer)
                .query(Integer.class).optional()).contains(1);
        assertThat(purchaseFacts(customer)).containsExactlyInAnyOrder("*|1|50.00", "美妆|1|50.00");
    }

    @Test
    void aRebuildInSeveralStepsCoversEveryCustomerOnceAndResumesAfterItsCheckpoint() throws Exception {
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String buyer = uniqueName("steps");
            String customer = put("ST-" + buyer, order(buyer, null, "paid", Instant.now().minus(2 + i, ChronoUnit.DAYS), 30 + i, null));
            metricsUntil(customer, m -> m.path("orderCount").asInt() == 1);
            customers.add(customer);
        }
        String ids = "{" + String.join(",", customers) + "}";
        jdbc.sql("DELETE FROM customer_metrics_base WHERE customer_id = ANY (?::uuid[])").param(ids).update();
        jdbc.sql("DELETE FROM customer_purchase_fact WHERE customer_id = ANY (?::uuid[])").param(ids).update();
        long live = metrics.liveCustomers();
        int chunk = (int) Math.max(1, live / 3);
        List<UUID> checkpoints = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        java.time.OffsetDateTime started = jdbc.sql("SELECT now()").query(java.time.OffsetDateTime.class).single();
        metrics.rebuildAll(null, chunk, progress::add, checkpoints::add);
        assertThat(jdbc.sql("SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('customer_metrics_base', "
                        + "'customer_purchase_fact') AND last_vacuum >= ? AND last_analyze >= ?").params(started, started)
                .query(Integer.class).single()).as("both rewritten tables vacuumed and analysed after the rebuild").isEqualTo(2);

        assertThat(checkpoints).as("one checkpoint per step of %d customers", chunk).hasSizeGreaterThanOrEqualTo(3);
        assertThat(progress.get(progress.size() - 1)).as("every live customer once").isEqualTo(live);
        for (String customer : customers) {
            assertThat(jdbc.sql("SELECT order_count FROM customer_metrics_base WHERE customer_id = ?::uuid")
                    .param(customer).query(Integer.class).optional()).as(customer).contains(1);
            assertThat(purchaseFacts(customer)).as(customer).hasSize(2);
        }

        // resumed after the first step's checkpoint: only the customers above it are done again
        UUID firstStep = checkpoints.get(0);
        jdbc.sql("DELETE FROM customer_metrics_base WHERE customer_id = ANY (?::uuid[])").param(ids).update();
        List<Long> resumed = new ArrayList<>();
        metrics.rebuildAll(firstStep, chunk, resumed::add, last -> { });
        assertThat(resumed.get(resumed.size() - 1)).isEqualTo(live - progress.get(0));
        for (String customer : customers) {
            boolean afterCheckpoint = jdbc.sql("SELECT ?::uuid > ?::uuid").params(customer, firstStep)
                    .query(Boolean.class).single();
            assertThat(jdbc.sql("SELECT count(*) FROM customer_metrics_base WHERE customer_id = ?::uuid")
                    .param(customer).query(Integer.class).single()).as(customer).isEqualTo(afterCheckpoint ? 1 : 0);
        }
    }
}
