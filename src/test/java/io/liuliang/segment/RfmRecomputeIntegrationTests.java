package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full recompute's shortcuts keep its meaning: the quintile boundaries read from counts and a few index probes
 * equal PostgreSQL's {@code percentile_cont} over every customer with a purchase, and the restage found through the
 * covering index leaves no customer in a stage other than the one its facts give as of today, recording each move.
 */
class RfmRecomputeIntegrationTests extends IntegrationTest {

    private static final int CUSTOMERS = 4_000;
    private static final int STALE_STAGES = 2;
    /** Stages left stale as time would leave them: {stored, today's}. */
    private static final String[][] STALE_MOVES = {{"active", "lost"}, {"at_risk", "dormant"}, {"dormant", "lost"},
            {"active", "at_risk"}};

    @Autowired
    private RfmScaleStore scales;
    @Autowired
    private MetricsService metrics;
    @Autowired
    private MetricsSettingsStore settings;
    @Autowired
    private PlatformTransactionManager transactions;

    private final String source = "rfm-recompute-" + UUID.randomUUID();

    @AfterEach
    void removeSeeded() {
        jdbc.sql("DELETE FROM customer_metrics_base WHERE customer_id IN (SELECT id FROM customer WHERE source = ?)")
                .param(source).update();
        jdbc.sql("DELETE FROM customer WHERE source = ?").param(source).update();
    }

    /** Customers whose facts spread over two years, with ties, refunds beyond spend, big spenders and prospects. */
    private void seed() {
        jdbc.sql("""
                        INSERT INTO customer (id, display_name, first_seen_at, last_seen_at, source)
                        SELECT gen_random_uuid(), 'rfm ' || i, now(), now(), ? FROM generate_series(1, ?) AS i""")
                .params(source, CUSTOMERS).update();
        jdbc.sql("""
                        INSERT INTO customer_metrics_base (customer_id, order_count, net_spent, gross_spent, first_order_date,
                                                           last_order_date, lifecycle_stage)
                        SELECT id, n, spent, greatest(spent, 0), CASE WHEN n > 0 THEN last_day - (random() * 400)::int END,
                               CASE WHEN n > 0 THEN last_day END, 'active'
                        FROM (SELECT id, CASE WHEN random() < 0.1 THEN 0 ELSE 1 + floor(30 * power(random(), 3))::int END AS n,
                                     CASE WHEN random() < 0.03 THEN -round((random() * 50)::numeric, 2)
                                          WHEN random() < 0.2 THEN round(100 * floor(random() * 5)::numeric, 2)
                                          ELSE round((power(random(), 4) * 200000)::numeric, 2) END AS spent,
                                     current_date - (random() * 730)::int AS last_day
                              FROM customer WHERE source = ?) x""")
                .param(source).update();
    }

    @Test
    void quintileBoundariesEqualPercentileContOverEveryPurchaser() {
        seed();
        LocalDate today = metrics.today();
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.executeWithoutResult(status -> {
            RfmScale scale = scales.compute(settings.get(), today);
            List<List<Double>> expected = jdbc.sql("""
                            SELECT percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY (?::date - last_order_date)) AS r,
                                   percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY order_count) AS f,
                                   percentile_cont(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY net_spent) AS m
                            FROM customer_metrics_base WHERE order_count > 0""")
                    .param(today)
                    .query((rs, n) -> List.of(doubles(rs.getArray("r")), doubles(rs.getArray("f")), doubles(rs.getArray("m"))))
                    .single();
            long purchasers = jdbc.sql("SELECT count(*) FROM customer_metrics_base WHERE order_count > 0")
                    .query(Long.class).single();
            assertThat(scale.mode()).isEqualTo(MetricsSettings.RfmMode.QUINTILES);
            assertThat((long) scale.customers()).isEqualTo(purchasers);
            assertThat(scale.recency()).isEqualTo(decimals(expected.get(0)));
            assertThat(scale.frequency()).isEqualTo(decimals(expected.get(1)));
            assertThat(scale.monetary()).isEqualTo(decimals(expected.get(2)));
        });
    }

