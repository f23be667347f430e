package io.liuliang.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer's purchases at a glance. Cancelled orders are not purchases; spend is net of refunds.
 * Amounts are per currency when a customer bought in several: {@code currency} is the main one.
 */
public record CustomerOrderSummary(long orderCount, BigDecimal totalSpent, BigDecimal averageOrderValue, String currency,
                                   Instant firstOrderAt, Instant lastOrderAt, List<PerShop> shops) {

    public record PerShop(UUID shopId, String currency, long orderCount, BigDecimal totalSpent) {
    }
}
