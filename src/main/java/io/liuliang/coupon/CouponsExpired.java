package io.liuliang.coupon;

import java.util.List;

/** These coupons reached the end of their validity unused. */
public record CouponsExpired(List<IssuedCoupon> coupons) {

    public CouponsExpired {
        coupons = List.copyOf(coupons);
    }
}
