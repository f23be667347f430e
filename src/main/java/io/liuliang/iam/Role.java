package io.liuliang.iam;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static io.liuliang.iam.Permission.*;

/** The roles a user can hold; a user's permissions are the union of their roles' permissions. */
public enum Role {
    /** Administrator: everything. */
    ADMIN(EnumSet.allOf(Permission.class)),
    /** 运营: customers, segments, coupons and journeys. */
    OPERATOR(EnumSet.of(CUSTOMER_READ, CUSTOMER_WRITE, ORDER_READ, ORDER_WRITE, EVENT_WRITE, SHOP_MANAGE, SEGMENT_READ, SEGMENT_MANAGE, JOURNEY_READ, JOURNEY_MANAGE,
            MESSAGING_READ, MESSAGING_MANAGE,
            COUPON_READ, COUPON_MANAGE, COUPON_REDEEM, LOYALTY_READ, LOYALTY_MANAGE, LOYALTY_MEMBER, ANALYTICS_READ, JOB_READ, TOKEN_MANAGE)),
    /** 客服: serves customers, so sees their contact details. */
    AGENT(EnumSet.of(CUSTOMER_READ, CUSTOMER_PII_READ, ORDER_READ, LOYALTY_READ, JOURNEY_READ, TOKEN_MANAGE)),
    /** Sales reps. */
    SALES(EnumSet.of(CUSTOMER_READ, CUSTOMER_WRITE, CUSTOMER_PII_READ, ORDER_READ, TOKEN_MANAGE)),
    /** Analysts: read-only over customers, segments and reports. */
    ANALYST(EnumSet.of(CUSTOMER_READ, ORDER_READ, SEGMENT_READ, JOURNEY_READ, MESSAGING_READ, COUPON_READ, LOYALTY_READ, ANALYTICS_READ, ANALYTICS_MANAGE, JOB_READ, TOKEN_MANAGE));

    private final Set<Permission> permissions;

    Role(Set<Permission> permissions) {
        this.permissions = Set.copyOf(permissions);
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    public static Optional<Role> ofCode(String code) {
        return Arrays.stream(values()).filter(r -> r.name().equals(code)).findFirst();
    }
}