    @Test
    void theRestageMovesEveryCustomerWhoseStageTheDayChangedAndRecordsEachMove() {
        seed();
        // the seeded stages were not set with any thresholds: the first recompute checks every customer
        jdbc.sql("UPDATE rfm_scale SET lifecycle_thresholds = NULL").update();
        MetricsService.Recompute first = metrics.recomputeAll(settings.get());
        LocalDate today = first.asOf();
        String expression = MetricsCalculator.stageExpression(today, settings.get().lifecycle());
        assertThat(jdbc.sql("SELECT count(*) FROM customer_metrics_base f JOIN customer c ON c.id = f.customer_id "
                + "WHERE c.source = ? AND f.lifecycle_stage <> " + expression).param(source).query(Long.class).single())
                .isZero();
        long seededMoves = jdbc.sql("SELECT count(*) FROM lifecycle_change l JOIN customer c ON c.id = l.customer_id "
                        + "WHERE c.source = ? AND l.from_stage = 'active'").param(source).query(Long.class).single();
        long notActive = jdbc.sql("SELECT count(*) FROM customer_metrics_base f JOIN customer c ON c.id = f.customer_id "
                + "WHERE c.source = ? AND f.lifecycle_stage <> 'active'").param(source).query(Long.class).single();
        assertThat(seededMoves).isEqualTo(notActive).isPositive();

        // stages go stale as days passing leave them (each an earlier stage of its own path): the next recompute,
        // with the same thresholds, reads only the ranges time moves and moves exactly those forward
        List<UUID> stale = new java.util.ArrayList<>();
        for (String[] move : STALE_MOVES) {
            List<UUID> moved = jdbc.sql("UPDATE customer_metrics_base SET lifecycle_stage = ? WHERE customer_id IN "
                            + "(SELECT f.customer_id FROM customer_metrics_base f JOIN customer c ON c.id = f.customer_id "
                            + "WHERE c.source = ? AND f.lifecycle_stage = ? AND f.customer_id <> ALL (?::uuid[]) LIMIT ?) "
                            + "RETURNING customer_id")
                    .params(move[0], source, move[1], MetricsCalculator.uuidArray(stale), STALE_STAGES)
                    .query(UUID.class).list();
            assertThat(moved).as("%s made %s", move[1], move[0]).hasSize(STALE_STAGES);
            stale.addAll(moved);
        }
        assertThat(scales.stagedWith()).as("the thresholds the stages were moved with").contains(settings.get().lifecycle());
        long seqBefore = jdbc.sql("SELECT coalesce(max(seq), 0) FROM lifecycle_change").query(Long.class).single();
        MetricsService.Recompute second = metrics.recomputeAll(settings.get());
        assertThat(second.stageChanges()).isGreaterThanOrEqualTo(stale.size());
        assertThat(jdbc.sql("SELECT count(*) FROM customer_metrics_base f JOIN customer c ON c.id = f.customer_id "
                + "WHERE c.source = ? AND f.lifecycle_stage <> " + expression).param(source).query(Long.class).single())
                .as("no seeded customer left in a stage its facts do not give").isZero();
        for (String[] move : STALE_MOVES) {
            assertThat(jdbc.sql("SELECT count(*) FROM lifecycle_change WHERE customer_id = ANY (?::uuid[]) "
                            + "AND from_stage = ? AND to_stage = ? AND seq > ?")
                    .params(MetricsCalculator.uuidArray(stale), move[0], move[1], seqBefore)
                    .query(Long.class).single()).as("%s to %s recorded", move[0], move[1]).isEqualTo(STALE_STAGES);
        }
    }

    @Test
    void newThresholdsCheckEveryCustomerNotOnlyThoseTimeMoves() {
        seed();
        jdbc.sql("UPDATE rfm_scale SET lifecycle_thresholds = NULL").update();
        MetricsSettings before = settings.get();
        metrics.recomputeAll(before);
        // dormant only after a longer silence: customers go back from dormant to at risk, which time alone never does
        MetricsSettings.Lifecycle l = before.lifecycle();
        MetricsSettings later = new MetricsSettings(before.rfm(), new MetricsSettings.Lifecycle(l.newWithinDays(),
                l.atRiskAfterDays(), l.dormantAfterDays() + 60, l.lostAfterDays()));
        long backToAtRisk = jdbc.sql("SELECT count(*) FROM customer_metrics_base f JOIN customer c ON c.id = f.customer_id "
                        + "WHERE c.source = ? AND f.lifecycle_stage = 'dormant' AND ?::date - f.last_order_date < ?")
                .params(source, metrics.today(), l.dormantAfterDays() + 60).query(Long.class).single();
        assertThat(backToAtRisk).isPositive();
        MetricsService.Recompute recompute = metrics.recomputeAll(later);
        assertThat(recompute.stageChanges()).isGreaterThanOrEqualTo((int) backToAtRisk);
        assertThat(jdbc.sql("SELECT count(*) FROM customer_metrics_base f JOIN customer c ON c.id = f.customer_id "
                + "WHERE c.source = ? AND f.lifecycle_stage <> " + MetricsCalculator.stageExpression(recompute.asOf(),
                later.lifecycle())).param(source).query(Long.class).single()).isZero();
        metrics.recomputeAll(before);
    }

    private static List<Double> doubles(java.sql.Array array) throws java.sql.SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(v -> ((Number) v).doubleValue()).toList();
    }

    private static List<BigDecimal> decimals(List<Double> values) {
        return values.stream().map(BigDecimal::valueOf).toList();
    }
}
