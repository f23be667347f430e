package io.liuliang.segment;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored RFM scale (boundaries, grid and quadrant split) that the {@code customer_metrics} view scores with,
 * and its computation over the stored metrics.
 */
@Component
class RfmScaleStore {

    private final JdbcClient jdbc;

    RfmScaleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<RfmScale> current() {
        return jdbc.sql("SELECT as_of, mode, recency, frequency, monetary, customers FROM rfm_scale WHERE scope_id = ?")
                .param(MetricsSettingsStore.MERCHANT)
                .query((rs, n) -> new RfmScale(rs.getObject("as_of", LocalDate.class),
                        MetricsSettings.RfmMode.valueOf(rs.getString("mode").toUpperCase(java.util.Locale.ROOT)),
                        decimals(rs, "recency"), decimals(rs, "frequency"), decimals(rs, "monetary"), rs.getInt("customers")))
                .optional();
    }

    /** The lifecycle thresholds the stages were last moved with by a full recompute, if recorded. */
    Optional<MetricsSettings.Lifecycle> stagedWith() {
        return jdbc.sql("SELECT lifecycle_thresholds FROM rfm_scale WHERE scope_id = ? AND lifecycle_thresholds IS NOT NULL")
                .param(MetricsSettingsStore.MERCHANT)
                .query((rs, n) -> {
                    Integer[] t = (Integer[]) rs.getArray(1).getArray();
                    return new MetricsSettings.Lifecycle(t[0], t[1], t[2], t[3]);
                })
                .optional();
    }

    /** Customers with a purchase now. */
    int purchasers() {
        return jdbc.sql("SELECT count(*) FROM customer_metrics_base WHERE order_count > 0").query(Integer.class).single();
    }

    /**
     * Computes the scale as of {@code today} from the stored metrics (quintiles) or the settings (thresholds).
     * <p>
     * Quintiles are exactly PostgreSQL's {@code percentile_cont} over the customers with a purchase, without sorting
     * a million values: one statement (one snapshot) counts the customers per last purchase day and per purchase
     * count (index-only, over the small partial indexes of V30), and reads the two monetary values each boundary
     * falls between at their ranks from the partial {@code net_spent} index (from whichever end is nearer; the
     * amounts skipped on the way are not converted, only the two read).
     */
    RfmScale compute(MetricsSettings settings, LocalDate today) {
        if (settings.rfm().mode() == MetricsSettings.RfmMode.THRESHOLDS) {
            return RfmScale.thresholds(today, settings.rfm().thresholds(), purchasers());
        }
        TreeMap<Long, Long> recency = new TreeMap<>();
        TreeMap<Long, Long> frequency = new TreeMap<>();
        long[] total = {0};
        Map<Integer, MonetaryRanks> monetary = new HashMap<>();
        jdbc.sql(QUINTILE_FACTS).params(quantilesLiteral(), today)
                .query(rs -> {
                    String kind = rs.getString("kind");
                    long value = rs.getLong("v");
                    long n = rs.getLong("n");
                    if ("r".equals(kind)) {
                        recency.put(value, n);
                    } else if ("f".equals(kind)) {
                        frequency.put(value, n);
                    } else if ("t".equals(kind)) {
                        total[0] = n;
                    } else {
                        Object[] amounts = (Object[]) rs.getArray("amounts").getArray();
                        monetary.put((int) value, new MonetaryRanks(n,
                                Arrays.stream(amounts).mapToDouble(a -> ((Number) a).doubleValue()).toArray()));
                    }
                });
        long customers = total[0];
        if (customers == 0) {
            return RfmScale.thresholds(today, settings.rfm().thresholds(), 0);
        }
        CountedValues r = new CountedValues();
        recency.forEach(r::add);
        CountedValues f = new CountedValues();
        frequency.forEach(f::add);
        double[] quantiles = RfmScale.quantiles();
        List<BigDecimal> m = new ArrayList<>();
        for (int k = 0; k < quantiles.length; k++) {
            MonetaryRanks ranks = monetary.get(k + 1);
            m.add(BigDecimal.valueOf(RfmScale.percentileCont(customers, quantiles[k], ranks::at)));
        }
        return new RfmScale(today, MetricsSettings.RfmMode.QUINTILES, r.bounds(), f.bounds(), m,
                Math.toIntExact(customers));
    }

