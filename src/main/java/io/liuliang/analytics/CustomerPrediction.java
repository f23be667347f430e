package io.liuliang.analytics;

import java.math.BigDecimal;
import java.time.Instant;

import io.liuliang.shared.CustomerId;
import io.liuliang.shared.ShopId;

/**
 * A customer's CLV predictions in one scope (a shop, or the whole merchant when {@code shop} is null), from the
 * scope's latest model: P(alive), expected purchases in the next 90 days, expected spend per purchase, 12-month CLV
 * and churn-risk band. Stored in {@code customer_prediction}, keyed by (customer_id, scope_id).
 */
public record CustomerPrediction(CustomerId customerId, ShopId shop, long modelId, double pAlive,
                                 double expectedPurchases90d, BigDecimal expectedAvgSpend, BigDecimal clv12m,
                                 ChurnRisk churnRisk, Instant predictedAt) {
}
