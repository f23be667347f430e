package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A customer's metrics as kept now: order facts, RFM (scored against the last recompute's boundaries, recency as of
 * today) and lifecycle stage. RFM fields are null for a customer without a purchase.
 */
public record MetricsView(UUID customerId, Instant firstOrderAt, Instant lastOrderAt, int orderCount, int cancelledCount,
                          int units, BigDecimal grossSpent, BigDecimal refunded, BigDecimal netSpent, BigDecimal aov,
                          BigDecimal avgDaysBetweenOrders, BigDecimal refundRate, String preferredCategory,
                          UUID preferredShopId, Instant lastEventAt, Instant lastActivityAt, LocalDate rfmAsOf,
                          Integer recencyDays, Integer r, Integer f, Integer m, RfmSegment rfmSegment,
                          RfmQuadrant rfmQuadrant, LifecycleStage lifecycleStage, Instant lifecycleSince,
                          Instant updatedAt) {
}
