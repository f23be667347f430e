package io.liuliang.analytics;

import java.util.UUID;

import io.liuliang.shared.ShopId;

/** What a CLV model covers: one shop, or the whole merchant (no shop; scope id = the nil UUID). */
record ClvScope(ShopId shop) {

    static final UUID MERCHANT_WIDE = new UUID(0, 0);

    static ClvScope merchantWide() {
        return new ClvScope(null);
    }

    static ClvScope ofNullable(UUID shopId) {
        return new ClvScope(shopId == null ? null : new ShopId(shopId));
    }

    /** The shop's id, or the nil UUID for the whole merchant (the {@code scope_id} of the tables). */
    UUID id() {
        return shop == null ? MERCHANT_WIDE : shop.value();
    }

    /** The shop's id, or null for the whole merchant. */
    UUID shopId() {
        return shop == null ? null : shop.value();
    }

    @Override
    public String toString() {
        return shop == null ? "merchant-wide" : "shop " + shop;
    }
}
