package io.liuliang.ingest;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class EventIngestionIntegrationTests extends IntegrationTest {

    /** liuliang.events.survivor-cache-ttl (5 s), plus a second for the request itself on a busy machine. */
    private static final double SURVIVOR_CACHE_BOUND_SECONDS = 6;

    @Autowired
    private PlatformTransactionManager transactions;

    private ApiClient operator;
    private String shop;
    private String customer;

    @BeforeEach
    void setUp() {
        operator = signedIn("OPERATOR");
        shop = operator.post("/api/v1/shops", Map.of("platform", "wechat_mini", "name", uniqueName("小程序"))).json()
                .path("id").asString();
        customer = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "wechat_unionid", "value", "u-" + UUID.randomUUID())))).json().path("customerId").asString();
    }

    private Map<String, Object> event(String id, String type, String at) {
        Map<String, Object> e = new HashMap<>();
        e.put("eventId", id);
        e.put("type", type);
        e.put("occurredAt", at);
        e.put("customerId", customer);
        e.put("shopId", shop);
        e.put("properties", Map.of("sku", "MILK-900", "price", 89.9, "tags", List.of("母婴", "奶粉")));
        return e;
    }

    @Test
    void aRetriedBatchStoresNothingTwice() {
        List<Map<String, Object>> batch = new ArrayList<>();
        String prefix = UUID.randomUUID().toString();
        for (int i = 0; i < 100; i++) {
            batch.add(event(prefix + "-" + i, i % 2 == 0 ? "product_view" : "add_to_cart",
                    "2026-0" + (1 + i % 3) + "-1" + (i % 9) + "T10:00:00Z"));
        }
        JsonNode first = operator.post("/api/v1/events", batch).json();
        assertThat(first.path("stored").asInt()).isEqualTo(100);
        JsonNode retry = operator.post("/api/v1/events", batch).json();
        assertThat(retry.path("stored").asInt()).isZero();
        assertThat(retry.path("duplicates").asInt()).isEqualTo(100);
        assertThat(retry.path("results").get(0).path("status").asString()).isEqualTo("DUPLICATE");
        assertThat(jdbc.sql("SELECT count(*) FROM behaviour_event WHERE event_id LIKE ?").param(prefix + "%")
                .query(Long.class).single()).isEqualTo(100);
        // three monthly partitions hold them
        assertThat(jdbc.sql("SELECT count(DISTINCT tableoid) FROM behaviour_event WHERE event_id LIKE ?").param(prefix + "%")
                .query(Long.class).single()).isEqualTo(3);
    }

    @Test
    void aPartlyBadBatchKeepsTheGoodEventsAndSaysWhatIsWrongWithEachBadOne() {
        String prefix = UUID.randomUUID().toString();
        List<Object> batch = new ArrayList<>();
        batch.add(event(prefix + "-ok", "favorite", "2026-05-01T00:00:00Z"));
        batch.add(event(prefix + "-bad-type", "teleport", "2026-05-01T00:00:00Z"));
        batch.add(event(prefix + "-bad-time", "search", "yesterday"));
        Map<String, Object> custom = event(prefix + "-custom", "custom", "2026-05-01T00:00:00Z");
        batch.add(custom);
        Map<String, Object> nobody = event(prefix + "-nobody", "share", "2026-05-01T00:00:00Z");
        nobody.remove("customerId");
        batch.add(nobody);
        Map<String, Object> unknown = event(prefix + "-unknown", "share", "2026-05-01T00:00:00Z");
        unknown.put("customerId", UUID.randomUUID().toString());
        batch.add(unknown);
        batch.add("not an object");
        JsonNode result = operator.post("/api/v1/events", batch).json();
        assertThat(result.path("stored").asInt()).isEqualTo(1);
        assertThat(result.path("rejected").asInt()).isEqualTo(6);
        assertThat(field(result, 1)).isEqualTo("type");
        assertThat(field(result, 2)).isEqualTo("occurredAt");
        assertThat(field(result, 3)).isEqualTo("name");
        assertThat(field(result, 4)).isEqualTo("customerId");
        assertThat(field(result, 5)).isEqualTo("customerId");
    }

    @Test
    void aSingleEventWithIdentitiesResolvesTheCustomerAndAppearsInThe360View() {
        Map<String, Object> e = event(UUID.randomUUID().toString(), "live_view", "2026-11-11T20:00:00Z");
        e.remove("customerId");
        String openId = "openid-" + UUID.randomUUID();
        e.put("customer", Map.of("identities", List.of(Map.of("type", "wechat_openid", "value", openId)),
                "traits", Map.of("displayName", "直播观众")));
        ApiClient.Response created = operator.post("/api/v1/events", e);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("customerId").asString();
        JsonNode view = operator.get("/api/v1/customers/" + id).json();
        assertThat(view.path("displayName").asString()).isEqualTo("直播观众");
        JsonNode recent = view.path("recentEvents").get(0);
        assertThat(recent.path("type").asString()).isEqualTo("live_view");
        assertThat(recent.path("properties").path("tags").get(0).asString()).isEqualTo("母婴");
        assertThat(operator.post("/api/v1/events", e).status()).isEqualTo(200);
    }

    @Test
    void anonymousEventsAreKeptAndInvalidSingleEventsAreProblems() {
        Map<String, Object> anonymous = event(UUID.randomUUID().toString(), "page_view", "2026-03-03T03:03:03Z");
        anonymous.remove("customerId");
        anonymous.put("anonymousId", "device-cookie-" + UUID.randomUUID());
        assertThat(operator.post("/api/v1/events", anonymous).status()).isEqualTo(201);
        ApiClient.Response bad = operator.post("/api/v1/events", event("x", "page_view", "1999-12-31T00:00:00Z"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.json().path("errors").get(0).path("field").asString()).isEqualTo("occurredAt");
        ApiClient.Response denied = signedIn("ANALYST").post("/api/v1/events", anonymous);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.contentType()).startsWith("application/problem+json");
    }

    @Test
    void eventsFollowTheirCustomerThroughAMergeAndBack() {
        String phone = "136" + (10_000_000 + (long) (Math.random() * 89_999_999));
        String a = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "platform_buyer_id", "value", "a-" + phone, "shopId", shop), Map.of("type", "phone", "value", phone))))
                .json().path("customerId").asString();
        String bEventCustomer = UUID.randomUUID().toString();
        Map<String, Object> e = event(bEventCustomer, "review", "2026-07-07T07:07:07Z");
        e.remove("customerId");
        e.put("customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", "b-" + phone))));
        String b = operator.post("/api/v1/events", e).json().path("customerId").asString();
        assertThat(b).isNotEqualTo(a);
        // a record links b's buyer id to the phone: the two merge (into b, first seen earlier, at its event)
        JsonNode linked = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "platform_buyer_id", "value", "b-" + phone, "shopId", shop), Map.of("type", "phone", "value", phone))))
                .json();
        assertThat(linked.path("customerId").asString()).isEqualTo(b);
        assertThat(linked.path("merged").get(0).asString()).isEqualTo(a);
        assertThat(operator.get("/api/v1/customers/" + b).json().path("recentEvents").size()).isEqualTo(1);
        // an event sent for the merged-away customer lands on the survivor and goes back with the unmerge
        Map<String, Object> later = event(UUID.randomUUID().toString(), "share", "2026-11-01T00:00:00Z");
        later.put("customerId", a);
        assertThat(operator.post("/api/v1/events", later).json().path("customerId").asString()).isEqualTo(b);
        assertThat(operator.get("/api/v1/customers/" + b).json().path("recentEvents").size()).isEqualTo(2);

        assertThat(operator.post("/api/v1/customers/" + a + ":unmerge", null).status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/customers/" + b).json().path("recentEvents").size()).isEqualTo(1);
        JsonNode restored = operator.get("/api/v1/customers/" + a).json();
        assertThat(restored.path("recentEvents").size()).isEqualTo(1);
        assertThat(restored.path("recentEvents").get(0).path("type").asString()).isEqualTo("share");
    }

    @Test
    void aMergeThroughThisInstanceRedirectsTheNextEventAtOnce() {
        String phone = "137" + (10_000_000 + (long) (Math.random() * 89_999_999));
        String a = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "platform_buyer_id", "value", "a-" + phone, "shopId", shop)))).json().path("customerId").asString();
        String b = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "platform_buyer_id", "value", "b-" + phone, "shopId", shop), Map.of("type", "phone", "value", phone))))
                .json().path("customerId").asString();
        for (String id : List.of(a, b)) {
            // both are now known to stand for themselves
            Map<String, Object> before = event(UUID.randomUUID().toString(), "search", "2026-06-01T00:00:00Z");
            before.put("customerId", id);
            assertThat(operator.post("/api/v1/events", before).json().path("customerId").asString()).isEqualTo(id);
        }

        JsonNode linked = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "platform_buyer_id", "value", "a-" + phone, "shopId", shop), Map.of("type", "phone", "value", phone))))
                .json();
        String survivor = linked.path("customerId").asString();
        String mergedAway = survivor.equals(a) ? b : a;
        Map<String, Object> after = event(UUID.randomUUID().toString(), "search", "2026-06-02T00:00:00Z");
        after.put("customerId", mergedAway);
        JsonNode stored = operator.post("/api/v1/events", after).json();
        assertThat(stored.path("customerId").asString()).isEqualTo(survivor);
        assertThat(jdbc.sql("SELECT customer_id::text FROM behaviour_event WHERE event_id = ?").param(after.get("eventId"))
                .query(String.class).single()).isEqualTo(survivor);
    }

    @Test
    void aMergeMadeElsewhereIsFollowedWithinTheSurvivorCacheBound() {
        String a = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "device_id", "value", "dev-a-" + UUID.randomUUID())))).json().path("customerId").asString();
        String b = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "device_id", "value", "dev-b-" + UUID.randomUUID())))).json().path("customerId").asString();
        Map<String, Object> first = event(UUID.randomUUID().toString(), "share", "2026-06-03T00:00:00Z");
        first.put("customerId", a);
        assertThat(operator.post("/api/v1/events", first).json().path("customerId").asString()).isEqualTo(a);
        // another instance merged a into b (here: the database directly, so this instance hears nothing of it)
        jdbc.sql("UPDATE customer SET merged_into = ?::uuid, merged_at = now() WHERE id = ?::uuid").params(b, a).update();
        long start = System.nanoTime();
        String landedOn;
        do {
            Map<String, Object> next = event(UUID.randomUUID().toString(), "share", "2026-06-03T00:00:00Z");
            next.put("customerId", a);
            landedOn = operator.post("/api/v1/events", next).json().path("customerId").asString();
            assertThat((System.nanoTime() - start) / 1e9).as("events for a still land on a").isLessThan(2 * SURVIVOR_CACHE_BOUND_SECONDS);
        } while (!landedOn.equals(b));
        assertThat((System.nanoTime() - start) / 1e9).isLessThanOrEqualTo(SURVIVOR_CACHE_BOUND_SECONDS);
    }

    @Test
    void aBatchResolvesEachDistinctCustomerOnceAndReportsUnknownOnesPerItem() {
        String other = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "device_id", "value", "dev-" + UUID.randomUUID())))).json().path("customerId").asString();
        String prefix = UUID.randomUUID().toString();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Map<String, Object> e = event(prefix + "-" + i, "page_view", "2026-08-08T08:00:0" + (i % 10) + "Z");
            e.put("customerId", i % 3 == 0 ? customer : i % 3 == 1 ? other : UUID.randomUUID().toString());
            batch.add(e);
        }
        JsonNode result = operator.post("/api/v1/events", batch).json();
        assertThat(result.path("stored").asInt()).isEqualTo(20);
        assertThat(result.path("rejected").asInt()).isEqualTo(10);
        for (int i = 0; i < 30; i++) {
            JsonNode item = result.path("results").get(i);
            assertThat(item.path("index").asInt()).isEqualTo(i);
            if (i % 3 == 2) {
                assertThat(item.path("status").asString()).isEqualTo("REJECTED");
                assertThat(item.path("errors").get(0).path("message").asString()).startsWith("unknown customer");
            } else {
                assertThat(item.path("customerId").asString()).isEqualTo(i % 3 == 0 ? customer : other);
            }
        }
    }

    @Test
    void timesFinerThanMicrosecondsAreStoredAndRecognisedOnRetry() {
        Map<String, Object> e = event(UUID.randomUUID().toString(), "product_view", "2026-09-09T09:09:09.123456789Z");
        assertThat(operator.post("/api/v1/events", e).status()).isEqualTo(201);
        assertThat(operator.post("/api/v1/events", e).status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM behaviour_event WHERE event_id = ?").param(e.get("eventId"))
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aNewMonthsPartitionIsAddedWhileAnotherTransactionIsReadingEvents() throws Exception {
        YearMonth month = YearMonth.of(2000, 1);
        while (jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(String.format("behaviour_event_y%04dm%02d",
                month.getYear(), month.getMonthValue())).query(Boolean.class).single()) {
            month = month.plusMonths(1);
        }
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean stillOpen = new AtomicBoolean();
        Thread reader = new Thread(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            // a long reader, such as a segment refresh or a metrics rebuild, holds a lock on behaviour_event
            jdbc.sql("SELECT count(*) FROM behaviour_event WHERE customer_id = ?::uuid").param(customer)
                    .query(Long.class).single();
            reading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stillOpen.set(true);
        }));
        Map<String, Object> e = event(UUID.randomUUID().toString(), "search", month.atDay(15) + "T08:00:00Z");
        reader.start();
        try {
            assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
            // the first event of a month without a partition: created and attached without waiting for that reader
            ApiClient.Response stored = operator.post("/api/v1/events", e);
            assertThat(stored.status()).as(stored.body()).isEqualTo(201);
            assertThat(reader.isAlive()).isTrue();
        } finally {
            release.countDown();
            reader.join();
        }
        assertThat(stillOpen).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM behaviour_event WHERE customer_id = ?::uuid AND occurred_at >= ? "
                        + "AND occurred_at < ?")
                .params(UUID.fromString(customer), month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC),
                        month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC))
                .query(Long.class).single()).isEqualTo(1);
        // the attached partition has the parent's key: a retry is still a duplicate
        assertThat(operator.post("/api/v1/events", e).status()).isEqualTo(200);
    }

    @Test
    void thisAndNextMonthsPartitionsExistAhead() {
        YearMonth now = YearMonth.now(java.time.ZoneOffset.UTC);
        for (YearMonth month : List.of(now, now.plusMonths(1))) {
            assertThat(jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(String.format("behaviour_event_y%04dm%02d",
                    month.getYear(), month.getMonthValue())).query(Boolean.class).single()).as(month.toString()).isTrue();
        }
    }

    private static String field(JsonNode result, int index) {
        return result.path("results").get(index).path("errors").get(0).path("field").asString();
    }
}
