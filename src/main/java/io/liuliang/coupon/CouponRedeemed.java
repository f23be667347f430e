package io.liuliang.coupon;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A coupon was redeemed on an order (once: a replayed redemption publishes nothing). */
public record CouponRedeemed(IssuedCoupon coupon, UUID shopId, String orderId, BigDecimal orderAmount,
                             BigDecimal discount, Instant at) {
}
