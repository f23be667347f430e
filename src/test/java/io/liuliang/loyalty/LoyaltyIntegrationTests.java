package io.liuliang.loyalty;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.order.OrdersChanged;
import io.liuliang.shared.CustomerId;
import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The loyalty program against the embedded PostgreSQL: earning once, reversing on refunds, tiers, spends, expiry. */
class LoyaltyIntegrationTests extends IntegrationTest {

    @Autowired
    private ApplicationEventPublisher publisher;
    @Autowired
    private TransactionTemplate tx;
    @Autowired
    private LoyaltyMaintenance maintenance;
    @Autowired
    private org.springframework.context.ConfigurableApplicationContext context;

    private ApiClient operator;
    private String shop;

    @BeforeEach
    void program() {
        operator = signedIn("OPERATOR");
        shop = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("会员店"))).json()
                .path("id").asString();
        ApiClient.Response p = operator.put("/api/v1/loyalty/program", Map.of("name", "留量会员", "pointsPerUnit", 1,
                "earnOn", "completed", "expiry", "end_of_following_year", "autoEnrol", true,
                "earnFrom", Instant.now().minus(30, ChronoUnit.DAYS).toString()));
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        ApiClient.Response tiers = operator.put("/api/v1/loyalty/tiers", List.of(
                tier("silver", "银卡", 100, 1.2, 3, 7),
                tier("gold", "金卡", 1_000, 1.5, 5, 0)));
        assertThat(tiers.status()).as(tiers.body()).isEqualTo(200);
    }

    @AfterEach
    void disable() {
        // the program is the merchant's one: other tests' orders must not earn
        operator.put("/api/v1/loyalty/program", Map.of("name", "留量会员", "pointsPerUnit", 1, "enabled", false));
    }

    private static Map<String, Object> tier(String code, String name, double threshold, double multiplier, double discount,
                                            int grace) {
        Map<String, Object> t = new HashMap<>();
        t.put("code", code);
        t.put("name", name);
        t.put("qualifyBy", "net_spend_12m");
        t.put("threshold", threshold);
        t.put("pointsMultiplier", multiplier);
        t.put("discountPercent", discount);
        t.put("graceDays", grace);
        return t;
    }

    private Map<String, Object> order(String buyer, String status, double paid, List<Map<String, Object>> refunds) {
        Map<String, Object> o = new HashMap<>();
        o.put("status", status);
        o.put("orderedAt", Instant.now().minus(2, ChronoUnit.DAYS).toString());
        o.put("paidAmount", paid);
        o.put("customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer))));
        o.put("items", List.of(Map.of("sku", "SKU-1", "productName", "商品", "quantity", 1, "unitPrice", paid)));
        o.put("refunds", refunds == null ? List.of() : refunds);
        return o;
    }

    private String put(String external, Map<String, Object> order) {
        ApiClient.Response r = operator.put("/api/v1/shops/" + shop + "/orders/" + external, order);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("customerId").asString();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting until " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private long balance(String customer) {
        return operator.get("/api/v1/loyalty/members/" + customer).json().path("balance").asLong();
    }

    private long ledgerSum(String customer) {
        return jdbc.sql("SELECT coalesce(sum(points), 0) FROM points_entry WHERE customer_id = ?::uuid").param(customer)
                .query(Long.class).single();
    }

    @Test
    void anOrderCompletedTwiceEarnsOnceAndItsRefundTakesItsShareBack() throws Exception {
        String buyer = uniqueName("earn");
        String external = "L-" + UUID.randomUUID();
        String customer = put(external, order(buyer, "completed", 200, null));
        await("the order earns", () -> operator.get("/api/v1/loyalty/members/" + customer).status() == 200
                && balance(customer) == 200);
        // the same completion delivered again, twice (at-least-once delivery)
        for (int i = 0; i < 2; i++) {
            tx.executeWithoutResult(s -> publisher.publishEvent(new OrdersChanged(Set.of(new CustomerId(UUID.fromString(customer))))));
        }
        put(external, order(buyer, "completed", 200, null));
        Thread.sleep(1_000);
        assertThat(balance(customer)).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM points_entry WHERE customer_id = ?::uuid AND kind = 'earn'")
                .param(customer).query(Long.class).single()).isEqualTo(1);
        // crossing 100 of net spend made them silver at once
        JsonNode member = operator.get("/api/v1/loyalty/members/" + customer).json();
        assertThat(member.path("tier").asString()).isEqualTo("silver");
        assertThat(member.path("memberNo").asString()).startsWith("M");
        assertThat(member.path("progress").path("nextTier").asString()).isEqualTo("gold");
        assertThat(member.path("progress").path("remaining").decimalValue()).isEqualByComparingTo("800");
        // a refund of 50 of the 200 takes back a quarter of the points
        put(external, order(buyer, "partially_refunded", 200, List.of(Map.of("externalId", "RF-1", "amount", 50,
                "refundedAt", Instant.now().toString()))));
        await("the refund reverses 50 points", () -> balance(customer) == 150);
        List<String> kinds = new ArrayList<>();
        operator.get("/api/v1/loyalty/members/" + customer + "/points").json().path("items")
                .forEach(e -> kinds.add(e.path("kind").asString() + " " + e.path("points").asLong()));
        assertThat(kinds).containsExactly("reverse -50", "earn 200");
        assertThat(ledgerSum(customer)).isEqualTo(balance(customer));
        // cancelled altogether: the rest goes back too, never below zero
        put(external, order(buyer, "cancelled", 200, List.of(Map.of("externalId", "RF-1", "amount", 50,
                "refundedAt", Instant.now().toString()))));
        await("the cancellation reverses the rest", () -> balance(customer) == 0);
        assertThat(ledgerSum(customer)).isZero();
    }

    @Test
    void crossingAThresholdUpgradesAtOnceAndFallingBelowDowngradesAfterTheGracePeriod() throws Exception {
        // tier changes are published from listener and job threads: listen on the context for the duration
        List<TierChanged> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        org.springframework.context.ApplicationListener<org.springframework.context.PayloadApplicationEvent<TierChanged>> listener =
                e -> published.add(e.getPayload());
        context.addApplicationListener(listener);
        try {
            upgradeAndDowngrade(published);
        } finally {
            context.removeApplicationListener(listener);
        }
    }

    private void upgradeAndDowngrade(List<TierChanged> published) throws Exception {
        String buyer = uniqueName("tier");
        String external = "T-" + UUID.randomUUID();
        String customer = put(external, order(buyer, "completed", 150, null));
        await("silver at once", () -> operator.get("/api/v1/loyalty/members/" + customer).status() == 200
                && "silver".equals(operator.get("/api/v1/loyalty/members/" + customer).json().path("tier").asString()));
        // the order is refunded in full: net spend 0, below silver's 100
        put(external, order(buyer, "refunded", 150, List.of(Map.of("externalId", "RF-T", "amount", 150,
                "refundedAt", Instant.now().toString()))));
        await("the points go back", () -> balance(customer) == 0);
        evaluate();
        JsonNode atRisk = operator.get("/api/v1/loyalty/members/" + customer).json();
        assertThat(atRisk.path("tier").asString()).isEqualTo("silver");
        assertThat(atRisk.path("downgradeDueAt").isNull()).isFalse();
        // the grace period (7 days) passes
        jdbc.sql("UPDATE loyalty_member SET downgrade_due_at = now() - interval '1 minute' WHERE customer_id = ?::uuid")
                .param(customer).update();
        evaluate();
        JsonNode after = operator.get("/api/v1/loyalty/members/" + customer).json();
        assertThat(after.path("tier").isNull()).as(after.toString()).isTrue();
        List<String> history = new ArrayList<>();
        operator.get("/api/v1/loyalty/members/" + customer + "/tier-history").json()
                .forEach(h -> history.add(h.path("change").asString()));
        assertThat(history).containsExactly("downgraded", "at_risk", "upgraded");
        assertThat(published.stream().filter(e -> e.customer().value().toString().equals(customer))
                .map(e -> e.change() + " " + e.fromTier() + "→" + e.toTier()))
                .containsExactly("upgraded null→silver", "at_risk silver→null", "downgraded silver→null");
    }

    private void evaluate() {
        ApiClient.Response started = operator.post("/api/v1/loyalty/tiers:evaluate", null);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String job = started.json().path("jobId").asString();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"SUCCEEDED".equals(operator.get("/api/v1/jobs/" + job).json().path("status").asString())) {
            assertThat(operator.get("/api/v1/jobs/" + job).json().path("status").asString()).isNotIn("FAILED", "CANCELLED");
            assertThat(System.nanoTime()).as("the evaluation ends").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void concurrentSpendsNeverOverdrawAndRetriesPostOnce() throws Exception {
        String customer = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "loyal-" + UUID.randomUUID())))).json().path("customerId").asString();
        // points that never expire: their lots carry no expiry
        assertThat(operator.put("/api/v1/loyalty/program", Map.of("name", "留量会员", "pointsPerUnit", 1,
                "expiry", "never")).status()).isEqualTo(200);
        ApiClient.Response enrolled = operator.post("/api/v1/loyalty/members", Map.of("customerId", customer));
        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
        // the member number is one of the customer's identities: the customer is found by it
        String memberNo = enrolled.json().path("memberNo").asString();
        List<String> found = new ArrayList<>();
        operator.get("/api/v1/customers?q=" + memberNo).json().path("items").forEach(c -> found.add(c.path("id").asString()));
        assertThat(found).containsExactly(customer);
        String request = UUID.randomUUID().toString();
        ApiClient.Response added = operator.post("/api/v1/loyalty/members/" + customer + "/points:adjust",
                Map.of("points", 150, "reason", "开业补偿", "requestId", request));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        ApiClient.Response retried = operator.post("/api/v1/loyalty/members/" + customer + "/points:adjust",
                Map.of("points", 150, "reason", "开业补偿", "requestId", request));
        assertThat(retried.json().path("replayed").asBoolean()).isTrue();
        assertThat(balance(customer)).isEqualTo(150);
        assertThat(jdbc.sql("SELECT count(*) FROM points_lot WHERE customer_id = ?::uuid AND expires_at IS NULL")
                .param(customer).query(Long.class).single()).isEqualTo(1);
        int n = 10;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String id = "spend-" + i + "-" + UUID.randomUUID();
                answers.add(pool.submit(() -> {
                    start.await();
                    return operator.post("/api/v1/loyalty/members/" + customer + "/points:spend",
                            Map.of("points", 20, "reason", "兑换", "requestId", id));
                }));
            }
            start.countDown();
            int ok = 0;
            int refused = 0;
            for (Future<ApiClient.Response> f : answers) {
                ApiClient.Response r = f.get();
                if (r.status() == 200) {
                    ok++;
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(409);
                    assertThat(r.body()).contains("fewer than the 20 asked for");
                    refused++;
                }
            }
            assertThat(ok).isEqualTo(7);
            assertThat(refused).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance(customer)).isEqualTo(10);
        assertThat(ledgerSum(customer)).isEqualTo(10);
        assertThat(jdbc.sql("SELECT sum(remaining) FROM points_lot WHERE customer_id = ?::uuid").param(customer)
                .query(Long.class).single()).isEqualTo(10);
        // bad requests name their fields
        ApiClient.Response bad = operator.post("/api/v1/loyalty/members/" + customer + "/points:spend", Map.of("points", -5));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("points", "requestId");
        assertThat(operator.get("/api/v1/loyalty/members/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    private UUID memberRow() {
        return memberRow(UUID.randomUUID());
    }

    /** A member row straight in the table (the ledger's own tests need no customer). */
    private UUID memberRow(UUID id) {
        jdbc.sql("INSERT INTO loyalty_member (customer_id, origin_customer_id, member_no, enrolled_by) "
                + "VALUES (?, ?, 'T' || ?, 'test')").params(id, id, id.toString()).update();
        return id;
    }

    /** Balance, ledger sum and open lots of a member, in that order. */
    private List<Long> books(UUID member) {
        return jdbc.sql("SELECT (SELECT balance FROM loyalty_member WHERE customer_id = :c), "
                        + "(SELECT coalesce(sum(points), 0) FROM points_entry WHERE customer_id = :c), "
                        + "(SELECT coalesce(sum(remaining), 0) FROM points_lot WHERE customer_id = :c)")
                .param("c", member).query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3))).single();
    }

    @Test
    void aSourcePostedConcurrentlyOutsideATransactionPostsOnceAndAMissingMemberClaimsNothing() throws Exception {
        PointsLedger ledger = context.getBean(PointsLedger.class);
        UUID member = memberRow();
        String source = "test:" + UUID.randomUUID();
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PointsLedger.Posted>> posts = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                // each its own durable statement: no transaction around it
                posts.add(pool.submit(() -> {
                    start.await();
                    return ledger.post(member, EntryKind.ADJUST, 50, source, "retried", null, null, null,
                            PointsLedger.Shortfall.REFUSE, null);
                }));
            }
            start.countDown();
            Set<Long> ids = new java.util.HashSet<>();
            int fresh = 0;
            for (Future<PointsLedger.Posted> f : posts) {
                PointsLedger.Posted p = f.get();
                ids.add(p.entry().id());
                assertThat(p.entry().balanceAfter()).isEqualTo(50);
                fresh += p.replayed() ? 0 : 1;
            }
            assertThat(fresh).isEqualTo(1);
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(books(member)).containsExactly(50L, 50L, 50L);
        assertThat(jdbc.sql("SELECT count(*) FROM points_lot WHERE source_key = ?").param(source).query(Long.class)
                .single()).isEqualTo(1);
        // a credit for someone who is not a member is a 404 that leaves no claim behind: a later retry can post
        UUID stranger = UUID.randomUUID();
        String early = "test:" + UUID.randomUUID();
        try {
            ledger.post(stranger, EntryKind.ADJUST, 10, early, "too early", null, null, null, PointsLedger.Shortfall.REFUSE,
                    null);
            throw new AssertionError("posted for a non-member");
        } catch (io.liuliang.shared.ApiProblemException e) {
            assertThat(e.getMessage()).contains("loyalty member");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM points_source WHERE source_key = ?").param(early).query(Long.class)
                .single()).isZero();
        memberRow(stranger);
        assertThat(ledger.post(stranger, EntryKind.ADJUST, 10, early, "now a member", null, null, null,
                PointsLedger.Shortfall.REFUSE, null).replayed()).isFalse();
        assertThat(books(stranger)).containsExactly(10L, 10L, 10L);
    }

    @Test
    void bulkCreditsPostEachSourceOnceWithRunningBalancesAndConcurrentBatchesNeverDeadlock() throws Exception {
        PointsLedger ledger = context.getBean(PointsLedger.class);
        UUID a = memberRow();
        UUID b = memberRow();
        UUID stranger = UUID.randomUUID();
        String run = UUID.randomUUID().toString();
        Instant expiry = Instant.now().plus(400, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        assertThat(ledger.post(a, EntryKind.ADJUST, 5, "bulk:" + run + ":before", "earlier", null, null, null,
                PointsLedger.Shortfall.REFUSE, null).replayed()).isFalse();
        List<PointsLedger.Credit> credits = List.of(
                new PointsLedger.Credit(a, EntryKind.EARN, 10, "bulk:" + run + ":1", "one", null, expiry, null),
                new PointsLedger.Credit(b, EntryKind.EARN, 20, "bulk:" + run + ":2", "two", null, null, null),
                new PointsLedger.Credit(a, EntryKind.EARN, 30, "bulk:" + run + ":3", "three", null, null, null),
                new PointsLedger.Credit(a, EntryKind.EARN, 10, "bulk:" + run + ":1", "one again", null, null, null),
                new PointsLedger.Credit(a, EntryKind.EARN, 5, "bulk:" + run + ":before", "earlier again", null, null, null),
                new PointsLedger.Credit(stranger, EntryKind.EARN, 7, "bulk:" + run + ":4", "nobody", null, null, null));
        List<java.util.Optional<PointsLedger.Posted>> posted = ledger.credit(credits);
        assertThat(posted.subList(0, 5)).allMatch(java.util.Optional::isPresent);
        assertThat(posted.get(5)).isEmpty();
        assertThat(posted.stream().flatMap(java.util.Optional::stream).map(PointsLedger.Posted::replayed))
                .containsExactly(false, false, false, true, true);
        // each entry's balance_after is the member's balance up to it
        assertThat(posted.get(0).orElseThrow().entry().balanceAfter()).isEqualTo(15);
        assertThat(posted.get(2).orElseThrow().entry().balanceAfter()).isEqualTo(45);
        assertThat(posted.get(1).orElseThrow().entry().balanceAfter()).isEqualTo(20);
        assertThat(posted.get(3).orElseThrow().entry().id()).isEqualTo(posted.get(0).orElseThrow().entry().id());
        assertThat(books(a)).containsExactly(45L, 45L, 45L);
        assertThat(books(b)).containsExactly(20L, 20L, 20L);
        assertThat(jdbc.sql("SELECT expires_at FROM points_lot WHERE source_key = ?").param("bulk:" + run + ":1")
                .query(java.sql.Timestamp.class).single().toInstant()).isEqualTo(expiry);
        assertThat(jdbc.sql("SELECT count(*) FROM points_source WHERE source_key = ?").param("bulk:" + run + ":4")
                .query(Long.class).single()).isZero();
        // the same batch again posts nothing new
        assertThat(ledger.credit(credits).stream().flatMap(java.util.Optional::stream)
                .allMatch(PointsLedger.Posted::replayed)).isTrue();
        assertThat(books(a)).containsExactly(45L, 45L, 45L);
        // batches over the same members in opposite orders, with single postings among them, all concurrently
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            members.add(memberRow());
        }
        int batches = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int t = 0; t < batches; t++) {
                int batch = t;
                work.add(pool.submit(() -> {
                    List<PointsLedger.Credit> list = new ArrayList<>();
                    for (int i = 0; i < members.size(); i++) {
                        UUID m = members.get(batch % 2 == 0 ? i : members.size() - 1 - i);
                        list.add(new PointsLedger.Credit(m, EntryKind.ADJUST, 1, "bulk:" + run + ":" + batch + ":" + m,
                                null, null, null, null));
                    }
                    ledger.credit(list);
                    ledger.post(members.get(batch % members.size()), EntryKind.ADJUST, 1, "bulk:" + run + ":single:" + batch,
                            null, null, null, null, PointsLedger.Shortfall.REFUSE, null);
                    return null;
                }));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long total = 0;
        for (UUID m : members) {
            List<Long> books = books(m);
            assertThat(books.get(0)).isEqualTo(books.get(1)).isEqualTo(books.get(2));
            total += books.get(0);
        }
        assertThat(total).isEqualTo((long) batches * members.size() + batches);
    }

    @Test
    void bulkCreditsThroughTheApiPostOncePerRequestIdAlongsideSingleAdjustments() {
        String member = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "bulk-" + UUID.randomUUID())))).json().path("customerId").asString();
        String other = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "bulk-" + UUID.randomUUID())))).json().path("customerId").asString();
        assertThat(operator.post("/api/v1/loyalty/members", Map.of("customerId", member)).status()).isEqualTo(200);
        String run = UUID.randomUUID().toString();
        List<Map<String, Object>> items = List.of(
                Map.of("customerId", member, "points", 100, "reason", "迁移积分", "requestId", run + "-1"),
                Map.of("customerId", member, "points", 50, "reason", "活动奖励", "requestId", run + "-2"),
                Map.of("customerId", other, "points", 70, "reason", "迁移积分", "requestId", run + "-3"));
        ApiClient.Response first = operator.post("/api/v1/loyalty/points:credit", Map.of("items", items));
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode out = first.json().path("items");
        assertThat(out.get(0).path("posted").asBoolean()).isTrue();
        assertThat(out.get(0).path("replayed").asBoolean()).isFalse();
        assertThat(out.get(1).path("entry").path("balanceAfter").asLong()).isEqualTo(150);
        assertThat(out.get(2).path("posted").asBoolean()).isFalse();
        assertThat(out.get(2).path("reason").asString()).isEqualTo("not_a_member");
        // the lots expire by the program's rule, as a single adjustment's do
        assertThat(jdbc.sql("SELECT count(*) FROM points_lot WHERE customer_id = ?::uuid AND expires_at IS NOT NULL")
                .param(member).query(Long.class).single()).isEqualTo(2);
        // a retry of the batch, and a single adjustment with one of its request ids, post nothing again
        JsonNode again = operator.post("/api/v1/loyalty/points:credit", Map.of("items", items)).json().path("items");
        assertThat(again.get(0).path("replayed").asBoolean()).isTrue();
        assertThat(again.get(1).path("entry").path("id").asLong()).isEqualTo(out.get(1).path("entry").path("id").asLong());
        assertThat(operator.post("/api/v1/loyalty/members/" + member + "/points:adjust", Map.of("points", 100,
                "reason", "迁移积分", "requestId", run + "-1")).json().path("replayed").asBoolean()).isTrue();
        assertThat(balance(member)).isEqualTo(150);
        assertThat(ledgerSum(member)).isEqualTo(150);
        // bad items name their place in the list
        ApiClient.Response bad = operator.post("/api/v1/loyalty/points:credit", Map.of("items", List.of(
                Map.of("customerId", member, "points", -5, "reason", "x", "requestId", run + "-4"),
                Map.of("customerId", member, "points", 5, "requestId", run + "-5"))));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("items[0].points", "items[1].reason");
        assertThat(operator.post("/api/v1/loyalty/points:credit", Map.of("items", List.of())).status()).isEqualTo(400);
        assertThat(balance(member)).isEqualTo(150);
    }

    @Test
    void expiredLotsExpireOldestFirstAndOnlyThemselves() {
        String customer = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "expire-" + UUID.randomUUID())))).json().path("customerId").asString();
        operator.post("/api/v1/loyalty/members", Map.of("customerId", customer));
        operator.post("/api/v1/loyalty/members/" + customer + "/points:adjust", Map.of("points", 100, "reason", "旧积分",
                "requestId", UUID.randomUUID().toString()));
        operator.post("/api/v1/loyalty/members/" + customer + "/points:adjust", Map.of("points", 40, "reason", "新积分",
                "requestId", UUID.randomUUID().toString()));
        // spending 30 takes them from the oldest lot
        operator.post("/api/v1/loyalty/members/" + customer + "/points:spend", Map.of("points", 30,
                "requestId", UUID.randomUUID().toString()));
        List<Long> remaining = jdbc.sql("SELECT remaining FROM points_lot WHERE customer_id = ?::uuid ORDER BY id")
                .param(customer).query(Long.class).list();
        assertThat(remaining).containsExactly(70L, 40L);
        jdbc.sql("UPDATE points_lot SET expires_at = now() - interval '1 day' WHERE id = (SELECT min(id) FROM points_lot "
                + "WHERE customer_id = ?::uuid)").param(customer).update();
        maintenance.expireDue();
        maintenance.expireDue();
        assertThat(balance(customer)).isEqualTo(40);
        assertThat(ledgerSum(customer)).isEqualTo(40);
        assertThat(jdbc.sql("SELECT count(*) FROM points_entry WHERE customer_id = ?::uuid AND kind = 'expire'")
                .param(customer).query(Long.class).single()).isEqualTo(1);
        JsonNode overview = operator.get("/api/v1/loyalty/overview").json();
        assertThat(overview.path("outstandingPoints").asLong()).isGreaterThanOrEqualTo(40);
        assertThat(overview.path("months").size()).isPositive();
    }

    @Test
    void tierLaddersAreValidatedAndWarnedAboutByTheBriefsRules() {
        ApiClient.Response bad = operator.put("/api/v1/loyalty/tiers", List.of(tier("Silver!", "", -1, 0, 120, 0)));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("tiers[0].code", "tiers[0].name", "tiers[0].threshold", "tiers[0].pointsMultiplier",
                "tiers[0].discountPercent");
        List<Map<String, Object>> ladder = new ArrayList<>();
        ladder.add(tier("normal", "普通", 50, 1, 0, 0));
        ladder.add(tier("silver", "银卡", 100, 1.2, 3, 7));
        ladder.add(tier("gold", "金卡", 1_000, 1.25, 3, 0));
        ladder.add(tier("platinum", "铂金", 2_000, 1.8, 5, 0));
        ladder.add(tier("diamond", "钻石", 4_000, 2.5, 8, 0));
        ladder.add(tier("black", "黑卡", 8_000, 3.5, 12, 0));
        ApiClient.Response saved = operator.put("/api/v1/loyalty/tiers", ladder);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        List<String> rules = new ArrayList<>();
        saved.json().path("warnings").forEach(w -> rules.add(w.path("field").asString() + " " + w.path("rule").asString()));
        assertThat(rules).containsExactlyInAnyOrder("tiers at_most_5_tiers", "tiers[2].threshold step_at_most_2_5x",
                "tiers[2] benefits_differ_30_percent");
        assertThat(saved.json().path("tiers").size()).isEqualTo(6);
        ApiClient.Response descending = operator.put("/api/v1/loyalty/tiers", List.of(tier("a", "A", 500, 1, 0, 0),
                tier("b", "B", 100, 2, 5, 0)));
        assertThat(descending.status()).isEqualTo(400);
        assertThat(descending.body()).contains("tiers[1].threshold");
        assertThat(signedIn("SALES").get("/api/v1/loyalty/tiers").status()).isEqualTo(403);
        assertThat(operator.put("/api/v1/loyalty/tiers", List.of(tier("silver", "银卡", 100, 1.2, 3, 7),
                tier("gold", "金卡", 1_000, 1.5, 5, 0))).status()).isEqualTo(200);
    }

    @Test
    void pointsFollowAMergeAndAreSplitAgainByAnUnmerge() {
        String unionA = "u-" + UUID.randomUUID();
        String emailB = "b" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String a = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "wechat_unionid", "value", unionA)))).json().path("customerId").asString();
        String b = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "email", "value", emailB)))).json().path("customerId").asString();
        for (String[] c : new String[][] {{a, "100"}, {b, "40"}}) {
            operator.post("/api/v1/loyalty/members", Map.of("customerId", c[0]));
            assertThat(operator.post("/api/v1/loyalty/members/" + c[0] + "/points:adjust", Map.of("points",
                    Long.parseLong(c[1]), "reason", "迁移", "requestId", UUID.randomUUID().toString())).status()).isEqualTo(200);
        }
        // two members hold two member numbers: One-ID does not merge them on its own (a member number names one
        // person), the reviewer does
        ApiClient.Response linked = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "wechat_unionid", "value", unionA), Map.of("type", "email", "value", emailB))));
        assertThat(linked.json().path("conflictId").isNull()).as(linked.body()).isFalse();
        ApiClient.Response merged = operator.post("/api/v1/customers:merge", Map.of("customerIds", List.of(a, b),
                "reason", "同一人两个会员号"));
        assertThat(merged.status()).as(merged.body()).isIn(200, 204, 303, 307);
        String survivor = operator.get("/api/v1/loyalty/members/" + b).json().path("customerId").asString();
        String other = survivor.equals(a) ? b : a;
        assertThat(balance(survivor)).isEqualTo(140);
        assertThat(ledgerSum(survivor)).isEqualTo(140);
        // the merged-away id answers for the survivor
        assertThat(operator.get("/api/v1/loyalty/members/" + other).json().path("customerId").asString()).isEqualTo(survivor);
        // a spend of the merged time uses both sides' lots, oldest first
        assertThat(operator.post("/api/v1/loyalty/members/" + survivor + "/points:spend", Map.of("points", 120,
                "requestId", UUID.randomUUID().toString())).status()).isEqualTo(200);
        ApiClient.Response unmerge = operator.post("/api/v1/customers/" + other + ":unmerge", Map.of());
        assertThat(unmerge.status()).as(unmerge.body()).isEqualTo(200);
        long total = 0;
        for (String c : List.of(survivor, other)) {
            long balance = balance(c);
            assertThat(ledgerSum(c)).as(c).isEqualTo(balance);
            assertThat(jdbc.sql("SELECT coalesce(sum(remaining), 0) FROM points_lot WHERE customer_id = ?::uuid").param(c)
                    .query(Long.class).single()).isEqualTo(balance);
            total += balance;
        }
        assertThat(total).isEqualTo(20);
    }

    @Test
    void aCouponForGoldMembersIsIssuedAndRedeemedOnlyByGoldMembers() {
        String silverMember = member();
        String goldMember = member();
        setTier(silverMember, "silver");
        setTier(goldMember, "gold");
        Map<String, Object> t = new HashMap<>();
        t.put("name", uniqueName("金卡专享"));
        t.put("kind", "amount_off");
        t.put("amountOff", 20);
        t.put("validityType", "relative");
        t.put("validDays", 7);
        t.put("minTier", "platinum-nope");
        ApiClient.Response unknown = operator.post("/api/v1/coupon-templates", t);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().path("errors").get(0).path("field").asString()).isEqualTo("minTier");
        t.put("minTier", "gold");
        ApiClient.Response created = operator.post("/api/v1/coupon-templates", t);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("minTier").asString()).isEqualTo("gold");
        JsonNode issued = operator.post("/api/v1/coupon-templates/" + created.json().path("id").asString() + ":issue",
                Map.of("customerIds", List.of(silverMember, goldMember), "requestId", UUID.randomUUID().toString())).json();
        assertThat(issued.path("results").get(0).path("status").asString()).isEqualTo("REJECTED");
        assertThat(issued.path("results").get(0).path("error").path("message").asString()).contains("tier gold");
        assertThat(issued.path("results").get(1).path("status").asString()).isEqualTo("ISSUED");
        String code = issued.path("results").get(1).path("code").asString();
        // lowered to silver before using it: refused at the checkout
        setTier(goldMember, "silver");
        ApiClient.Response refused = operator.post("/api/v1/coupons/" + code + ":redeem", Map.of("shopId", shop,
                "orderId", "G-" + UUID.randomUUID(), "orderAmount", 100));
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().path("reason").asString()).isEqualTo("below_tier");
        setTier(goldMember, "gold");
        // what the member's app lists: coupons usable now, for a token that may only act for members
        String token = operator.post("/api/v1/tokens", Map.of("name", "app", "expiresInDays", 1,
                "permissions", List.of("loyalty.member"))).json().path("secret").asString();
        ApiClient app = ApiClient.withToken(port, token);
        JsonNode available = app.get("/api/v1/customers/" + goldMember + "/coupons?available=true").json().path("items");
        assertThat(available.size()).isEqualTo(1);
        assertThat(available.get(0).path("code").asString()).isEqualTo(code);
        assertThat(operator.post("/api/v1/coupons/" + code + ":redeem", Map.of("shopId", shop,
                "orderId", "G-" + UUID.randomUUID(), "orderAmount", 100)).status()).isEqualTo(200);
        assertThat(app.get("/api/v1/customers/" + goldMember + "/coupons?available=true").json().path("items").size())
                .isZero();
    }

    private String member() {
        String customer = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "tier-" + UUID.randomUUID())))).json().path("customerId").asString();
        assertThat(operator.post("/api/v1/loyalty/members", Map.of("customerId", customer)).status()).isEqualTo(200);
        return customer;
    }

    private void setTier(String customer, String code) {
        jdbc.sql("UPDATE loyalty_member SET tier_id = (SELECT id FROM loyalty_tier WHERE code = ?) WHERE customer_id = ?::uuid")
                .params(code, customer).update();
    }

    @Test
    void theTemplatesTasksEarnWithinTheirLimitsAndTheBadgeUnlocksAt5000Points() throws Exception {
        assertThat(operator.post("/api/v1/loyalty/program:install-template", null).status()).isEqualTo(204);
        List<String> tasks = new ArrayList<>();
        operator.get("/api/v1/loyalty/tasks").json().forEach(t -> tasks.add(t.path("code").asString() + " "
                + t.path("rewardPoints").asLong()));
        assertThat(tasks).contains("daily_check_in 10", "weekly_share 50", "monthly_review 200");
        // the existing ladder is kept
        assertThat(operator.get("/api/v1/loyalty/tiers").json().path("tiers").size()).isEqualTo(2);
        // a mini-program's back end: a token that may only act for members
        String token = operator.post("/api/v1/tokens", Map.of("name", "mini-program", "expiresInDays", 1,
                "permissions", List.of("loyalty.member"))).json().path("secret").asString();
        ApiClient app = ApiClient.withToken(port, token);
        String buyer = uniqueName("badge");
        String customer = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "platform_buyer_id", "value", buyer, "shopId", shop))))
                .json().path("customerId").asString();
        ApiClient.Response first = app.post("/api/v1/loyalty/members/" + customer + ":check-in", null);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().path("points").asLong()).isEqualTo(10);
        // checking in again today (or a retried request) answers the same check-in and earns nothing more
        ApiClient.Response second = app.post("/api/v1/loyalty/members/" + customer + ":check-in", null);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().path("replayed").asBoolean()).isTrue();
        assertThat(balance(customer)).isEqualTo(10);
        assertThat(app.post("/api/v1/loyalty/members/" + customer + "/points:adjust", Map.of("points", 100, "reason", "x",
                "requestId", "y")).status()).isEqualTo(403);
        // two shares in one week: the weekly task pays once; the same event again pays nothing
        String shareId = "share-" + UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        for (String id : List.of(shareId, shareId, "share-" + UUID.randomUUID())) {
            ApiClient.Response r = operator.post("/api/v1/events", Map.of("eventId", id, "type", "share",
                    "occurredAt", now.toString(), "customerId", customer, "properties", Map.of("sku", "A1")));
            assertThat(r.status()).as(r.body()).isIn(200, 201);
        }
        await("the share earns", () -> balance(customer) == 60);
        Thread.sleep(1_000);
        assertThat(balance(customer)).isEqualTo(60);
        JsonNode progress = app.get("/api/v1/loyalty/members/" + customer + "/tasks").json();
        Map<String, Boolean> available = new HashMap<>();
        progress.forEach(p -> available.put(p.path("task").path("code").asString(), p.path("available").asBoolean()));
        assertThat(available).containsEntry("daily_check_in", false).containsEntry("weekly_share", false)
                .containsEntry("monthly_review", true);
        // a review through the API, retried: once
        String request = UUID.randomUUID().toString();
        assertThat(app.post("/api/v1/loyalty/members/" + customer + "/tasks/monthly_review:complete",
                Map.of("requestId", request)).json().path("points").asLong()).isEqualTo(200);
        assertThat(app.post("/api/v1/loyalty/members/" + customer + "/tasks/monthly_review:complete",
                Map.of("requestId", request)).json().path("replayed").asBoolean()).isTrue();
        assertThat(app.post("/api/v1/loyalty/members/" + customer + "/tasks/monthly_review:complete",
                Map.of("requestId", UUID.randomUUID().toString())).status()).isEqualTo(409);
        assertThat(balance(customer)).isEqualTo(260);
        assertThat(app.get("/api/v1/loyalty/members/" + customer + "/badges").json().size()).isZero();
        // an order of 4,740 brings the points earned to 5,000: 首席体验官
        assertThat(put("B-" + UUID.randomUUID(), order(buyer, "completed", 4_740, null))).isEqualTo(customer);
        await("the badge", () -> app.get("/api/v1/loyalty/members/" + customer + "/badges").json().size() == 1);
        assertThat(app.get("/api/v1/loyalty/members/" + customer + "/badges").json().get(0).path("badge").path("name")
                .asString()).isEqualTo("首席体验官");
        assertThat(ledgerSum(customer)).isEqualTo(balance(customer));
    }

    @Autowired
    private LoyaltyBirthdays birthdays;

    @Test
    void goldMembersGetTheirTiersBirthdayCouponOnceOnTheirBirthday() throws Exception {
        Map<String, Object> t = new HashMap<>();
        t.put("name", uniqueName("生日礼券"));
        t.put("kind", "amount_off");
        t.put("amountOff", 30);
        t.put("validityType", "relative");
        t.put("validDays", 30);
        t.put("perCustomerLimit", 100);
        String template = operator.post("/api/v1/coupon-templates", t).json().path("id").asString();
        Map<String, Object> gold = tier("gold", "金卡", 1_000, 1.5, 5, 0);
        gold.put("birthdayCouponTemplateId", template);
        assertThat(operator.put("/api/v1/loyalty/tiers", List.of(tier("silver", "银卡", 100, 1.2, 3, 7), gold)).status())
                .isEqualTo(200);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String birthday = member(today.minusYears(30));
        String otherDay = member(today.minusYears(30).minusDays(3));
        setTier(birthday, "gold");
        setTier(otherDay, "gold");
        birthdays.announce(today);
        birthdays.announce(today);
        await("the birthday coupon", () -> operator.get("/api/v1/customers/" + birthday + "/coupons").json()
                .path("items").size() == 1);
        Thread.sleep(1_000);
        JsonNode coupons = operator.get("/api/v1/customers/" + birthday + "/coupons").json().path("items");
        assertThat(coupons.size()).isEqualTo(1);
        assertThat(coupons.get(0).path("source").asString()).isEqualTo("birthday");
        assertThat(coupons.get(0).path("templateId").asString()).isEqualTo(template);
        assertThat(operator.get("/api/v1/customers/" + otherDay + "/coupons").json().path("items").size()).isZero();
    }

    private String member(java.time.LocalDate birthday) {
        String customer = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "bday-" + UUID.randomUUID())),
                "traits", Map.of("birthday", birthday.toString()))).json().path("customerId").asString();
        assertThat(operator.post("/api/v1/loyalty/members", Map.of("customerId", customer)).status()).isEqualTo(200);
        return customer;
    }
}
