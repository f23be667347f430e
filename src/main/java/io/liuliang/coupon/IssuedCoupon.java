package io.liuliang.coupon;

import java.time.Instant;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/** One coupon given to a customer: what journeys and messages need of it. */
public record IssuedCoupon(UUID couponId, String code, UUID templateId, CustomerId customer, Instant validUntil) {
}
