package io.liuliang.coupon;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** An issued coupon as stored, with its redemption if it was redeemed. */
record Coupon(UUID id, String code, UUID templateId, String templateName, CouponKind kind, UUID customerId,
              CouponStatus status, String source, Instant issuedAt, Instant validFrom, Instant validUntil,
              Instant redeemedAt, UUID redeemedShopId, String redeemedOrderId, BigDecimal redeemedOrderAmount,
              BigDecimal redeemedDiscount, Instant expiredAt, Instant revokedAt) {
}
