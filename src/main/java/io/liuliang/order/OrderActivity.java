package io.liuliang.order;

import java.math.BigDecimal;
import java.time.Instant;

import io.liuliang.shared.CustomerId;

/**
 * Something that happened to a customer's order: it was placed, delivered or (partly) refunded, at {@code at}.
 * {@code orderRef} names the order ({@code shopId:externalId}); {@code activityRef} names this happening (a refund's
 * own id for refunds), so a consumer can act on it once. {@code amount} is what was paid (for a refund: refunded).
 */
public record OrderActivity(CustomerId customer, String orderRef, String activityRef, Kind kind, Instant at,
                            BigDecimal amount, String currency, boolean firstOrder) {

    public enum Kind {
        PLACED, DELIVERED, REFUNDED
    }
}
