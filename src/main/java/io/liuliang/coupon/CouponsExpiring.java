package io.liuliang.coupon;

import java.util.List;

/** These unused coupons expire within their template's notice days (each is announced once). */
public record CouponsExpiring(List<IssuedCoupon> coupons) {

    public CouponsExpiring {
        coupons = List.copyOf(coupons);
    }
}
