package io.liuliang.segment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.PageRequest;

/**
 * RFM per customer, as of a day and for the whole merchant or one shop. Today's merchant-wide RFM is read from the
 * kept metrics; any other day or a single shop is computed from the orders on the fly (scored with quintiles of
 * that population, or the merchant's thresholds).
 */
@Component
class RfmQueries {

    private static final int MONEY_SCALE = 2;
    /** PostgreSQL orders uuids as unsigned bytes; {@link UUID#compareTo} compares signed longs. */
    static final Comparator<UUID> POSTGRES_UUID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    /** One customer's RFM ({@code recencyDays} and the scores are null without a purchase). */
    record RfmRow(UUID customerId, String displayName, Integer recencyDays, int frequency, BigDecimal monetary, Integer r,
                  Integer f, Integer m, RfmSegment segment, RfmQuadrant quadrant) {
    }

    /** The population asked for. */
    record Scope(LocalDate asOf, UUID shopId) {
    }

    /** Which rows of a page: a named segment and/or one cell of the R×F grid (each null for any). */
    record RowFilter(RfmSegment segment, Integer r, Integer f) {

        boolean test(RfmRow row) {
            return (segment == null || segment == row.segment()) && (r == null || r.equals(row.r()))
                    && (f == null || f.equals(row.f()));
        }
    }

    /** One cell of the R×F heatmap. */
    record Cell(int r, int f, long customers, BigDecimal revenue) {
    }

    record Overview(LocalDate asOf, UUID shopId, long customers, long purchasers, RfmScale scale, List<Cell> cells,
                    Map<RfmSegment, Long> segments, Map<RfmQuadrant, Long> quadrants, boolean live) {
    }

    private final JdbcClient jdbc;
    private final MetricsSettingsStore settings;
    private final RfmScaleStore scales;
    private final MetricsService metrics;

