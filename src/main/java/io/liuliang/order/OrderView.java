package io.liuliang.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order with its items, as the 360° view lists it (receiver details stay masked). */
public record OrderView(UUID id, UUID shopId, String externalId, OrderStatus status, Instant orderedAt, String currency,
                        BigDecimal itemTotal, BigDecimal discount, BigDecimal shipping, BigDecimal paidAmount,
                        BigDecimal refundedAmount, String receiverMasked, List<Item> items) {

    public record Item(String sku, String productName, String category, int quantity, BigDecimal unitPrice,
                       BigDecimal amount) {
    }
}
