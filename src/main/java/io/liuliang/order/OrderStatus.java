package io.liuliang.order;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Order lifecycle: created → paid → shipped → delivered → completed, or cancelled / refunded / partially refunded.
 * Whether an order counts as a purchase is decided from it (cancelled orders never do).
 */
public enum OrderStatus {
    CREATED, PAID, SHIPPED, DELIVERED, COMPLETED, CANCELLED, REFUNDED, PARTIALLY_REFUNDED;

    @JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static OrderStatus ofCode(String code) {
        for (OrderStatus s : values()) {
            if (s.code().equalsIgnoreCase(code) || s.name().equalsIgnoreCase(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown order status '" + code + "' (expected one of created, paid, shipped, "
                + "delivered, completed, cancelled, refunded, partially_refunded)");
    }
}
