package io.liuliang.coupon;

import java.util.Arrays;
import java.util.Optional;

/** Whether a template issues coupons: only active ones do; coupons already issued stay usable whatever it becomes. */
enum TemplateStatus {
    ACTIVE("active"),
    PAUSED("paused"),
    ARCHIVED("archived");

    private final String code;

    TemplateStatus(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }

    static Optional<TemplateStatus> ofCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code)).findFirst();
    }
}
