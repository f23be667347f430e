package io.liuliang.iam;

import java.util.Arrays;
import java.util.Optional;

/**
 * The named permissions checked on every endpoint ({@code @PreAuthorize("hasAuthority('user.manage')")}).
 * The code is the authority string and never changes once published.
 */
public enum Permission {
    USER_READ("user.read", "iam"),
    USER_MANAGE("user.manage", "iam"),
    AUDIT_READ("audit.read", "iam"),
    TOKEN_MANAGE("token.manage", "iam"),
    JOB_READ("job.read", "job"),
    JOB_MANAGE("job.manage", "job"),
    CUSTOMER_READ("customer.read", "customer"),
    CUSTOMER_WRITE("customer.write", "customer"),
    CUSTOMER_PII_READ("customer.pii.read", "customer"),
    ORDER_READ("order.read", "order"),
    ORDER_WRITE("order.write", "order"),
    EVENT_WRITE("event.write", "event"),
    SHOP_MANAGE("shop.manage", "order"),
    SEGMENT_READ("segment.read", "segment"),
    SEGMENT_MANAGE("segment.manage", "segment"),
    JOURNEY_READ("journey.read", "journey"),
    JOURNEY_MANAGE("journey.manage", "journey"),
    MESSAGING_READ("messaging.read", "messaging"),
    MESSAGING_MANAGE("messaging.manage", "messaging"),
    COUPON_READ("coupon.read", "coupon"),
    COUPON_MANAGE("coupon.manage", "coupon"),
    COUPON_REDEEM("coupon.redeem", "coupon"),
    LOYALTY_READ("loyalty.read", "loyalty"),
    LOYALTY_MANAGE("loyalty.manage", "loyalty"),
    LOYALTY_MEMBER("loyalty.member", "loyalty"),
    ANALYTICS_READ("analytics.read", "analytics"),
    ANALYTICS_MANAGE("analytics.manage", "analytics"),
    SETTINGS_MANAGE("settings.manage", "platform");

    private final String code;
    private final String module;

    Permission(String code, String module) {
        this.code = code;
        this.module = module;
    }

    public String code() {
        return code;
    }

    public String module() {
        return module;
    }

    public static Optional<Permission> ofCode(String code) {
        return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
    }
}
