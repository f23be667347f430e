package io.liuliang.coupon;

import java.util.Arrays;
import java.util.Optional;

/** How long issued coupons are valid: between fixed dates, or for a number of days from their issue. */
enum ValidityType {
    FIXED("fixed"),
    RELATIVE("relative");

    private final String code;

    ValidityType(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static Optional<ValidityType> ofCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
    }
}
