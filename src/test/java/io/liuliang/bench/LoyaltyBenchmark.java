package io.liuliang.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

import io.liuliang.loyalty.LoyaltyBenchAccess;
import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The points ledger and the tier evaluation at scale.
 * <ul>
 * <li><b>Ledger writes</b>: {@code -Dbench.rounds} (default 5) rounds, each of {@value #ENTRIES} entries posted
 * through the ledger (source claim, member row, lot, entry, balance) singly as the adjustment API posts them (each
 * its own durable transaction), as many singly inside a transaction of the caller's (as orders' earnings and tasks'
 * rewards are posted), as many in bulk credits of {@value #BATCH} (a statement and a durable commit a batch), and the
 * baseline: as many single-row durable inserts into a bare table. All from {@code -Dbench.clients} (default 8) threads
 * over {@value #WRITE_MEMBERS} members; each round starts with another of the four. The figures are the rounds'
 * medians (ratios: each round's own), with the CPU an entry cost the JVM and PostgreSQL and the machine's load
 * average.</li>
 * <li><b>Tier evaluation</b>: {@code -Dbench.members} (default 1,000,000) members inserted with SQL, a third of them
 * holding a tier they no longer qualify for (no orders, no points in 12 months), evaluated by the job over HTTP.</li>
 * </ul>
 */
class LoyaltyBenchmark extends IntegrationTest {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int MEMBERS = Integer.getInteger("bench.members", 1_000_000);
    private static final int ENTRIES = 20_000;
    private static final int WRITE_MEMBERS = 2_000;
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int BATCH = 100;

    @Autowired
    private ApplicationContext context;

    @Test
    void ledgerWritesAndTierEvaluation() throws Exception {
        ApiClient admin = signedIn("ADMIN");
        assertThat(admin.put("/api/v1/loyalty/program", Map.of("name", "bench", "pointsPerUnit", 1, "enabled", false))
                .status()).isEqualTo(200);
        JsonNode ladder = admin.put("/api/v1/loyalty/tiers", List.of(
                Map.of("code", "silver", "name", "银卡", "qualifyBy", "net_spend_12m", "threshold", 500, "graceDays", 0,
                        "discountPercent", 3),
                Map.of("code", "gold", "name", "金卡", "qualifyBy", "net_spend_12m", "threshold", 1_200, "graceDays", 30,
                        "discountPercent", 5, "pointsMultiplier", 1.5))).json();
        String silver = ladder.path("tiers").get(0).path("id").asString();
        String gold = ladder.path("tiers").get(1).path("id").asString();
        LoyaltyBenchAccess ledger = new LoyaltyBenchAccess(context);

        // ledger writes
        List<UUID> writers = new ArrayList<>();
        for (int i = 0; i < WRITE_MEMBERS; i++) {
            writers.add(UUID.randomUUID());
        }
        jdbc.sql("INSERT INTO loyalty_member (customer_id, origin_customer_id, member_no, enrolled_by) "
                        + "SELECT id, id, 'B' || id, 'bench' FROM unnest(?::uuid[]) AS id")
                .param(writers.toArray(UUID[]::new)).update();
        String run = UUID.randomUUID().toString();
        jdbc.sql("CREATE TABLE IF NOT EXISTS bench_single_row (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "customer_id uuid NOT NULL, points bigint NOT NULL, at timestamptz NOT NULL DEFAULT now())").update();
        ConcurrentSteps.Step baseline = i -> jdbc.sql("INSERT INTO bench_single_row (customer_id, points) VALUES (?, ?)")
                .params(writers.get(i % WRITE_MEMBERS), 10).update();
        for (int i = 0; i < 500; i++) {
            ledger.adjust(writers.get(i % WRITE_MEMBERS), 1, "bench-warm:" + run + ":" + i);
            ledger.adjustInTransaction(writers.get(i % WRITE_MEMBERS), 1, "bench-warm-tx:" + run + ":" + i);
            baseline.run(i);
        }
        for (int i = 0; i < 500; i += BATCH) {
            List<String> sources = new ArrayList<>();
            for (int j = i; j < i + BATCH; j++) {
                sources.add("bench-warm-batch:" + run + ":" + j);
            }
            ledger.adjustAll(writers.subList(i, i + BATCH), 1, sources);
        }
        // rounds of ledger entries (single ones as the adjustment API posts them, single ones inside a caller's
        // transaction, bulk credits of BATCH) and of baseline inserts, each round starting with another of them, so
        // that the neighbours' load and the JIT hit all alike; the figures are the rounds' medians
        CpuMeter cpu = new CpuMeter(context.getBean(javax.sql.DataSource.class));
        String[] kinds = {"single", "inTransaction", "batched", "baseline"};
        double[][] rates = new double[kinds.length][ROUNDS];
        double[][][] micros = new double[kinds.length][2][ROUNDS];
        String loadBefore = loadAverage();
        for (int r = 0; r < ROUNDS; r++) {
            String round = run + ":" + r;
            for (int k = 0; k < kinds.length; k++) {
                int kind = (k + r) % kinds.length;
                ConcurrentSteps.Step step = switch (kinds[kind]) {
                    case "single" -> i -> ledger.adjust(writers.get(i % WRITE_MEMBERS), 10, "bench:" + round + ":" + i);
                    case "inTransaction" -> i -> ledger.adjustInTransaction(writers.get(i % WRITE_MEMBERS), 10,
                            "bench-tx:" + round + ":" + i);
                    case "batched" -> i -> {
                        List<UUID> members = new ArrayList<>(BATCH);
                        List<String> sources = new ArrayList<>(BATCH);
                        for (int j = i * BATCH; j < (i + 1) * BATCH; j++) {
                            members.add(writers.get(j % WRITE_MEMBERS));
                            sources.add("bench-batch:" + round + ":" + j);
                        }
                        assertThat(ledger.adjustAll(members, 10, sources)).isEqualTo(BATCH);
                    };
                    default -> baseline;
                };
                int steps = kinds[kind].equals("batched") ? ENTRIES / BATCH : ENTRIES;
                measure(steps, ENTRIES, step, cpu, rates[kind], micros[kind], r);
            }
        }
        double[][] ratios = new double[3][ROUNDS];
        for (int k = 0; k < 3; k++) {
            for (int r = 0; r < ROUNDS; r++) {
                ratios[k][r] = rates[k][r] / rates[3][r];
            }
        }
        String loadAfter = loadAverage();
        jdbc.sql("DROP TABLE bench_single_row").update();
        long sum = jdbc.sql("SELECT coalesce(sum(points), 0) FROM points_entry WHERE customer_id = ANY (?::uuid[])")
                .param(writers.toArray(UUID[]::new)).query(Long.class).single();
        long balances = jdbc.sql("SELECT coalesce(sum(balance), 0) FROM loyalty_member WHERE customer_id = ANY (?::uuid[])")
                .param(writers.toArray(UUID[]::new)).query(Long.class).single();
        long lots = jdbc.sql("SELECT coalesce(sum(remaining), 0) FROM points_lot WHERE customer_id = ANY (?::uuid[])")
                .param(writers.toArray(UUID[]::new)).query(Long.class).single();
        assertThat(balances).isEqualTo(sum).isEqualTo(lots).isEqualTo(3 * 500L + 3 * 10L * ENTRIES * ROUNDS);

        // tier evaluation over many members
        long before = jdbc.sql("SELECT count(*) FROM loyalty_member").query(Long.class).single();
        jdbc.sql("""
                INSERT INTO loyalty_member (customer_id, origin_customer_id, member_no, tier_id, tier_since, enrolled_by)
                SELECT id, id, 'E' || id, CASE WHEN n % 3 = 0 THEN ?::uuid WHEN n % 3 = 1 THEN ?::uuid END, now(), 'bench'
                FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, ?) AS n) g""")
                .params(silver, gold, MEMBERS).update();
        jdbc.sql("ANALYZE loyalty_member").update();
        long members = jdbc.sql("SELECT count(*) FROM loyalty_member").query(Long.class).single();
        long start = System.nanoTime();
        String job = admin.post("/api/v1/loyalty/tiers:evaluate", null).json().path("jobId").asString();
        JsonNode status;
        do {
            Thread.sleep(500);
            status = admin.get("/api/v1/jobs/" + job).json();
        } while (!List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(status.path("status").asString()));
        double evaluationSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(status.path("status").asString()).as(status.toString()).isEqualTo("SUCCEEDED");
        long downgraded = jdbc.sql("SELECT count(*) FROM loyalty_tier_change c JOIN loyalty_member m "
                        + "ON m.customer_id = c.customer_id WHERE m.member_no LIKE 'E%' AND c.change = 'downgraded'")
                .query(Long.class).single();
        long atRisk = jdbc.sql("SELECT count(*) FROM loyalty_member WHERE member_no LIKE 'E%' AND downgrade_due_at IS NOT NULL")
                .query(Long.class).single();

        double ledgerRate = BenchResult.median(rates[0]);
        double baselineRate = BenchResult.median(rates[3]);
        BenchResult result = new BenchResult("loyalty", ROUNDS + " rounds, each of " + ENTRIES + " ledger adjustments "
                + "posted singly as the adjustment API posts them (each its own durable transaction), as many singly inside "
                + "a caller's transaction, as many in bulk credits of " + BATCH + " (one statement and durable commit a "
                + "batch), and as many single-row durable inserts into a bare table (the baseline), over " + WRITE_MEMBERS
                + " members from " + CLIENTS + " threads; tier evaluation of " + members + " members (" + MEMBERS
                + " synthetic: a third silver and a third gold without the spend to keep it)",
                "ledger writes >= 5k/s durable; tier evaluation for 1M members <= 60 s")
                .figure("clients", CLIENTS)
                .figure("rounds", ROUNDS)
                .figure("ledgerEntriesPerRound", ENTRIES)
                .figure("ledgerEntriesPerSecond", Math.round(ledgerRate))
                .figure("ledgerEntriesInTransactionPerSecond", Math.round(BenchResult.median(rates[1])))
                .figure("batchSize", BATCH)
                .figure("batchedLedgerEntriesPerSecond", Math.round(BenchResult.median(rates[2])))
                .figure("baselineSingleRowInsertsPerSecond", Math.round(baselineRate))
                .figure("ratioInTransactionToSingleRowInserts", BenchResult.median(ratios[1]))
                .figure("ratioBatchedToSingleRowInserts", BenchResult.median(ratios[2]))
                .figure("ledgerEntriesPerSecondByRound", rounded(rates[0]))
                .figure("ledgerEntriesInTransactionPerSecondByRound", rounded(rates[1]))
                .figure("batchedLedgerEntriesPerSecondByRound", rounded(rates[2]))
                .figure("baselineInsertsPerSecondByRound", rounded(rates[3]))
                .figure("cpuMicrosPerEntry", Map.of(
                        "single", Map.of("java", median(micros[0][0]), "postgres", median(micros[0][1])),
                        "inTransaction", Map.of("java", median(micros[1][0]), "postgres", median(micros[1][1])),
                        "batched", Map.of("java", median(micros[2][0]), "postgres", median(micros[2][1])),
                        "baseline", Map.of("java", median(micros[3][0]), "postgres", median(micros[3][1]))))
                .figure("loadAverageBefore", loadBefore)
                .figure("loadAverageAfter", loadAfter)
                .figure("membersEvaluated", members)
                .figure("membersBefore", before)
                .figure("evaluationSeconds", evaluationSeconds)
                .figure("downgradedAtOnce", downgraded)
                .figure("putAtRisk", atRisk)
                .put("ratioLedgerToSingleRowInserts", BenchResult.median(ratios[0]))
                .put("meetsBudget", ledgerRate >= 5_000 && (members < 1_000_000 || evaluationSeconds <= 60));
        System.out.println("Wrote " + result.write("loyalty.json"));
        assertThat(downgraded).isEqualTo(MEMBERS / 3);
        assertThat(atRisk).isEqualTo((MEMBERS + 2) / 3);
    }

    /**
     * Runs one round of {@code steps} steps posting {@code entries} in all; records its rate (entries a second) and the
     * CPU microseconds an entry cost the JVM and PostgreSQL.
     */
    private static void measure(int steps, int entries, ConcurrentSteps.Step step, CpuMeter cpu, double[] rates,
                                double[][] micros, int round) throws Exception {
        CpuMeter.Sample before = cpu.sample();
        double seconds = ConcurrentSteps.run(CLIENTS, steps, step);
        CpuMeter.Sample used = cpu.sample().minus(before);
        rates[round] = entries / seconds;
        micros[0][round] = used.javaSeconds() * 1e6 / entries;
        micros[1][round] = used.postgresSeconds() * 1e6 / entries;
    }

    private static long median(double[] perRound) {
        return Math.round(BenchResult.median(perRound));
    }

    private static List<Long> rounded(double[] values) {
        List<Long> out = new ArrayList<>();
        for (double v : values) {
            out.add(Math.round(v));
        }
        return out;
    }

    /** The machine's 1-, 5- and 15-minute load averages (other builds share its 2 cores). */
    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
