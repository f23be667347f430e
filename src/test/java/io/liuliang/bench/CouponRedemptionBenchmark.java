package io.liuliang.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coupon redemption under load, over HTTP with an API token, from {@code -Dbench.clients} (default 16) concurrent
 * clients:
 * <ul>
 * <li><b>contended</b>: {@value #HOT_ATTEMPTS} attempts, each on a random one of {@value #HOT_COUPONS} coupons with a new
 * order: every coupon must be redeemed exactly once, every other attempt must be a 409 {@code already_redeemed}, and
 * the redemption log must hold one row per coupon;</li>
 * <li><b>uncontended</b>: {@value #COLD_COUPONS} coupons each redeemed once (throughput and latency);</li>
 * <li><b>replay</b>: the same {@value #COLD_COUPONS} redemptions again: all answered as replays, nothing changes.</li>
 * </ul>
 * The ratio of contended to uncontended p99 shows what queueing on one coupon's row lock costs.
 */
class CouponRedemptionBenchmark extends IntegrationTest {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 16);
    private static final int HOT_COUPONS = 200;
    private static final int HOT_ATTEMPTS = 4_000;
    private static final int COLD_COUPONS = 2_000;
    private static final int ISSUE_BATCH = 1_000;

    @Test
    void redemptionsUnderLoad() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        String token = operator.post("/api/v1/tokens", Map.of("name", "coupon-bench", "expiresInDays", 1,
                "permissions", List.of("coupon.redeem", "coupon.read"))).json().path("secret").asString();
        ApiClient checkout = ApiClient.withToken(port, token);
        String shop = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("压测券店"))).json()
                .path("id").asString();
        String template = operator.post("/api/v1/coupon-templates", Map.of("name", uniqueName("满100减10"),
                "kind", "amount_off", "threshold", 100, "amountOff", 10, "validityType", "relative", "validDays", 30))
                .json().path("id").asString();
        List<String> customers = customers(operator, HOT_COUPONS + COLD_COUPONS);
        List<String> codes = new ArrayList<>();
        for (int from = 0; from < customers.size(); from += ISSUE_BATCH) {
            JsonNode issued = operator.post("/api/v1/coupon-templates/" + template + ":issue", Map.of("customerIds",
                    customers.subList(from, Math.min(customers.size(), from + ISSUE_BATCH)), "requestId",
                    UUID.randomUUID().toString())).json();
            issued.path("results").forEach(r -> codes.add(r.path("code").asString()));
        }
        assertThat(codes).hasSize(HOT_COUPONS + COLD_COUPONS).doesNotContain("");
        List<String> hot = codes.subList(0, HOT_COUPONS);
        List<String> cold = codes.subList(HOT_COUPONS, codes.size());

        // warm-up on a few cold coupons' lookups (the code paths, the plans)
        for (int i = 0; i < 100; i++) {
            checkout.get("/api/v1/coupons/" + cold.get(i));
        }

        Set<String> won = ConcurrentHashMap.newKeySet();
        AtomicInteger wins = new AtomicInteger();
        AtomicInteger conflicts = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        long[] hotLatency = new long[HOT_ATTEMPTS];
        double hotSeconds = run(HOT_ATTEMPTS, i -> {
            String code = hot.get(ThreadLocalRandom.current().nextInt(HOT_COUPONS));
            long start = System.nanoTime();
            ApiClient.Response r = redeem(checkout, shop, code, "HOT-" + i);
            hotLatency[i] = System.nanoTime() - start;
            if (r.status() == 200) {
                wins.incrementAndGet();
                if (!won.add(code)) {
                    unexpected.incrementAndGet();
                }
            } else if (r.status() == 409 && "already_redeemed".equals(r.json().path("reason").asString())) {
                conflicts.incrementAndGet();
            } else {
                unexpected.incrementAndGet();
            }
        });
        long hotLogRows = jdbc.sql("SELECT count(*) FROM coupon_redemption r JOIN coupon c ON c.id = r.coupon_id "
                + "WHERE c.code = ANY (?::text[])").param(hot.toArray(String[]::new)).query(Long.class).single();

        long[] coldLatency = new long[COLD_COUPONS];
        AtomicInteger coldOk = new AtomicInteger();
        double coldSeconds = run(COLD_COUPONS, i -> {
            long start = System.nanoTime();
            ApiClient.Response r = redeem(checkout, shop, cold.get(i), "COLD-" + i);
            coldLatency[i] = System.nanoTime() - start;
            if (r.status() == 200 && !r.json().path("replayed").asBoolean()) {
                coldOk.incrementAndGet();
            }
        });
        long[] replayLatency = new long[COLD_COUPONS];
        AtomicInteger replays = new AtomicInteger();
        double replaySeconds = run(COLD_COUPONS, i -> {
            long start = System.nanoTime();
            ApiClient.Response r = redeem(checkout, shop, cold.get(i), "COLD-" + i);
            replayLatency[i] = System.nanoTime() - start;
            if (r.status() == 200 && r.json().path("replayed").asBoolean()) {
                replays.incrementAndGet();
            }
        });
        long coldLogRows = jdbc.sql("SELECT count(*) FROM coupon_redemption r JOIN coupon c ON c.id = r.coupon_id "
                + "WHERE c.code = ANY (?::text[])").param(cold.toArray(String[]::new)).query(Long.class).single();

        boolean correct = wins.get() == HOT_COUPONS && won.size() == HOT_COUPONS && conflicts.get() == HOT_ATTEMPTS - HOT_COUPONS
                && unexpected.get() == 0 && hotLogRows == HOT_COUPONS && coldOk.get() == COLD_COUPONS
                && replays.get() == COLD_COUPONS && coldLogRows == COLD_COUPONS;
        double hotP99 = BenchResult.percentile(hotLatency, 99);
        double coldP99 = BenchResult.percentile(coldLatency, 99);
        BenchResult result = new BenchResult("coupon-redemption", HOT_COUPONS + " contended and " + COLD_COUPONS
                + " uncontended single-use 满减 coupons, " + CLIENTS + " concurrent clients, API token",
                "concurrent redemption correct under load: each coupon exactly once, the rest 409")
                .figure("clients", CLIENTS)
                .figure("contendedAttempts", HOT_ATTEMPTS)
                .figure("contendedCoupons", HOT_COUPONS)
                .figure("contendedSucceeded", wins.get())
                .figure("contendedRefused409", conflicts.get())
                .figure("contendedUnexpected", unexpected.get())
                .figure("contendedRedemptionLogRows", hotLogRows)
                .figure("contendedAttemptsPerSecond", Math.round(HOT_ATTEMPTS / hotSeconds))
                .figure("contendedP50Ms", BenchResult.percentile(hotLatency, 50))
                .figure("contendedP99Ms", hotP99)
                .figure("uncontendedRedemptions", coldOk.get())
                .figure("uncontendedRedemptionsPerSecond", Math.round(COLD_COUPONS / coldSeconds))
                .figure("uncontendedP50Ms", BenchResult.percentile(coldLatency, 50))
                .figure("uncontendedP99Ms", coldP99)
                .figure("replaysAnsweredAsReplays", replays.get())
                .figure("replaysPerSecond", Math.round(COLD_COUPONS / replaySeconds))
                .figure("replayP99Ms", BenchResult.percentile(replayLatency, 99))
                .figure("uncontendedRedemptionLogRows", coldLogRows)
                .put("ratioContendedToUncontendedP99", hotP99 / coldP99)
                .put("correct", correct)
                .put("meetsBudget", correct);
        System.out.println("Wrote " + result.write("coupon-redemption.json"));
        assertThat(correct).as("every coupon exactly once, the rest 409, replays change nothing").isTrue();
    }

    private static ApiClient.Response redeem(ApiClient checkout, String shop, String code, String order) {
        return checkout.post("/api/v1/coupons/" + code + ":redeem", Map.of("shopId", shop, "orderId", order,
                "orderAmount", 128.50));
    }

    private static List<String> customers(ApiClient operator, int n) throws Exception {
        String[] ids = new String[n];
        AtomicLong failures = new AtomicLong();
        run(n, i -> {
            ApiClient.Response r = operator.post("/api/v1/customers:identify", Map.of("identities",
                    List.of(Map.of("type", "device_id", "value", "coupon-bench-" + UUID.randomUUID()))));
            if (r.status() != 200 && r.status() != 201) {
                failures.incrementAndGet();
            }
            ids[i] = r.json().path("customerId").asString();
        });
        assertThat(failures.get()).isZero();
        return List.of(ids);
    }

    private static double run(int count, ConcurrentSteps.Step step) throws Exception {
        return ConcurrentSteps.run(CLIENTS, count, step);
    }
}
