package io.liuliang.coupon;

import java.util.List;

/** Coupons were issued (one event per batch of an issuance, never per coupon). */
public record CouponsIssued(String source, List<IssuedCoupon> coupons) {

    public CouponsIssued {
        coupons = List.copyOf(coupons);
    }
}
