package io.liuliang.analytics;

import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Scores every customer of a scope with a fitted model, set-based: their histories as of the scoring day go into a
 * temporary table in one statement, are read back in keyset chunks, valued in Java, COPYed into a second temporary
 * table, and upserted into {@code customer_prediction} in one statement; predictions of the scope that the new model
 * did not produce (customers merged away since) are removed. Runs inside the caller's transaction.
 */
@Component
class ClvScoring {

    private static final String CREATE_HISTORIES = "CREATE TEMP TABLE clv_score ON COMMIT DROP AS "
            + "SELECT customer_id, count(*) - 1 AS x, max(day) - min(day) AS tx_days, CAST(? AS date) - min(day) AS t_days, "
            + "coalesce(sum(spend) FILTER (WHERE day > first_day), 0) AS repeat_spend FROM ("
            + ClvHistories.PURCHASE_DAYS + ") p GROUP BY customer_id";

    /** Figures far beyond any real value (a degenerate fit) are capped so that numeric(18,2) always takes them. */
    private static final double CAP = 1e12;

    private final JdbcTemplate jdbc;

    ClvScoring(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record History(UUID customer, int x, int txDays, int tDays, double repeatSpend) {
    }

    /** Scores the scope as of {@code asOf}; reports progress as (scored, total); returns the number scored. */
    long score(long modelId, ClvScope scope, LocalDate asOf, BgNbd bg, GammaGamma gg, ClvValuation valuation,
               int chunk, ProgressListener progress) {
        jdbc.update(CREATE_HISTORIES, asOf, scope.shopId(), scope.shopId(), asOf);
        jdbc.execute("ALTER TABLE clv_score ADD PRIMARY KEY (customer_id)");
        jdbc.execute("CREATE TEMP TABLE clv_result (LIKE customer_prediction) ON COMMIT DROP");
        Long total = jdbc.queryForObject("SELECT count(*) FROM clv_score", Long.class);
        long count = total == null ? 0 : total;
        progress.scored(0, count);
        String predictedAt = Instant.now().toString();
        String scopeId = scope.id().toString();
        UUID after = null;
        long done = 0;
        while (true) {
            List<History> batch = after == null
                    ? jdbc.query("SELECT * FROM clv_score ORDER BY customer_id LIMIT ?", ClvScoring::history, chunk)
                    : jdbc.query("SELECT * FROM clv_score WHERE customer_id > ? ORDER BY customer_id LIMIT ?",
                            ClvScoring::history, after, chunk);
            if (batch.isEmpty()) {
                break;
            }
            StringBuilder copy = new StringBuilder(batch.size() * 128);
            for (History h : batch) {
                double tx = h.txDays() / ClvValuation.DAYS_PER_WEEK;
                double t = h.tDays() / ClvValuation.DAYS_PER_WEEK;
                double zbar = h.x() > 0 ? h.repeatSpend() / h.x() : 0;
                ClvValuation.Figures f = valuation.value(bg, gg, h.x(), tx, t, zbar);
                copy.append(h.customer()).append('\t').append(scopeId).append('\t').append(modelId).append('\t')
                        .append(bounded(f.pAlive())).append('\t').append(bounded(f.expectedPurchases90d())).append('\t')
                        .append(bounded(f.expectedAvgSpend())).append('\t').append(bounded(f.clv12m())).append('\t')
                        .append(f.churnRisk().code()).append('\t').append(predictedAt).append('\n');
            }
            String rows = copy.toString();
            jdbc.execute((ConnectionCallback<Long>) con -> {
                try {
                    return con.unwrap(PGConnection.class).getCopyAPI()
                            .copyIn("COPY clv_result FROM STDIN", new StringReader(rows));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            done += batch.size();
            after = batch.get(batch.size() - 1).customer();
            progress.scored(done, count);
        }
        jdbc.update("""
                INSERT INTO customer_prediction SELECT * FROM clv_result
                ON CONFLICT (customer_id, scope_id) DO UPDATE SET model_id = EXCLUDED.model_id, p_alive = EXCLUDED.p_alive,
                    expected_purchases_90d = EXCLUDED.expected_purchases_90d,
                    expected_avg_spend = EXCLUDED.expected_avg_spend, clv_12m = EXCLUDED.clv_12m,
                    churn_risk = EXCLUDED.churn_risk, predicted_at = EXCLUDED.predicted_at""");
        jdbc.update("DELETE FROM customer_prediction WHERE scope_id = ? AND model_id <> ?", scope.id(), modelId);
        return done;
    }

    /** Progress of the scoring: customers scored so far out of all. */
    interface ProgressListener {
        void scored(long done, long total);
    }

    private static History history(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new History(rs.getObject("customer_id", UUID.class), rs.getInt("x"), rs.getInt("tx_days"),
                rs.getInt("t_days"), rs.getDouble("repeat_spend"));
    }

    private static double bounded(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        return Math.max(-CAP, Math.min(CAP, v));
    }
}
