package io.liuliang.order;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Currency;

import io.liuliang.shared.ShopId;

/** A merchant's store on one platform: its time zone defines "days", its currency the default of its orders. */
public record Shop(ShopId id, Platform platform, String name, ZoneId timezone, Currency currency,
                   String platformShopId, boolean archived, Instant createdAt, Instant updatedAt) {
}
