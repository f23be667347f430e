package io.liuliang.coupon;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Issued, redeemed, expired per template, the GMV of redeeming orders, and a daily series. */
@Component
class CouponStats {

    static final int DAILY_DAYS = 30;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;

    CouponStats(JdbcClient jdbc, Clock clock, @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
    }

    record Counts(long issued, long redeemed, long expired, long revoked, long outstanding, BigDecimal gmv,
                  BigDecimal discountTotal) {

        /** Redeemed over issued (0 when nothing was issued), four decimals. */
        BigDecimal redemptionRate() {
            return issued == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(redeemed).divide(BigDecimal.valueOf(issued), 4,
                    RoundingMode.HALF_UP);
        }
    }

    record Day(LocalDate date, long issued, long redeemed, long expired) {
    }

    private static final String COUNTS = "SELECT count(*) AS issued, count(*) FILTER (WHERE status = 'redeemed') AS redeemed, "
            + "count(*) FILTER (WHERE status = 'expired') AS expired, count(*) FILTER (WHERE status = 'revoked') AS revoked, "
            + "count(*) FILTER (WHERE status = 'issued' AND valid_until > now()) AS outstanding, "
            + "coalesce(sum(redeemed_order_amount) FILTER (WHERE status = 'redeemed'), 0) AS gmv, "
            + "coalesce(sum(redeemed_discount) FILTER (WHERE status = 'redeemed'), 0) AS discount FROM coupon";

    Counts ofTemplate(UUID template) {
        return jdbc.sql(COUNTS + " WHERE template_id = ?").param(template).query(CouponStats::counts).single();
    }

    /** The counts of each of these templates (templates without coupons are absent). */
    java.util.Map<UUID, Counts> ofTemplates(java.util.Collection<UUID> templates) {
        java.util.Map<UUID, Counts> out = new java.util.HashMap<>();
        if (templates.isEmpty()) {
            return out;
        }
        jdbc.sql(COUNTS.replace("SELECT ", "SELECT template_id, ") + " WHERE template_id = ANY (?::uuid[]) GROUP BY template_id")
                .param(templates.toArray(UUID[]::new))
                .query(rs -> {
                    out.put(rs.getObject("template_id", UUID.class), counts(rs, 0));
                });
        return out;
    }

    Counts overall() {
        return jdbc.sql(COUNTS).query(CouponStats::counts).single();
    }

    long templates() {
        return jdbc.sql("SELECT count(*) FROM coupon_template WHERE status <> 'archived'").query(Long.class).single();
    }

    /** The last {@link #DAILY_DAYS} days in the merchant's zone, oldest first, days without activity as zeros. */
    List<Day> daily(UUID template) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate first = today.minusDays(DAILY_DAYS - 1L);
        TreeMap<LocalDate, long[]> days = new TreeMap<>();
        for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            days.put(d, new long[3]);
        }
        String zoneId = zone.getId();
        jdbc.sql("""
                SELECT d, kind, count(*) FROM (
                    SELECT (issued_at AT TIME ZONE ?)::date AS d, 0 AS kind FROM coupon WHERE template_id = ? AND issued_at >= ?
                    UNION ALL
                    SELECT (redeemed_at AT TIME ZONE ?)::date, 1 FROM coupon WHERE template_id = ? AND status = 'redeemed'
                                                                          AND redeemed_at >= ?
                    UNION ALL
                    SELECT (expired_at AT TIME ZONE ?)::date, 2 FROM coupon WHERE template_id = ? AND status = 'expired'
                                                                         AND expired_at >= ?) x
                GROUP BY d, kind""")
                .params(zoneId, template, start(first), zoneId, template, start(first), zoneId, template, start(first))
                .query(rs -> {
                    long[] day = days.get(rs.getObject(1, LocalDate.class));
                    if (day != null) {
                        day[rs.getInt(2)] = rs.getLong(3);
                    }
                });
        List<Day> out = new ArrayList<>(days.size());
        days.forEach((d, v) -> out.add(new Day(d, v[0], v[1], v[2])));
        return out;
    }

    private java.time.OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }

    private static Counts counts(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Counts(rs.getLong("issued"), rs.getLong("redeemed"), rs.getLong("expired"), rs.getLong("revoked"),
                rs.getLong("outstanding"), rs.getBigDecimal("gmv"), rs.getBigDecimal("discount"));
    }
}
