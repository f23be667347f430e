package io.liuliang.order;

import java.math.BigDecimal;

import io.liuliang.shared.ShopId;

/**
 * A customer list narrowed by purchases: bought in {@code shop} (when given, the spend and order count are that
 * shop's), net spend (paid less refunds, cancelled orders left out) and order count within inclusive bounds. Every
 * part may be null. Amounts are summed in the currencies as received.
 */
public record PurchaseFilter(ShopId shop, BigDecimal minSpent, BigDecimal maxSpent, Long minOrders, Long maxOrders) {

    public boolean bounded() {
        return minSpent != null || maxSpent != null || minOrders != null || maxOrders != null;
    }
}
