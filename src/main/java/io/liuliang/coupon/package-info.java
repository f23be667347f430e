/**
 * Coupons: templates (满减 amount off above a threshold, 折扣 percentage off with a cap, 包邮 free shipping, 赠品 gift)
 * with validity, stock, a per-customer limit and shop/category scope; coupons issued from them with unguessable
 * codes to a list of customers, a segment (a job) or through {@link io.liuliang.coupon.Coupons} (journeys); redemption
 * that is idempotent per order and safe under concurrency (the coupon row is locked, so of many simultaneous
 * redemptions exactly one wins); reversal when the order is cancelled; expiry and an "expiring soon" notice; statistics
 * per template.
 * <p>
 * Publishes {@link io.liuliang.coupon.CouponsIssued}, {@link io.liuliang.coupon.CouponRedeemed},
 * {@link io.liuliang.coupon.CouponRedemptionReversed}, {@link io.liuliang.coupon.CouponsExpiring} and
 * {@link io.liuliang.coupon.CouponsExpired}. Coupons follow their customer through One-ID merges
 * ({@link io.liuliang.shared.CustomerDataOwner}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Coupons")
package io.liuliang.coupon;