    /**
     * Rows {@code (kind, v, n, amounts)}: {@code r} customers per recency in days, {@code f} per purchase count,
     * {@code t} all of them, and per quantile {@code m} (its ordinal {@code v}) the lower rank {@code percentile_cont}
     * reads ({@code n}) with the amounts at that rank and the next.
     */
    private static final String QUINTILE_FACTS = """
            WITH r AS (SELECT last_order_date AS day, count(*) AS n FROM customer_metrics_base
                       WHERE order_count > 0 AND last_order_date IS NOT NULL GROUP BY last_order_date),
            f AS (SELECT order_count, count(*) AS n FROM customer_metrics_base WHERE order_count > 0 GROUP BY order_count),
            total AS (SELECT coalesce(sum(n), 0)::bigint AS n FROM f),
            p AS (SELECT u.k, t.n, floor(u.q * (t.n - 1))::bigint AS lower
                  FROM unnest(?::float8[]) WITH ORDINALITY AS u(q, k) CROSS JOIN total t WHERE t.n > 0),
            m AS (SELECT p.k, p.lower,
                         CASE WHEN 2 * p.lower < p.n
                              THEN ARRAY(SELECT x::float8 FROM (SELECT b.net_spent AS x FROM customer_metrics_base b
                                                                WHERE b.order_count > 0 ORDER BY b.net_spent
                                                                OFFSET p.lower LIMIT 2) a ORDER BY x)
                              ELSE ARRAY(SELECT x::float8 FROM (SELECT b.net_spent AS x FROM customer_metrics_base b
                                                                WHERE b.order_count > 0 ORDER BY b.net_spent DESC
                                                                OFFSET p.n - 2 - p.lower LIMIT 2) d ORDER BY x) END AS amounts
                  FROM p)
            SELECT 'r' AS kind, (?::date - day)::bigint AS v, n, NULL::float8[] AS amounts FROM r
            UNION ALL SELECT 'f', order_count, n, NULL FROM f
            UNION ALL SELECT 't', 0, n, NULL FROM total
            UNION ALL SELECT 'm', k, lower, amounts FROM m""";

    private static String quantilesLiteral() {
        return "{" + String.join(",", Arrays.stream(RfmScale.quantiles()).mapToObj(Double::toString).toList()) + "}";
    }

    /** The amounts at a quantile's lower rank and the next one (just one when the lower rank is the last). */
    private record MonetaryRanks(long lower, double[] amounts) {

        double at(long rank) {
            if (rank != lower && rank != lower + 1) {
                throw new IllegalStateException("rank " + rank + " was not read (read " + lower + " and the next)");
            }
            return amounts[(int) Math.min(rank - lower, amounts.length - 1)];
        }
    }

    /** Ascending values with how many customers hold each, read by rank. */
    private static final class CountedValues {
        private final List<Long> values = new ArrayList<>();
        private final List<Long> upTo = new ArrayList<>();
        private long total;

        void add(Long value, Long count) {
            values.add(value);
            total += count;
            upTo.add(total);
        }

        double at(long rank) {
            int i = java.util.Collections.binarySearch(upTo, rank + 1);
            return values.get(i >= 0 ? i : -i - 1);
        }

        List<BigDecimal> bounds() {
            return Arrays.stream(RfmScale.quantiles()).mapToObj(q -> BigDecimal.valueOf(RfmScale.percentileCont(total, q, this::at)))
                    .toList();
        }
    }

    void save(RfmScale scale, MetricsSettings settings, ZoneId timezone) {
        List<String> grid = settings.rfm().grid().stream().map(RfmSegment::code).toList();
        jdbc.sql("""
                        INSERT INTO rfm_scale (scope_id, as_of, timezone, mode, recency, frequency, monetary, grid, quadrant_high, customers,
                                               lifecycle_thresholds)
                        VALUES (?, ?, ?, ?, ?::numeric[], ?::numeric[], ?::numeric[], ?::text[], ?, ?, ?::int[])
                        ON CONFLICT (scope_id) DO UPDATE SET as_of = excluded.as_of, timezone = excluded.timezone,
                            mode = excluded.mode, recency = excluded.recency, frequency = excluded.frequency,
                            monetary = excluded.monetary, grid = excluded.grid, quadrant_high = excluded.quadrant_high,
                            customers = excluded.customers, lifecycle_thresholds = excluded.lifecycle_thresholds,
                            computed_at = now()""")
                .params(MetricsSettingsStore.MERCHANT, scale.asOf(), timezone.getId(),
                        scale.mode().name().toLowerCase(java.util.Locale.ROOT), array(scale.recency()),
                        array(scale.frequency()), array(scale.monetary()), "{" + String.join(",", grid) + "}",
                        settings.rfm().quadrantHighScore(), scale.customers(), thresholds(settings.lifecycle()))
                .update();
    }

    private static String thresholds(MetricsSettings.Lifecycle l) {
        return "{" + l.newWithinDays() + "," + l.atRiskAfterDays() + "," + l.dormantAfterDays() + "," + l.lostAfterDays() + "}";
    }

    private static String array(List<BigDecimal> values) {
        return "{" + String.join(",", values.stream().map(BigDecimal::toPlainString).toList()) + "}";
    }

    private static List<BigDecimal> decimals(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(v -> v instanceof BigDecimal b ? b : new BigDecimal(v.toString())).toList();
    }
}
