package io.liuliang.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** The behaviour event types; {@code CUSTOM} events carry their own name. */
public enum EventType {
    PAGE_VIEW, PRODUCT_VIEW, SEARCH, ADD_TO_CART, REMOVE_FROM_CART, FAVORITE, CHECKOUT_STARTED, COUPON_RECEIVED,
    LIVE_VIEW, REVIEW, SHARE, CUSTOM;

    @JsonValue
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static java.util.Optional<EventType> ofCode(String code) {
        for (EventType t : values()) {
            if (t.code().equalsIgnoreCase(code)) {
                return java.util.Optional.of(t);
            }
        }
        return java.util.Optional.empty();
    }
}
