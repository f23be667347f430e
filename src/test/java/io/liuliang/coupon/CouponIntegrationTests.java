package io.liuliang.coupon;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Coupons through the API against the embedded PostgreSQL: templates, issuing, redemption, reversal, expiry. */
@RecordApplicationEvents
class CouponIntegrationTests extends IntegrationTest {

    @Autowired
    private CouponExpiry expiry;
    @Autowired
    private ApplicationEvents events;

    private ApiClient operator;
    private String shop;

    @BeforeEach
    void setUp() {
        operator = signedIn("OPERATOR");
        shop = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("券店"))).json()
                .path("id").asString();
    }

    private String customer(String name) {
        ApiClient.Response r = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "wechat_unionid", "value", "u-" + UUID.randomUUID())),
                "traits", Map.of("displayName", name)));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("customerId").asString();
    }

    private Map<String, Object> amountOff(String name, double threshold, double off) {
        Map<String, Object> t = new HashMap<>();
        t.put("name", uniqueName(name));
        t.put("kind", "amount_off");
        t.put("threshold", threshold);
        t.put("amountOff", off);
        t.put("validityType", "relative");
        t.put("validDays", 30);
        return t;
    }

    private JsonNode create(Map<String, Object> template) {
        ApiClient.Response r = operator.post("/api/v1/coupon-templates", template);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private JsonNode issue(String template, String requestId, String... customers) {
        ApiClient.Response r = operator.post("/api/v1/coupon-templates/" + template + ":issue",
                Map.of("customerIds", List.of(customers), "requestId", requestId));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String issueOne(String template, String customer) {
        JsonNode r = issue(template, UUID.randomUUID().toString(), customer);
        assertThat(r.path("results").get(0).path("status").asString()).as(r.toString()).isEqualTo("ISSUED");
        return r.path("results").get(0).path("code").asString();
    }

    private ApiClient.Response redeem(String code, String order, double amount) {
        return operator.post("/api/v1/coupons/" + code + ":redeem", Map.of("shopId", shop, "orderId", order,
                "orderAmount", amount));
    }

    @Test
    void aTemplateWithBadTermsIsRefusedFieldByField() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("name", " ");
        bad.put("kind", "percent_off");
        bad.put("percentOff", 120);
        bad.put("amountOff", 5);
        bad.put("validityType", "fixed");
        bad.put("validFrom", "2027-02-01T00:00:00Z");
        bad.put("validUntil", "2027-01-01T00:00:00Z");
        bad.put("perCustomerLimit", 0);
        bad.put("shopIds", List.of(UUID.randomUUID().toString()));
        bad.put("currency", "XXXX");
        ApiClient.Response r = operator.post("/api/v1/coupon-templates", bad);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.problemSlug()).isEqualTo("validation");
        List<String> fields = new ArrayList<>();
        r.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("name", "percentOff", "amountOff", "validUntil", "perCustomerLimit", "shopIds[0]",
                "currency");
        Map<String, Object> overThreshold = amountOff("满减", 100, 150);
        ApiClient.Response over = operator.post("/api/v1/coupon-templates", overThreshold);
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body()).contains("must not exceed the threshold");
        assertThat(signedIn("AGENT").get("/api/v1/coupon-templates").status()).isEqualTo(403);
    }

    @Test
    void issuingIsIdempotentPerRequestAndHoldsTheLimitAndTheStock() {
        Map<String, Object> t = amountOff("满200减30", 200, 30);
        t.put("totalStock", 3);
        String template = create(t).path("id").asString();
        String a = customer("甲");
        String b = customer("乙");
        String unknown = UUID.randomUUID().toString();
        String request = UUID.randomUUID().toString();
        JsonNode first = issue(template, request, a, b, unknown);
        assertThat(first.path("issued").asInt()).isEqualTo(2);
        assertThat(first.path("rejected").asInt()).isEqualTo(1);
        assertThat(first.path("results").get(2).path("error").path("field").asString()).isEqualTo("customerIds[2]");
        assertThat(first.path("results").get(2).path("error").path("message").asString()).contains("no customer");
        String codeA = first.path("results").get(0).path("code").asString();
        assertThat(codeA).hasSize(16).matches("[0-9A-HJKMNP-TV-Z]{16}");
        // the same request again: the same coupons, nothing new
        JsonNode retry = issue(template, request, a, b);
        assertThat(retry.path("alreadyIssued").asInt()).isEqualTo(2);
        assertThat(retry.path("results").get(0).path("code").asString()).isEqualTo(codeA);
        // another request for a: the limit of one per customer
        JsonNode again = issue(template, UUID.randomUUID().toString(), a);
        assertThat(again.path("results").get(0).path("status").asString()).isEqualTo("REJECTED");
        assertThat(again.path("results").get(0).path("error").path("message").asString()).contains("limit 1 per customer");
        // stock 3: one left for c and d
        String c = customer("丙");
        String d = customer("丁");
        JsonNode last = issue(template, UUID.randomUUID().toString(), c, d);
        assertThat(last.path("issued").asInt()).isEqualTo(1);
        assertThat(last.path("results").get(1).path("error").path("message").asString()).contains("out of stock");
        JsonNode view = operator.get("/api/v1/coupon-templates/" + template).json();
        assertThat(view.path("issued").asInt()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM coupon WHERE template_id = ?::uuid").param(template)
                .query(Long.class).single()).isEqualTo(3);
        // issued terms are frozen; the stock cannot go below what was issued
        t.put("amountOff", 40);
        ApiClient.Response frozen = operator.put("/api/v1/coupon-templates/" + template, t);
        assertThat(frozen.status()).as(frozen.body()).isEqualTo(409);
        assertThat(frozen.body()).contains("amountOff");
        t.put("amountOff", 30);
        t.put("totalStock", 2);
        assertThat(operator.put("/api/v1/coupon-templates/" + template, t).status()).isEqualTo(409);
        t.put("totalStock", 10);
        t.put("status", "paused");
        assertThat(operator.put("/api/v1/coupon-templates/" + template, t).status()).isEqualTo(200);
        ApiClient.Response paused = operator.post("/api/v1/coupon-templates/" + template + ":issue",
                Map.of("customerIds", List.of(d), "requestId", UUID.randomUUID().toString()));
        assertThat(paused.status()).isEqualTo(409);
        assertThat(paused.body()).contains("paused");
        // a batch over the limit is refused as a whole
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            many.add(UUID.randomUUID().toString());
        }
        ApiClient.Response tooMany = operator.post("/api/v1/coupon-templates/" + template + ":issue",
                Map.of("customerIds", many, "requestId", "x"));
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(tooMany.body()).contains("at most 1000");
    }

    @Test
    void ofFiftySimultaneousRedemptionsOfOneCouponExactlyOneSucceeds() throws Exception {
        String template = create(amountOff("并发券", 100, 20)).path("id").asString();
        String code = issueOne(template, customer("抢券人"));
        int n = 50;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ApiClient.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String order = "RACE-" + i + "-" + UUID.randomUUID();
                Callable<ApiClient.Response> call = () -> {
                    start.await();
                    return redeem(code, order, 150);
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            int ok = 0;
            int conflicts = 0;
            for (Future<ApiClient.Response> f : answers) {
                ApiClient.Response r = f.get();
                if (r.status() == 200) {
                    ok++;
                    assertThat(r.json().path("discount").decimalValue()).isEqualByComparingTo("20.00");
                } else {
                    assertThat(r.status()).as(r.body()).isEqualTo(409);
                    assertThat(r.problemSlug()).isEqualTo("coupon-not-redeemable");
                    assertThat(r.json().path("reason").asString()).isEqualTo("already_redeemed");
                    assertThat(r.json().path("detail").asString()).contains("already redeemed on order RACE-");
                    conflicts++;
                }
            }
            assertThat(ok).isEqualTo(1);
            assertThat(conflicts).isEqualTo(n - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM coupon_redemption r JOIN coupon c ON c.id = r.coupon_id WHERE c.code = ?")
                .param(code).query(Long.class).single()).isEqualTo(1);
        // the winning order again is a replay, not a second redemption
        String winner = operator.get("/api/v1/coupons/" + code).json().path("redemption").path("orderId").asString();
        ApiClient.Response replay = redeem(code.toLowerCase(), winner, 150);
        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().path("replayed").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM coupon_redemption r JOIN coupon c ON c.id = r.coupon_id WHERE c.code = ?")
                .param(code).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void redemptionChecksThresholdScopeCurrencyCustomerAndValidity() {
        String otherShop = operator.post("/api/v1/shops", Map.of("platform", "jd", "name", uniqueName("别店"))).json()
                .path("id").asString();
        Map<String, Object> t = new HashMap<>();
        t.put("name", uniqueName("美妆85折"));
        t.put("kind", "percent_off");
        t.put("percentOff", 15);
        t.put("maxDiscount", 50);
        t.put("threshold", 100);
        t.put("validityType", "relative");
        t.put("validDays", 7);
        t.put("shopIds", List.of(shop));
        t.put("categories", List.of("美妆"));
        String template = create(t).path("id").asString();
        String owner = customer("券主");
        String code = issueOne(template, owner);
        Map<String, Object> order = new HashMap<>();
        order.put("shopId", otherShop);
        order.put("orderId", "SCOPE-1");
        order.put("orderAmount", 500);
        order.put("items", List.of(Map.of("category", "美妆/面膜", "amount", 300), Map.of("category", "食品", "amount", 200)));
        assertThat(reason(operator.post("/api/v1/coupons/" + code + ":redeem", order))).isEqualTo("out_of_scope");
        order.put("shopId", shop);
        order.put("currency", "USD");
        assertThat(reason(operator.post("/api/v1/coupons/" + code + ":redeem", order))).isEqualTo("currency_mismatch");
        order.remove("currency");
        order.put("customerId", customer("别人"));
        assertThat(reason(operator.post("/api/v1/coupons/" + code + ":redeem", order))).isEqualTo("wrong_customer");
        order.put("customerId", owner);
        order.put("items", List.of(Map.of("category", "美妆", "amount", 80), Map.of("category", "食品", "amount", 420)));
        ApiClient.Response below = operator.post("/api/v1/coupons/" + code + ":redeem", order);
        assertThat(reason(below)).isEqualTo("below_threshold");
        assertThat(below.json().path("eligibleAmount").decimalValue()).isEqualByComparingTo("80.00");
        order.remove("items");
        ApiClient.Response noItems = operator.post("/api/v1/coupons/" + code + ":redeem", order);
        assertThat(noItems.status()).isEqualTo(400);
        assertThat(noItems.json().path("errors").get(0).path("field").asString()).isEqualTo("items");
        // 15% of the 美妆 lines (300 + 200 = 500) is 75, capped at 50
        order.put("items", List.of(Map.of("category", "美妆/面膜", "amount", 300), Map.of("category", "美妆", "amount", 200),
                Map.of("category", "食品", "amount", 100)));
        ApiClient.Response ok = operator.post("/api/v1/coupons/" + code + ":redeem", order);
        assertThat(ok.status()).as(ok.body()).isEqualTo(200);
        assertThat(ok.json().path("eligibleAmount").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(ok.json().path("discount").decimalValue()).isEqualByComparingTo("50.00");
        // validity: not yet valid, and past its end
        String later = issueOne(template, customer("晚到"));
        jdbc.sql("UPDATE coupon SET valid_from = now() + interval '1 day' WHERE code = ?").param(later).update();
        order.remove("customerId");
        assertThat(reason(operator.post("/api/v1/coupons/" + later + ":redeem", order))).isEqualTo("not_yet_valid");
        jdbc.sql("UPDATE coupon SET valid_from = now() - interval '2 days', valid_until = now() - interval '1 second' "
                + "WHERE code = ?").param(later).update();
        assertThat(reason(operator.post("/api/v1/coupons/" + later + ":redeem", order))).isEqualTo("expired");
        // unknown and malformed codes are 404s; a bad body names its fields
        assertThat(operator.post("/api/v1/coupons/NOPE:redeem", order).status()).isEqualTo(404);
        assertThat(operator.post("/api/v1/coupons/0000000000000000:redeem", order).status()).isEqualTo(404);
        ApiClient.Response bad = operator.post("/api/v1/coupons/" + code + ":redeem", Map.of("orderAmount", -1));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("shopId", "orderId", "orderAmount");
    }

    private static String reason(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(409);
        assertThat(r.problemSlug()).isEqualTo("coupon-not-redeemable");
        return r.json().path("reason").asString();
    }

    @Test
    void cancellingTheOrderGivesTheCouponBack() throws Exception {
        String template = create(amountOff("退单返券", 50, 10)).path("id").asString();
        String buyer = "buyer-" + UUID.randomUUID();
        Map<String, Object> order = new HashMap<>();
        order.put("status", "paid");
        order.put("orderedAt", Instant.now().minus(1, ChronoUnit.HOURS).toString());
        order.put("paidAmount", 90);
        order.put("customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer))));
        order.put("items", List.of(Map.of("sku", "S1", "productName", "商品", "quantity", 1, "unitPrice", 100)));
        String external = "CANCEL-" + UUID.randomUUID();
        ApiClient.Response placed = operator.put("/api/v1/shops/" + shop + "/orders/" + external, order);
        assertThat(placed.status()).as(placed.body()).isIn(200, 201);
        String customer = placed.json().path("customerId").asString();
        String code = issueOne(template, customer);
        assertThat(redeem(code, external, 100).status()).isEqualTo(200);
        order.put("status", "cancelled");
        assertThat(operator.put("/api/v1/shops/" + shop + "/orders/" + external, order).status()).isIn(200, 201);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!"issued".equals(operator.get("/api/v1/coupons/" + code).json().path("status").asString())) {
            assertThat(System.nanoTime()).as("the coupon comes back within 15 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        List<String> log = jdbc.sql("SELECT action FROM coupon_redemption r JOIN coupon c ON c.id = r.coupon_id "
                + "WHERE c.code = ? ORDER BY seq").param(code).query(String.class).list();
        assertThat(log).containsExactly("redeemed", "reversed");
        // the reversal by hand again is a replay; another order can use the coupon now
        ApiClient.Response again = operator.post("/api/v1/coupons/" + code + ":unredeem",
                Map.of("shopId", shop, "orderId", external));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(redeem(code, external + "-2", 100).status()).isEqualTo(200);
        assertThat(reason(operator.post("/api/v1/coupons/" + code + ":unredeem", Map.of("shopId", shop, "orderId",
                external)))).isEqualTo("other_order");
        JsonNode stats = operator.get("/api/v1/coupon-templates/" + template + "/stats").json();
        assertThat(stats.path("issued").asInt()).isEqualTo(1);
        assertThat(stats.path("redeemed").asInt()).isEqualTo(1);
        assertThat(stats.path("redemptionRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(stats.path("gmv").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(stats.path("daily").size()).isEqualTo(CouponStats.DAILY_DAYS);
        JsonNode today = stats.path("daily").get(CouponStats.DAILY_DAYS - 1);
        assertThat(today.path("issued").asInt()).isEqualTo(1);
        assertThat(today.path("redeemed").asInt()).isEqualTo(1);
    }

    @Test
    void unusedCouponsAreAnnouncedBeforeTheyExpireAndThenExpireOnce() {
        Map<String, Object> t = amountOff("临期券", 0, 5);
        t.put("expiringNoticeDays", 2);
        String template = create(t).path("id").asString();
        String soon = issueOne(template, customer("临期"));
        String gone = issueOne(template, customer("过期"));
        String fresh = issueOne(template, customer("新鲜"));
        jdbc.sql("UPDATE coupon SET valid_until = now() + interval '1 day' WHERE code = ?").param(soon).update();
        jdbc.sql("UPDATE coupon SET valid_until = now() - interval '1 minute' WHERE code = ?").param(gone).update();
        expiry.announceExpiring();
        expiry.expire();
        assertThat(operator.get("/api/v1/coupons/" + gone).json().path("status").asString()).isEqualTo("expired");
        assertThat(operator.get("/api/v1/coupons/" + soon).json().path("status").asString()).isEqualTo("issued");
        assertThat(operator.get("/api/v1/coupons/" + fresh).json().path("status").asString()).isEqualTo("issued");
        List<String> expiring = events.stream(CouponsExpiring.class).flatMap(e -> e.coupons().stream())
                .map(IssuedCoupon::code).toList();
        List<String> expired = events.stream(CouponsExpired.class).flatMap(e -> e.coupons().stream())
                .map(IssuedCoupon::code).toList();
        assertThat(expiring).contains(soon).doesNotContain(fresh, gone);
        assertThat(expired).contains(gone).doesNotContain(soon, fresh);
        // a second run announces and expires nothing of these again
        events.clear();
        expiry.announceExpiring();
        expiry.expire();
        assertThat(events.stream(CouponsExpiring.class).flatMap(e -> e.coupons().stream()).map(IssuedCoupon::code))
                .doesNotContain(soon);
        assertThat(events.stream(CouponsExpired.class).flatMap(e -> e.coupons().stream()).map(IssuedCoupon::code))
                .doesNotContain(gone);
        JsonNode stats = operator.get("/api/v1/coupon-templates/" + template + "/stats").json();
        assertThat(stats.path("expired").asInt()).isEqualTo(1);
        assertThat(stats.path("outstanding").asInt()).isEqualTo(2);
        // revoking: once, only unused coupons
        ApiClient.Response revoked = operator.post("/api/v1/coupons/" + fresh + ":revoke", null);
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().path("status").asString()).isEqualTo("revoked");
        assertThat(reason(redeem(fresh, "R-1", 10))).isEqualTo("revoked");
        assertThat(operator.post("/api/v1/coupons/" + gone + ":revoke", null).status()).isEqualTo(409);
    }

    @Test
    void aSegmentGetsItsCouponsThroughAJobAndCouponsFollowAMerge() {
        String province = uniqueName("券省");
        List<String> members = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String phone = String.format("1391%07d", Math.abs(UUID.randomUUID().getMostSignificantBits() % 10_000_000));
            ApiClient.Response r = operator.post("/api/v1/customers:identify", Map.of("identities",
                    List.of(Map.of("type", "phone", "value", phone)),
                    "traits", Map.of("displayName", "省客" + i, "province", province)));
            members.add(r.json().path("customerId").asString());
            phones.add(phone);
        }
        ApiClient.Response seg = operator.post("/api/v1/segments", Map.of("name", uniqueName("券分群"), "kind", "dynamic",
                "condition", Map.of("type", "field", "field", "province", "op", "eq", "value", province)));
        assertThat(seg.status()).as(seg.body()).isEqualTo(201);
        awaitJob(seg.json().path("refreshJobId").asString());
        String template = create(amountOff("分群券", 0, 8)).path("id").asString();
        ApiClient.Response started = operator.post("/api/v1/coupon-templates/" + template + ":issue-to-segment",
                Map.of("segmentId", seg.json().path("id").asString()));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode job = awaitJob(started.json().path("jobId").asString());
        assertThat(job.path("done").asLong()).isEqualTo(3);
        for (String m : members) {
            assertThat(operator.get("/api/v1/customers/" + m + "/coupons").json().path("items").size()).as(m).isEqualTo(1);
        }
        // a second run: each already holds the one allowed
        JsonNode second = awaitJob(operator.post("/api/v1/coupon-templates/" + template + ":issue-to-segment",
                Map.of("segmentId", seg.json().path("id").asString())).json().path("jobId").asString());
        assertThat(second.path("done").asLong()).isEqualTo(3);
        assertThat(operator.get("/api/v1/coupon-templates/" + template).json().path("issued").asInt()).isEqualTo(3);
        assertThat(operator.post("/api/v1/coupon-templates/" + template + ":issue-to-segment",
                Map.of("segmentId", UUID.randomUUID().toString())).status()).isEqualTo(400);

        // another customer with a coupon turns out to be the first member (same phone): the coupon moves along
        String email = "m" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        String other = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "email", "value", email)))).json().path("customerId").asString();
        String otherCode = issueOne(template, other);
        String survivor = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "phone", "value", phones.get(0)), Map.of("type", "email", "value", email))))
                .json().path("customerId").asString();
        assertThat(survivor).isEqualTo(members.get(0));
        List<String> codes = new ArrayList<>();
        operator.get("/api/v1/customers/" + survivor + "/coupons").json().path("items")
                .forEach(c -> codes.add(c.path("code").asString()));
        assertThat(codes).hasSize(2).contains(otherCode);
        // issuing to the merged-away id gives the survivor's answer: it holds one already
        JsonNode toMerged = issue(template, UUID.randomUUID().toString(), other);
        assertThat(toMerged.path("results").get(0).path("status").asString()).isEqualTo("REJECTED");
    }

    private JsonNode awaitJob(String jobId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode job = operator.get("/api/v1/jobs/" + jobId).json();
            String status = job.path("status").asString();
            if ("SUCCEEDED".equals(status)) {
                return job;
            }
            assertThat(status).as(job.toString()).isNotIn("FAILED", "CANCELLED");
            assertThat(System.nanoTime()).as("job " + jobId + " ends within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
