package io.liuliang.ingest;

import java.util.Locale;
import java.util.Optional;

/**
 * The canonical fields an imported order line can carry, whatever the platform calls its columns. A profile maps
 * its header names onto these; a user can override that mapping by {@link #key() key} (such as {@code order_id}).
 */
enum ImportField {
    /** The platform's order number (for line-level exports, the parent order). */
    ORDER_ID,
    /** The platform's buyer id or nickname (买家会员名, 下单帐号, buyer email on Shopify). */
    CUSTOMER_ID,
    ORDERED_AT,
    PAID_AT,
    /** The platform's status text, mapped through the profile's status vocabulary. */
    STATUS,
    TOTAL_AMOUNT,
    PAID_AMOUNT,
    DISCOUNT,
    SHIPPING,
    CURRENCY,
    SKU,
    PRODUCT_ID,
    PRODUCT_NAME,
    CATEGORY,
    QUANTITY,
    UNIT_PRICE,
    REFUND_AMOUNT,
    BUYER_REMARK,
    /** The receiver's or buyer's real name (PII). */
    NAME,
    /** PII. */
    PHONE,
    /** PII. */
    EMAIL,
    PROVINCE,
    CITY,
    /** The street address, or the whole address when the platform gives it in one column (PII). */
    ADDRESS,
    SHOP,
    COUNTRY;

    private final String key = name().toLowerCase(Locale.ROOT);

    /** The snake-case name used in the generic template and in mapping overrides, such as {@code order_id}. */
    String key() {
        return key;
    }

    /** The field named by {@code name}: its key or enum name, case-insensitive; empty if there is none. */
    static Optional<ImportField> byKey(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        for (ImportField field : values()) {
            if (field.key.equals(wanted)) {
                return Optional.of(field);
            }
        }
        return Optional.empty();
    }
}