    RfmQueries(JdbcClient jdbc, MetricsSettingsStore settings, RfmScaleStore scales, MetricsService metrics) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.scales = scales;
        this.metrics = metrics;
    }

    Scope scope(LocalDate asOf, UUID shopId) {
        LocalDate today = metrics.today();
        if (asOf != null && asOf.isAfter(today)) {
            throw ApiProblemException.invalid("asOf", "must not be after today (" + today + ")");
        }
        if (shopId != null && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM shop WHERE id = ?)").param(shopId).query(Boolean.class).single()) {
            throw ApiProblemException.invalid("shopId", "no shop " + shopId);
        }
        return new Scope(asOf == null ? today : asOf, shopId);
    }

    /** True when the kept metrics answer (today, whole merchant, scale computed). */
    private boolean live(Scope scope) {
        return scope.shopId() == null && scope.asOf().equals(metrics.today()) && scales.current().isPresent();
    }

    CursorPage<RfmRow> page(Scope scope, RowFilter filter, PageRequest page) {
        String segment = code(filter.segment());
        UUID after = page.cursorKey() == null ? null : cursorId(page.cursorKey());
        List<RfmRow> rows;
        if (live(scope)) {
            rows = jdbc.sql("SELECT c.id, c.display_name, m.recency_days, coalesce(m.order_count, 0) AS order_count, "
                            + "coalesce(m.net_spent, 0) AS net_spent, m.r_score, m.f_score, m.m_score, m.rfm_segment, m.rfm_quadrant "
                            + "FROM customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id "
                            + "WHERE c.merged_into IS NULL AND (?::uuid IS NULL OR c.id > ?) AND (?::text IS NULL OR m.rfm_segment = ?) "
                            + "AND (?::int IS NULL OR m.r_score = ?) AND (?::int IS NULL OR m.f_score = ?) "
                            + "ORDER BY c.id LIMIT ?")
                    .params(after, after, segment, segment, filter.r(), filter.r(), filter.f(), filter.f(), page.fetchSize())
                    .query(RfmQueries::stored).list();
        } else {
            rows = computed(scope).stream()
                    .filter(r -> after == null || POSTGRES_UUID_ORDER.compare(r.customerId(), after) > 0)
                    .filter(filter::test)
                    .limit(page.fetchSize()).toList();
        }
        return CursorPage.of(rows, page.limit(), r -> PageRequest.encode(r.customerId().toString()));
    }

    /** Every row of the scope in customer id order (for CSV). */
    void forEach(Scope scope, Consumer<RfmRow> sink) {
        if (live(scope)) {
            jdbc.sql("SELECT c.id, c.display_name, m.recency_days, coalesce(m.order_count, 0) AS order_count, "
                            + "coalesce(m.net_spent, 0) AS net_spent, m.r_score, m.f_score, m.m_score, m.rfm_segment, m.rfm_quadrant "
                            + "FROM customer c LEFT JOIN customer_metrics m ON m.customer_id = c.id "
                            + "WHERE c.merged_into IS NULL ORDER BY c.id")
                    .query(rs -> {
                        sink.accept(stored(rs, 0));
                    });
        } else {
            computed(scope).forEach(sink);
        }
    }

    Overview overview(Scope scope) {
        List<Cell> cells = new ArrayList<>();
        Map<RfmSegment, Long> segments = new EnumMap<>(RfmSegment.class);
        Map<RfmQuadrant, Long> quadrants = new EnumMap<>(RfmQuadrant.class);
        long customers;
        long purchasers;
        RfmScale scale;
        boolean live = live(scope);
        if (live) {
            scale = scales.current().orElseThrow();
            jdbc.sql("SELECT r_score, f_score, count(*) AS n, sum(net_spent) AS revenue FROM customer_metrics "
                            + "WHERE r_score IS NOT NULL GROUP BY r_score, f_score")
                    .query(rs -> {
                        cells.add(new Cell(rs.getInt(1), rs.getInt(2), rs.getLong(3), money(rs.getBigDecimal(4))));
                    });
            jdbc.sql("SELECT rfm_segment, count(*) FROM customer_metrics WHERE rfm_segment IS NOT NULL GROUP BY rfm_segment")
                    .query(rs -> {
                        long count = rs.getLong(2);
                        RfmSegment.ofCode(rs.getString(1)).ifPresent(s -> segments.put(s, count));
                    });
            jdbc.sql("SELECT rfm_quadrant, count(*) FROM customer_metrics WHERE rfm_quadrant IS NOT NULL GROUP BY rfm_quadrant")
                    .query(rs -> {
                        long count = rs.getLong(2);
                        quadrant(rs.getString(1)).ifPresent(q -> quadrants.put(q, count));
                    });
            customers = jdbc.sql("SELECT count(*) FROM customer WHERE merged_into IS NULL").query(Long.class).single();
            purchasers = cells.stream().mapToLong(Cell::customers).sum();
        } else {
            Computed computed = compute(scope);
            scale = computed.scale();
            Map<Integer, long[]> counts = new java.util.TreeMap<>();
            Map<Integer, BigDecimal> revenue = new java.util.HashMap<>();
            for (RfmRow row : computed.rows()) {
                if (row.r() == null) {
                    continue;
                }
                int key = row.r() * MetricsSettings.SCORES + row.f();
                counts.computeIfAbsent(key, k -> new long[1])[0]++;
                revenue.merge(key, row.monetary(), BigDecimal::add);
                segments.merge(row.segment(), 1L, Long::sum);
                quadrants.merge(row.quadrant(), 1L, Long::sum);
            }
            counts.forEach((key, n) -> cells.add(new Cell(key / MetricsSettings.SCORES, key % MetricsSettings.SCORES,
                    n[0], money(revenue.get(key)))));
            customers = computed.rows().size();
            purchasers = cells.stream().mapToLong(Cell::customers).sum();
        }
        cells.sort(Comparator.comparingInt(Cell::r).thenComparingInt(Cell::f));
        return new Overview(scope.asOf(), scope.shopId(), customers, purchasers, scale, cells, segments, quadrants, live);
    }

    // ---- migrations between snapshots

    record Migration(RfmSegment from, RfmSegment to, long customers) {
    }

    record Migrations(YearMonth from, YearMonth to, List<Migration> flows, List<YearMonth> available) {
    }

    List<YearMonth> snapshotMonths() {
        return jdbc.sql("SELECT DISTINCT month FROM rfm_snapshot ORDER BY month")
                .query((rs, n) -> YearMonth.from(rs.getObject(1, LocalDate.class))).list();
    }

    /** Customers per (segment at {@code from}, segment at {@code to}); {@code to} null means now. */
    Migrations migrations(YearMonth from, YearMonth to) {
        List<YearMonth> months = snapshotMonths();
        if (from == null) {
            if (months.isEmpty()) {
                return new Migrations(null, to, List.of(), months);
            }
            from = months.get(0);
        }
        if (!months.contains(from)) {
            throw ApiProblemException.invalid("from", "there is no snapshot of " + from);
        }
        if (to != null && !months.contains(to)) {
            throw ApiProblemException.invalid("to", "there is no snapshot of " + to);
        }
        String target = to == null
                ? "SELECT customer_id, rfm_segment FROM customer_metrics"
                : "SELECT customer_id, rfm_segment FROM rfm_snapshot WHERE month = '" + to.atDay(1) + "'";
        List<Migration> flows = jdbc.sql("SELECT a.rfm_segment, b.rfm_segment, count(*) FROM rfm_snapshot a JOIN (" + target
                        + ") b ON b.customer_id = a.customer_id WHERE a.month = ? AND a.rfm_segment IS NOT NULL "
                        + "AND b.rfm_segment IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC")
                .param(from.atDay(1))
                .query((rs, n) -> new Migration(RfmSegment.ofCode(rs.getString(1)).orElseThrow(),
                        RfmSegment.ofCode(rs.getString(2)).orElseThrow(), rs.getLong(3)))
                .list();
        return new Migrations(from, to, flows, months);
    }

    // ---- the on-the-fly computation

    private record Computed(RfmScale scale, List<RfmRow> rows) {
    }

    private record Fact(UUID customerId, String displayName, Integer recencyDays, int frequency, BigDecimal monetary) {
    }

    private List<RfmRow> computed(Scope scope) {
        return compute(scope).rows();
    }

    private Computed compute(Scope scope) {
        List<Fact> facts = jdbc.sql("""
                        WITH o AS (
                            SELECT o.customer_id, o.status, (o.ordered_at AT TIME ZONE s.timezone)::date AS local_date,
                                   coalesce(o.paid_amount, o.item_total - o.discount + o.shipping) AS value, o.refunded_amount
                            FROM sales_order o JOIN shop s ON s.id = o.shop_id
                            WHERE o.customer_id IS NOT NULL AND (?::uuid IS NULL OR o.shop_id = ?)),
                        agg AS (
                            SELECT customer_id,
                                   max(local_date) FILTER (WHERE status <> 'cancelled' AND value >= 0) AS last_date,
                                   count(*) FILTER (WHERE status <> 'cancelled' AND value >= 0) AS frequency,
                                   coalesce(sum(value - refunded_amount) FILTER (WHERE status <> 'cancelled'), 0) AS monetary
                            FROM o WHERE local_date <= ? GROUP BY customer_id)
                        SELECT c.id, c.display_name, ? - a.last_date AS recency, coalesce(a.frequency, 0) AS frequency,
                               coalesce(a.monetary, 0) AS monetary
                        FROM customer c LEFT JOIN agg a ON a.customer_id = c.id
                        WHERE c.merged_into IS NULL
                          AND (CASE WHEN ?::uuid IS NULL THEN (c.first_seen_at AT TIME ZONE ?)::date <= ? ELSE a.customer_id IS NOT NULL END)
                        ORDER BY c.id""")
                .params(scope.shopId(), scope.shopId(), scope.asOf(), scope.asOf(), scope.shopId(),
                        metrics.timezone().getId(), scope.asOf())
                .query((rs, n) -> new Fact(rs.getObject(1, UUID.class), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getInt(4), money(rs.getBigDecimal(5))))
                .list();
        MetricsSettings current = settings.get();
        List<Fact> purchasers = facts.stream().filter(f -> f.frequency() > 0).toList();
        RfmScale scale = current.rfm().mode() == MetricsSettings.RfmMode.THRESHOLDS || purchasers.isEmpty()
                ? RfmScale.thresholds(scope.asOf(), current.rfm().thresholds(), purchasers.size())
                : RfmScale.quintiles(scope.asOf(), purchasers.stream().mapToInt(Fact::recencyDays).toArray(),
                        purchasers.stream().mapToInt(Fact::frequency).toArray(),
                        purchasers.stream().map(Fact::monetary).toArray(BigDecimal[]::new));
        List<RfmRow> rows = new ArrayList<>(facts.size());
        for (Fact f : facts) {
            if (f.frequency() == 0) {
                rows.add(new RfmRow(f.customerId(), f.displayName(), null, 0, f.monetary(), null, null, null, null, null));
                continue;
            }
            RfmScale.Scores s = scale.score(f.recencyDays(), f.frequency(), f.monetary());
            int high = current.rfm().quadrantHighScore();
            rows.add(new RfmRow(f.customerId(), f.displayName(), f.recencyDays(), f.frequency(), f.monetary(), s.r(), s.f(),
                    s.m(), current.segmentOf(s.r(), s.f()), RfmQuadrant.of(s.r() >= high, s.f() + s.m() >= 2 * high)));
        }
        return new Computed(scale, rows);
    }

    // ---- mapping

    private static RfmRow stored(ResultSet rs, int n) throws SQLException {
        return new RfmRow(rs.getObject(1, UUID.class), rs.getString(2), (Integer) rs.getObject(3), rs.getInt(4),
                money(rs.getBigDecimal(5)), (Integer) rs.getObject(6), (Integer) rs.getObject(7),
                (Integer) rs.getObject(8), rs.getString(9) == null ? null : RfmSegment.ofCode(rs.getString(9)).orElse(null),
                quadrant(rs.getString(10)).orElse(null));
    }

    private static java.util.Optional<RfmQuadrant> quadrant(String code) {
        return java.util.Arrays.stream(RfmQuadrant.values()).filter(q -> q.code().equals(code)).findFirst();
    }

    private static String code(RfmSegment segment) {
        return segment == null ? null : segment.code();
    }

    private static BigDecimal money(BigDecimal v) {
        return v == null ? BigDecimal.ZERO.setScale(MONEY_SCALE) : v.setScale(MONEY_SCALE, RoundingMode.HALF_UP);
    }

    private static UUID cursorId(String key) {
        try {
            return UUID.fromString(key);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
    }
}
