package io.liuliang.segment;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

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

    /** Customers with a purchase now. */
    int purchasers() {
        return jdbc.sql("SELECT count(*) FROM customer_metrics_base WHERE order_count > 0").query(Integer.class).single();
    }

    /** Computes the scale as of {@code today} from the stored metrics (quintiles) or the settings (thresholds). */
    RfmScale compute(MetricsSettings settings, LocalDate today) {
        int purchasers = purchasers();
        if (settings.rfm().mode() == MetricsSettings.RfmMode.THRESHOLDS) {
            return RfmScale.thresholds(today, settings.rfm().thresholds(), purchasers);
        }
        String quantiles = "ARRAY" + Arrays.toString(RfmScale.quantiles());
        return jdbc.sql("SELECT percentile_cont(" + quantiles + "::float8[]) WITHIN GROUP (ORDER BY (?::date - last_order_date)) AS r, "
                        + "percentile_cont(" + quantiles + "::float8[]) WITHIN GROUP (ORDER BY order_count) AS f, "
                        + "percentile_cont(" + quantiles + "::float8[]) WITHIN GROUP (ORDER BY net_spent) AS m, count(*) AS n "
                        + "FROM customer_metrics_base WHERE order_count > 0")
                .param(today)
                .query((rs, n) -> rs.getInt("n") == 0
                        ? RfmScale.thresholds(today, settings.rfm().thresholds(), 0)
                        : new RfmScale(today, MetricsSettings.RfmMode.QUINTILES, decimals(rs, "r"), decimals(rs, "f"),
                                decimals(rs, "m"), rs.getInt("n")))
                .single();
    }

    void save(RfmScale scale, MetricsSettings settings, ZoneId timezone) {
        List<String> grid = settings.rfm().grid().stream().map(RfmSegment::code).toList();
        jdbc.sql("""
                        INSERT INTO rfm_scale (scope_id, as_of, timezone, mode, recency, frequency, monetary, grid, quadrant_high, customers)
                        VALUES (?, ?, ?, ?, ?::numeric[], ?::numeric[], ?::numeric[], ?::text[], ?, ?)
                        ON CONFLICT (scope_id) DO UPDATE SET as_of = excluded.as_of, timezone = excluded.timezone,
                            mode = excluded.mode, recency = excluded.recency, frequency = excluded.frequency,
                            monetary = excluded.monetary, grid = excluded.grid, quadrant_high = excluded.quadrant_high,
                            customers = excluded.customers, computed_at = now()""")
                .params(MetricsSettingsStore.MERCHANT, scale.asOf(), timezone.getId(),
                        scale.mode().name().toLowerCase(java.util.Locale.ROOT), array(scale.recency()),
                        array(scale.frequency()), array(scale.monetary()), "{" + String.join(",", grid) + "}",
                        settings.rfm().quadrantHighScore(), scale.customers())
                .update();
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
