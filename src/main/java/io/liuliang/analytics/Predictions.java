package io.liuliang.analytics;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.liuliang.shared.CustomerId;
import io.liuliang.shared.ShopId;

/**
 * CLV predictions for other modules. Segments may also read {@code customer_prediction} directly in set-based SQL:
 * its columns (customer_id, scope_id, model_id, p_alive, expected_purchases_90d, expected_avg_spend, clv_12m,
 * churn_risk, predicted_at) are a published contract; {@link #MERCHANT_SCOPE} is the scope_id of merchant-wide
 * predictions.
 */
public interface Predictions {

    /** The scope_id of predictions over the whole merchant. */
    UUID MERCHANT_SCOPE = new UUID(0, 0);

    /** The customer's predictions in every scope that has them, the merchant-wide one first. */
    List<CustomerPrediction> of(CustomerId customer);

    /** The customer's prediction in one scope: a shop, or the whole merchant when {@code shop} is empty. */
    Optional<CustomerPrediction> of(CustomerId customer, Optional<ShopId> shop);
}
