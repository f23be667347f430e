package io.liuliang.coupon;

import java.time.Instant;
import java.util.UUID;

/** The redemption of a coupon was taken back (its order was cancelled); {@code usableAgain} unless it had expired. */
public record CouponRedemptionReversed(IssuedCoupon coupon, UUID shopId, String orderId, boolean usableAgain,
                                       Instant at) {
}
