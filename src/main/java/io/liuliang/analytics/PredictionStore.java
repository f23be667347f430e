package io.liuliang.analytics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.liuliang.shared.CustomerId;
import io.liuliang.shared.ShopId;

/** Reads {@code customer_prediction}: per customer, and as distributions for the model page. */
@Service
class PredictionStore implements Predictions {

    private final JdbcClient jdbc;

    PredictionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<CustomerPrediction> of(CustomerId customer) {
        return jdbc.sql("SELECT * FROM customer_prediction WHERE customer_id = ? ORDER BY scope_id <> ?, scope_id")
                .params(customer.value(), MERCHANT_SCOPE).query(PredictionStore::map).list();
    }

    @Override
    public Optional<CustomerPrediction> of(CustomerId customer, Optional<ShopId> shop) {
        UUID scope = shop.map(ShopId::value).orElse(MERCHANT_SCOPE);
        return jdbc.sql("SELECT * FROM customer_prediction WHERE customer_id = ? AND scope_id = ?")
                .params(customer.value(), scope).query(PredictionStore::map).optional();
    }

    /** Customers per churn band and per tenth of P(alive), with the CLV total, of a scope's latest predictions. */
    record Distribution(long customers, long low, long medium, long high, List<Long> pAliveDeciles,
                        java.math.BigDecimal totalClv12m, Double meanExpectedPurchases90d) {
    }

    static final int DECILES = 10;

    Distribution distribution(ClvScope scope) {
        Long[] deciles = new Long[DECILES];
        java.util.Arrays.fill(deciles, 0L);
        jdbc.sql("SELECT least(floor(p_alive * ?)::int, ?) AS bucket, count(*) AS n FROM customer_prediction "
                        + "WHERE scope_id = ? GROUP BY 1")
                .params(DECILES, DECILES - 1, scope.id())
                .query(rs -> {
                    deciles[Math.max(0, rs.getInt("bucket"))] += rs.getLong("n");
                });
        return jdbc.sql("""
                        SELECT count(*) AS n,
                               count(*) FILTER (WHERE churn_risk = 'low') AS low,
                               count(*) FILTER (WHERE churn_risk = 'medium') AS medium,
                               count(*) FILTER (WHERE churn_risk = 'high') AS high,
                               coalesce(sum(clv_12m), 0) AS clv, avg(expected_purchases_90d) AS e90
                        FROM customer_prediction WHERE scope_id = ?""")
                .param(scope.id())
                .query((rs, n) -> new Distribution(rs.getLong("n"), rs.getLong("low"), rs.getLong("medium"),
                        rs.getLong("high"), List.of(deciles), rs.getBigDecimal("clv"),
                        rs.getObject("e90") == null ? null : rs.getDouble("e90")))
                .single();
    }

    private static CustomerPrediction map(ResultSet rs, int row) throws SQLException {
        UUID scope = rs.getObject("scope_id", UUID.class);
        return new CustomerPrediction(new CustomerId(rs.getObject("customer_id", UUID.class)),
                MERCHANT_SCOPE.equals(scope) ? null : new ShopId(scope), rs.getLong("model_id"), rs.getDouble("p_alive"),
                rs.getDouble("expected_purchases_90d"), rs.getBigDecimal("expected_avg_spend"), rs.getBigDecimal("clv_12m"),
                ChurnRisk.ofCode(rs.getString("churn_risk")), rs.getTimestamp("predicted_at").toInstant());
    }
}
