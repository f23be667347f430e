package io.liuliang.order;

import io.liuliang.shared.ShopId;

/** An order as the platforms name it: its shop and the shop's own order number. */
public record OrderKey(ShopId shop, String externalId) {
}
