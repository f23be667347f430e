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

    private static final int KEY_CAPACITY = 96;

    /**
     * Identifies the buyer record of the line (for One-ID), or null for a guest line: the buyer id and the phone and
     * e-mail fingerprints, then the shop. The part that differs from line to line comes first, so the staged lines
     * sort by it quickly; the fingerprints and the shop id hold no {@code |}, so the key is unambiguous.
     */
    String recordKey() {
        StringBuilder sb = new StringBuilder(KEY_CAPACITY);
        return recordKey(sb, shopId.toString()) ? sb.toString() : null;
    }

    /** Appends {@link #recordKey()} (with the shop id as text) to {@code out}; false for a guest line. */
    boolean recordKey(StringBuilder out, String shop) {
        if (buyerId == null && phoneEnc == null && emailEnc == null) {
            return false;
        }
        out.append(buyerId == null ? "" : buyerId).append('|').append(phoneKey == null ? "" : phoneKey).append('|')
                .append(emailKey == null ? "" : emailKey).append('|').append(shop);
        return true;
    }

    /**
     * Appends the key that groups the lines of one order to {@code out}: the order id, then the shop (whose id holds
     * no {@code |}); returns {@code out}.
     */
    static StringBuilder orderKey(StringBuilder out, String orderId, String shop) {
        return out.append(orderId).append('|').append(shop);
    }

    boolean hasItem() {
        return sku != null || productId != null || productName != null || quantity != null;
    }
}
