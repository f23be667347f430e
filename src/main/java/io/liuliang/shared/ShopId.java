package io.liuliang.shared;

import java.util.UUID;

/** Identifies a shop (a store on one platform). Shared because orders, customers and imports all refer to shops. */
public record ShopId(UUID value) {

    public static ShopId random() {
        return new ShopId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
