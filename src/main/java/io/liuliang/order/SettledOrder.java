package io.liuliang.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/**
 * An order as loyalty sees it: who owns it, its status, what was paid (paid amount, or goods minus discount plus
 * shipping when the platform gave no paid amount) and refunded, and when it was paid and completed.
 */
public record SettledOrder(UUID id, CustomerId customer, UUID shopId, String externalId, OrderStatus status,
                           BigDecimal paid, BigDecimal refunded, Instant orderedAt, Instant paidAt, Instant completedAt) {
}
