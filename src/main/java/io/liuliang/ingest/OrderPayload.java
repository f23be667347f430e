package io.liuliang.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.liuliang.customer.CustomerTraits;
import io.liuliang.customer.IdentityInput;

/**
 * An order as integrators send it: lifecycle, amounts, the buyer's identities and traits (resolved by One-ID; none
 * makes a guest order), the receiver (personal data, stored encrypted), items and refunds.
 */
record OrderPayload(String status, String currency, Instant orderedAt, Instant paidAt, Instant shippedAt,
                    Instant deliveredAt, Instant completedAt, Instant cancelledAt, BigDecimal discount,
                    BigDecimal shipping, BigDecimal paidAmount, String buyerRemark, Buyer customer, Receiver receiver,
                    List<Item> items, List<RefundPayload> refunds) {

    record Buyer(List<IdentityInput> identities, CustomerTraits traits) {
    }

    record Receiver(String name, String phone, String address, String province, String city) {
    }

    record Item(String sku, String productId, String productName, String category, Integer quantity,
                BigDecimal unitPrice, BigDecimal amount) {
    }

    record RefundPayload(String externalId, BigDecimal amount, String reason, Instant refundedAt) {
    }
}
