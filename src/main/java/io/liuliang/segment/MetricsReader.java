package io.liuliang.segment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerId;

/** Reads kept metrics: one customer's, lifecycle changes and the lifecycle funnel. */
@Component
class MetricsReader implements CustomerMetrics {

    private final JdbcClient jdbc;

    MetricsReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<MetricsView> of(CustomerId customer) {
        return jdbc.sql("SELECT * FROM customer_metrics WHERE customer_id = ?").param(customer.value())
                .query(MetricsReader::view).optional();
    }

    @Override
    public List<LifecycleStageChanged> lifecycleChanges(long afterSeq, int limit) {
        return jdbc.sql("SELECT seq, customer_id, from_stage, to_stage, changed_at FROM lifecycle_change WHERE seq > ? "
                        + "ORDER BY seq LIMIT ?")
                .params(afterSeq, limit)
                .query((rs, n) -> new LifecycleStageChanged(rs.getLong(1), new CustomerId(rs.getObject(2, UUID.class)),
                        rs.getString(3) == null ? null : LifecycleStage.ofCode(rs.getString(3)).orElse(null),
                        LifecycleStage.ofCode(rs.getString(4)).orElseThrow(), rs.getTimestamp(5).toInstant()))
                .list();
    }

    /** Customers per lifecycle stage (live customers without metrics yet count as prospects). */
    Map<LifecycleStage, Long> funnel() {
        Map<LifecycleStage, Long> counts = new EnumMap<>(LifecycleStage.class);
        for (LifecycleStage s : LifecycleStage.values()) {
            counts.put(s, 0L);
        }
        jdbc.sql("SELECT coalesce(m.lifecycle_stage, 'prospect'), count(*) FROM customer c "
                        + "LEFT JOIN customer_metrics_base m ON m.customer_id = c.id WHERE c.merged_into IS NULL GROUP BY 1")
                .query(rs -> {
                    long count = rs.getLong(2);
                    LifecycleStage.ofCode(rs.getString(1)).ifPresent(s -> counts.put(s, count));
                });
        return counts;
    }

    /** The lifecycle history of one customer, newest first. */
    List<LifecycleStageChanged> historyOf(CustomerId customer, int limit) {
        return jdbc.sql("SELECT seq, customer_id, from_stage, to_stage, changed_at FROM lifecycle_change "
                        + "WHERE customer_id = ? ORDER BY seq DESC LIMIT ?")
                .params(customer.value(), limit)
                .query((rs, n) -> new LifecycleStageChanged(rs.getLong(1), customer,
                        rs.getString(3) == null ? null : LifecycleStage.ofCode(rs.getString(3)).orElse(null),
                        LifecycleStage.ofCode(rs.getString(4)).orElseThrow(), rs.getTimestamp(5).toInstant()))
                .list();
    }

    private static MetricsView view(ResultSet rs, int n) throws SQLException {
        String quadrant = rs.getString("rfm_quadrant");
        return new MetricsView(rs.getObject("customer_id", UUID.class), instant(rs, "first_order_at"),
                instant(rs, "last_order_at"), rs.getInt("order_count"), rs.getInt("cancelled_count"), rs.getInt("units"),
                rs.getBigDecimal("gross_spent"), rs.getBigDecimal("refunded"), rs.getBigDecimal("net_spent"),
                rs.getBigDecimal("aov"), rs.getBigDecimal("avg_days_between_orders"), rs.getBigDecimal("refund_rate"),
                rs.getString("preferred_category"), rs.getObject("preferred_shop_id", UUID.class),
                instant(rs, "last_event_at"), instant(rs, "last_activity_at"), rs.getObject("rfm_as_of", LocalDate.class),
                (Integer) rs.getObject("recency_days"), (Integer) rs.getObject("r_score"), (Integer) rs.getObject("f_score"),
                (Integer) rs.getObject("m_score"),
                rs.getString("rfm_segment") == null ? null : RfmSegment.ofCode(rs.getString("rfm_segment")).orElse(null),
                java.util.Arrays.stream(RfmQuadrant.values()).filter(q -> q.code().equals(quadrant))
                        .findFirst().orElse(null),
                LifecycleStage.ofCode(rs.getString("lifecycle_stage")).orElseThrow(), instant(rs, "lifecycle_since"),
                instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
