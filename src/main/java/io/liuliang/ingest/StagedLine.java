package io.liuliang.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One validated line of an import, as staged between the passes of the job. Personal data (phone, email, receiver
 * name and address) is held only encrypted, as base64 ciphertext from the PII vault, with keyed fingerprints of the
 * phone and e-mail to group lines by buyer without decrypting, and the receiver's masked name, phone and address for
 * display (made while the plain text is at hand, so that storing orders needs no decryption).
 */
record StagedLine(long lineNo, UUID shopId, String orderId, String buyerId, String phoneEnc, String phoneKey,
                  String emailEnc, String emailKey,
                  String nameEnc, String addressEnc, String nameMasked, String phoneMasked, String addressMasked,
                  String province, String city, Instant orderedAt, Instant paidAt,
                  String status, String currency, String sku, String productId, String productName, String category,
                  Integer quantity, BigDecimal unitPrice, BigDecimal totalAmount, BigDecimal paidAmount,
                  BigDecimal discount, BigDecimal shipping, BigDecimal refundAmount, String buyerRemark) {

    /** Identifies the buyer record of the line (for One-ID), or null for a guest line. */
    String recordKey() {
        if (buyerId == null && phoneEnc == null && emailEnc == null) {
            return null;
        }
        return shopId + "|" + (buyerId == null ? "" : buyerId) + "|" + (phoneKey == null ? "" : phoneKey) + "|"
                + (emailKey == null ? "" : emailKey);
    }

    boolean hasItem() {
        return sku != null || productId != null || productName != null || quantity != null;
    }
}
