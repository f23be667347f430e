package io.liuliang.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.liuliang.shared.CustomerId;
import io.liuliang.shared.ShopId;

/**
 * An order as a source reports it, keyed by shop and external id. The customer and its origin come from One-ID
 * (both null for a guest order). Receiver details arrive already encrypted by the PII vault, with a masked copy.
 */
public record OrderUpsert(ShopId shopId, String externalId, CustomerId customerId, CustomerId originCustomerId,
                          OrderStatus status, String currency, BigDecimal discount, BigDecimal shipping,
                          BigDecimal paidAmount, Instant orderedAt, Instant paidAt, Instant shippedAt, Instant deliveredAt,
                          Instant completedAt, Instant cancelledAt, String buyerRemark, EncryptedReceiver receiver,
                          List<Line> items, List<Refund> refunds, String source) {

    /** One order line; {@code amount} defaults to quantity × unit price. */
    public record Line(String sku, String productId, String productName, String category, int quantity,
                       BigDecimal unitPrice, BigDecimal amount) {
    }

    /** A refund of (part of) the order, keyed by its external id so re-sending it changes nothing. */
    public record Refund(String externalId, BigDecimal amount, String reason, Instant refundedAt) {
    }

    /** Receiver name, phone and address as ciphertext, plus a masked summary and the unencrypted region. */
    public record EncryptedReceiver(byte[] name, byte[] phone, byte[] address, String masked, String province, String city) {
    }
}
