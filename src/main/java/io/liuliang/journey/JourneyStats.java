package io.liuliang.journey;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A journey's figures: per-node counters (and who waits where now), totals, and per variant the enrolments,
 * conversions, revenue and a two-proportion z-test of the conversion rate against the holdout and the first variant.
 */
@Component
class JourneyStats {

    static final int RATE_SCALE = 4;
    private static final NormalDistribution NORMAL = new NormalDistribution(0, 1);

    private final JdbcClient jdbc;

    JourneyStats(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record NodeStats(long entered, long waiting, long passed, long exited, long converted) {
    }

    record Totals(long enrolled, long active, long completed, long exited, long converted, BigDecimal revenue,
                  String currency) {
    }

    record VariantStats(String key, long enrolled, long converted, BigDecimal conversionRate, BigDecimal revenue,
                        Double pValueVsHoldout, Double pValueVsFirst) {
    }

    record Stats(Integer version, Map<String, NodeStats> nodes, Totals totals, List<VariantStats> variants) {
    }

    Stats of(UUID journey, Integer version) {
        Map<String, long[]> counters = new LinkedHashMap<>();
        if (version != null) {
            jdbc.sql("SELECT node_id, entered, passed, exited, converted FROM journey_node_stat WHERE journey_id = ? "
                            + "AND version = ? ORDER BY node_id")
                    .params(journey, version)
                    .query(rs -> {
                        counters.put(rs.getString(1), new long[] {rs.getLong(2), 0, rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                    });
            jdbc.sql("SELECT node_id, count(*) FROM journey_enrolment WHERE journey_id = ? AND version = ? AND state = 'active' "
                            + "GROUP BY node_id")
                    .params(journey, version)
                    .query(rs -> {
                        counters.computeIfAbsent(rs.getString(1), k -> new long[5])[1] = rs.getLong(2);
                    });
        }
        Map<String, NodeStats> nodes = new LinkedHashMap<>();
        counters.forEach((k, v) -> nodes.put(k, new NodeStats(v[0], v[1], v[2], v[3], v[4])));
        Totals totals = jdbc.sql("SELECT count(*), count(*) FILTER (WHERE state = 'active'), "
                        + "count(*) FILTER (WHERE state = 'completed'), count(*) FILTER (WHERE state = 'exited'), "
                        + "count(*) FILTER (WHERE converted_at IS NOT NULL), "
                        + "(SELECT coalesce(sum(amount), 0) FROM journey_conversion WHERE journey_id = ?), "
                        + "(SELECT min(currency) FROM journey_conversion WHERE journey_id = ?) "
                        + "FROM journey_enrolment WHERE journey_id = ?")
                .params(journey, journey, journey)
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getBigDecimal(6), rs.getString(7)))
                .single();
        return new Stats(version, nodes, totals, variants(journey));
    }

    private List<VariantStats> variants(UUID journey) {
        record Row(String key, long enrolled, long converted, BigDecimal revenue) {
        }
        List<Row> rows = jdbc.sql("SELECT e.variant, count(*), count(*) FILTER (WHERE e.converted_at IS NOT NULL), "
                        + "coalesce(sum(c.revenue), 0) FROM journey_enrolment e "
                        + "LEFT JOIN (SELECT enrolment_id, sum(amount) AS revenue FROM journey_conversion WHERE journey_id = ? "
                        + "GROUP BY enrolment_id) c ON c.enrolment_id = e.id "
                        + "WHERE e.journey_id = ? AND e.variant IS NOT NULL GROUP BY e.variant ORDER BY e.variant = 'holdout', e.variant")
                .params(journey, journey)
                .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getBigDecimal(4))).list();
        Row holdout = rows.stream().filter(r -> r.key().equals(JourneyDefinition.SplitConfig.HOLDOUT)).findFirst().orElse(null);
        Row first = rows.stream().filter(r -> !r.key().equals(JourneyDefinition.SplitConfig.HOLDOUT)).findFirst().orElse(null);
        List<VariantStats> out = new ArrayList<>();
        for (Row r : rows) {
            boolean isHoldout = r == holdout;
            Double vsHoldout = isHoldout || holdout == null ? null
                    : pValue(r.converted(), r.enrolled(), holdout.converted(), holdout.enrolled());
            Double vsFirst = isHoldout || first == null || r == first ? null
                    : pValue(r.converted(), r.enrolled(), first.converted(), first.enrolled());
            out.add(new VariantStats(r.key(), r.enrolled(), r.converted(), rate(r.converted(), r.enrolled()), r.revenue(),
                    vsHoldout, vsFirst));
        }
        return out;
    }

    static BigDecimal rate(long converted, long enrolled) {
        return enrolled == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(converted).divide(BigDecimal.valueOf(enrolled), RATE_SCALE, RoundingMode.HALF_UP);
    }

    /**
     * Two-sided p-value of a two-proportion z-test (pooled); null when either group is empty or the pooled rate is 0
     * or 1 (no variance to test).
     */
    static Double pValue(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return null;
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double variance = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (variance <= 0) {
            return null;
        }
        double z = (p1 - p2) / Math.sqrt(variance);
        return 2 * (1 - NORMAL.cumulativeProbability(Math.abs(z)));
    }
}
