package io.liuliang.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** The behaviour event types; {@code CUSTOM} events carry their own name. */
public enum EventType {
    PAGE_VIEW, PRODUCT_VIEW, SEARCH, ADD_TO_CART, REMOVE_FROM_CART, FAVORITE, CHECKOUT_STARTED, COUPON_RECEIVED,
    LIVE_VIEW, REVIEW, SHARE, CUSTOM;

    private final String code = name().toLowerCase(java.util.Locale.ROOT);

    @JsonValue
    public String code() {
        return code;
    }

    private static final java.util.Map<String, EventType> BY_CODE = java.util.Arrays.stream(values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(EventType::code, t -> t));

    public static java.util.Optional<EventType> ofCode(String code) {
        return code == null ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(BY_CODE.get(code.toLowerCase(java.util.Locale.ROOT)));
    }
}
