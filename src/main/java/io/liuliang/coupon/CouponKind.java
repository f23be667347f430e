package io.liuliang.coupon;

import java.util.Arrays;
import java.util.Optional;

/** What a coupon gives. */
public enum CouponKind {
    /** 满减: a fixed amount off an order of at least the threshold. */
    AMOUNT_OFF("amount_off"),
    /** 折扣: a percentage off, optionally capped. */
    PERCENT_OFF("percent_off"),
    /** 包邮: the shipping is free. */
    FREE_SHIPPING("free_shipping"),
    /** 赠品: a gift with the order. */
    GIFT("gift");

    private final String code;

    CouponKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Optional<CouponKind> ofCode(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }
}
