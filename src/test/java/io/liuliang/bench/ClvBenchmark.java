package io.liuliang.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CLV fit over a synthetic shop of {@code liuliang.bench.clv-customers} customers (default 1M, about 2.2 orders
 * each, written straight into {@code sales_order}): the whole job (load histories, fit BG/NBD and Gamma-Gamma, score
 * and upsert every customer) through the API, against the run's baseline of one bare SQL pass that computes every
 * customer's (x, t_x, T) over the same orders. Three rounds; medians and the ratio.
 */
class ClvBenchmark extends IntegrationTest {

    private static final int ROUNDS = 3;
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    @Test
    void fitAndScoreAgainstOneBarePass() throws Exception {
        int customers = Integer.getInteger("liuliang.bench.clv-customers", 1_000_000);
        ApiClient operator = signedIn("OPERATOR");
        String shop = operator.post("/api/v1/shops", Map.of("platform", "other", "name", uniqueName("clv bench")))
                .json().path("id").asString();
        long loadStart = System.nanoTime();
        long orders = jdbc.sql("""
                        INSERT INTO sales_order (id, shop_id, external_id, customer_id, status, currency, paid_amount,
                                                 ordered_at, source)
                        SELECT gen_random_uuid(), ?::uuid, 'B' || c.i || '-' || k, c.cid, 'completed', 'CNY',
                               round((30 + random() * 270)::numeric, 2), c.first + k * c.gap * interval '1 day', 'bench'
                        FROM (SELECT i, gen_random_uuid() AS cid,
                                     timestamptz '2024-01-01 10:00+08' + floor(random() * 600) * interval '1 day' AS first,
                                     (1 + floor(-ln(1 - random()) * 1.2))::int AS n, 3 + random() * 90 AS gap
                              FROM generate_series(1, ?) i) c
                        CROSS JOIN LATERAL generate_series(0, c.n - 1) k
                        WHERE c.first + k * c.gap * interval '1 day' < timestamptz '2025-12-31 00:00+08'""")
                .params(shop, customers).update();
        jdbc.sql("ANALYZE sales_order").update();
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        ApiClient analyst = signedIn("ANALYST");
        double[] baselineSeconds = new double[ROUNDS];
        double[] fitSeconds = new double[ROUNDS];
        long scored = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            jdbc.sql("""
                            SELECT count(*), sum(x), sum(tx), sum(t) FROM (
                                SELECT customer_id, count(DISTINCT (ordered_at AT TIME ZONE 'Asia/Shanghai')::date) - 1 AS x,
                                       max((ordered_at AT TIME ZONE 'Asia/Shanghai')::date)
                                           - min((ordered_at AT TIME ZONE 'Asia/Shanghai')::date) AS tx,
                                       date '2025-12-31' - min((ordered_at AT TIME ZONE 'Asia/Shanghai')::date) AS t
                                FROM sales_order WHERE shop_id = ?::uuid AND customer_id IS NOT NULL
                                GROUP BY customer_id) c""")
                    .param(shop).query((rs, n) -> rs.getLong(1)).single();
            baselineSeconds[round] = (System.nanoTime() - start) / 1e9;

            Instant fitStart = Instant.now();
            ApiClient.Response accepted = analyst.post("/api/v1/models/clv:fit", Map.of("shopId", shop,
                    "calibrationEnd", "2025-09-30", "holdoutEnd", "2025-12-31"));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            JsonNode job = waitForJob(analyst, accepted.json().path("jobId").asString());
            assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
            fitSeconds[round] = Duration.between(fitStart, Instant.now()).toMillis() / 1000.0;
            scored = analyst.get("/api/v1/models/clv?shopId=" + shop).json().path("scored").asLong();
        }
        double baseline = BenchResult.median(baselineSeconds);
        double fit = BenchResult.median(fitSeconds);
        BenchResult result = new BenchResult("clv-fit-and-score", "synthetic shop: " + customers + " customers, "
                + orders + " orders (2024-01-01 .. 2025-12-30)", "no budget in DESIGN.md; scoring is set-based "
                + "(temp table + COPY + one upsert)")
                .figure("customers", customers)
                .figure("orders", orders)
                .figure("scored", scored)
                .figure("rounds", ROUNDS)
                .figure("loadSeconds", loadSeconds)
                .figure("barePassSecondsMedian", baseline)
                .figure("fitAndScoreSecondsMedian", fit)
                .figure("customersScoredPerSecond", Math.round(scored / fit))
                .figure("barePassSecondsPerRound", baselineSeconds)
                .figure("fitAndScoreSecondsPerRound", fitSeconds)
                .put("ratioFitToBarePass", fit / baseline);
        System.out.println("Wrote " + result.write("clv-fit-and-score.json"));
        jdbc.sql("DELETE FROM customer_prediction WHERE scope_id = ?::uuid").param(shop).update();
        jdbc.sql("DELETE FROM sales_order WHERE shop_id = ?::uuid").param(shop).update();
    }

    private static JsonNode waitForJob(ApiClient client, String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        JsonNode job;
        do {
            Thread.sleep(500);
            job = client.get("/api/v1/jobs/" + jobId).json();
        } while (!Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.path("status").asString())
                && Instant.now().isBefore(deadline));
        return job;
    }
}
