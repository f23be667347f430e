package io.liuliang.coupon;

import java.util.Arrays;
import java.util.Optional;

/** Where a coupon is in its life: issued, then redeemed, expired or revoked (a reversed redemption is issued again). */
public enum CouponStatus {
    ISSUED("issued"),
    REDEEMED("redeemed"),
    EXPIRED("expired"),
    REVOKED("revoked");

    private final String code;

    CouponStatus(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<CouponStatus> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
