package io.liuliang.order;

import java.math.BigDecimal;

/** A customer's non-cancelled orders in a window and their net spend (refunds subtracted). */
public record PurchaseTotals(long orders, BigDecimal netSpend) {

    public static final PurchaseTotals NONE = new PurchaseTotals(0, BigDecimal.ZERO);
}
