package io.liuliang.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.liuliang.order.OrderStatus;

/**
 * Turns a mapped row into a {@link StagedLine} or a rejection naming the column and the reason. One parser per
 * import (the date parser it holds is not thread-safe).
 */
final class ImportLineParser {

    static final int MAX_ID = 200;

    private final ImportProfile profile;
    private final ColumnMapping mapping;
    private final ImportDateTimeParser dates;
    private final UUID defaultShop;
    private final String defaultCurrency;
    private final Map<String, UUID> shopsByName;
    private final PersonalData vault;
    private final ProtectedMemo phones = new ProtectedMemo(PiiKind.PHONE, true);
    private final ProtectedMemo emails = new ProtectedMemo(PiiKind.EMAIL, true);
    private final ProtectedMemo names = new ProtectedMemo(PiiKind.NAME, false);
    private final ProtectedMemo addresses = new ProtectedMemo(PiiKind.ADDRESS, false);

    ImportLineParser(ImportProfile profile, ColumnMapping mapping, ZoneId shopZone, UUID defaultShop,
                     String shopCurrency, Map<String, UUID> shopsByName, PersonalData vault) {
        this.profile = profile;
        this.mapping = mapping;
        this.dates = profile.dateTimeParser(shopZone);
        this.defaultShop = defaultShop;
        this.defaultCurrency = profile.defaults().currencyIfKnown().orElse(shopCurrency);
        this.shopsByName = shopsByName;
        this.vault = vault;
    }

    /** A line, or why it was refused. */
    sealed interface Outcome permits Parsed, Refused {
    }

    record Parsed(StagedLine line) implements Outcome {
    }

    record Refused(String column, String reason) implements Outcome {
    }

    Outcome parse(ImportRow row) {
        String orderId = value(row, ImportField.ORDER_ID);
        if (orderId == null) {
            return refuse(ImportField.ORDER_ID, "the order id is empty");
        }
        if (orderId.length() > MAX_ID) {
            return refuse(ImportField.ORDER_ID, "the order id is longer than " + MAX_ID + " characters");
        }
        UUID shop = defaultShop;
        String shopName = value(row, ImportField.SHOP);
        if (shopName != null) {
            shop = shopsByName.get(shopName.toLowerCase(Locale.ROOT));
            if (shop == null) {
                return refuse(ImportField.SHOP, "no shop is named '" + shopName + "'; create it first or fix the name");
            }
        }
        String orderedRaw = value(row, ImportField.ORDERED_AT);
        if (orderedRaw == null) {
            return refuse(ImportField.ORDERED_AT, "the order time is empty");
        }
        ParseResult<Instant> ordered = dates.parse(orderedRaw);
        if (ordered instanceof ParseResult.Rejected<Instant> r) {
            return refuse(ImportField.ORDERED_AT, r.message());
        }
        Instant paidAt = null;
        String paidRaw = value(row, ImportField.PAID_AT);
        if (paidRaw != null) {
            ParseResult<Instant> paid = dates.parse(paidRaw);
            if (paid instanceof ParseResult.Rejected<Instant> r) {
                return refuse(ImportField.PAID_AT, r.message());
            }
            paidAt = paid.valueOrNull();
        }
        OrderStatus status;
        String statusText = value(row, ImportField.STATUS);
        boolean negativeOrder = profile.defaults().cancelledOrderPrefix() != null
                && orderId.startsWith(profile.defaults().cancelledOrderPrefix());
        if (negativeOrder) {
            // a cancellation invoice (online_retail "C..."): a negative order of the customer, recorded as refunded
            status = OrderStatus.REFUNDED;
        } else if (statusText != null) {
            ParseResult<ImportedOrderStatus> parsed = profile.status(statusText);
            if (parsed instanceof ParseResult.Rejected<ImportedOrderStatus> r) {
                return refuse(ImportField.STATUS, r.message());
            }
            status = OrderStatus.valueOf(parsed.valueOrNull().name());
        } else {
            Optional<ImportedOrderStatus> implied = profile.impliedStatus(orderId);
            status = implied.map(s -> OrderStatus.valueOf(s.name())).orElse(paidAt != null ? OrderStatus.PAID : OrderStatus.CREATED);
        }
        BigDecimal[] amounts = new BigDecimal[6];
        ImportField[] amountFields = {ImportField.UNIT_PRICE, ImportField.TOTAL_AMOUNT, ImportField.PAID_AMOUNT,
                ImportField.DISCOUNT, ImportField.SHIPPING, ImportField.REFUND_AMOUNT};
        for (int i = 0; i < amountFields.length; i++) {
            ParseResult<BigDecimal> amount = ImportValues.amount(mapping.value(row, amountFields[i]));
            if (amount instanceof ParseResult.Rejected<BigDecimal> r) {
                return refuse(amountFields[i], r.message());
            }
            amounts[i] = amount.valueOrNull();
        }
        Integer quantity = null;
        String quantityRaw = value(row, ImportField.QUANTITY);
        if (quantityRaw != null) {
            ParseResult<Integer> q = ImportValues.quantity(quantityRaw);
            if (q instanceof ParseResult.Rejected<Integer> r) {
                return refuse(ImportField.QUANTITY, r.message());
            }
            quantity = q.valueOrNull();
        }
        String sku = value(row, ImportField.SKU);
        String productName = value(row, ImportField.PRODUCT_NAME);
        boolean item = sku != null || productName != null || quantity != null || amounts[0] != null;
        // order-level exports (Taobao's 订单报表) name the goods but no price: the order's goods amount is shared
        // among its unpriced items when the order is assembled (ImportJob#assemble)
        if (item && amounts[0] == null && amounts[1] == null && amounts[2] == null) {
            return refuse(ImportField.UNIT_PRICE, "an item line needs a unit price, or the order's total to derive it from");
        }
        if (item && quantity == null) {
            quantity = 1;
        }
        String currency = value(row, ImportField.CURRENCY);
        currency = currency == null ? defaultCurrency : currency.toUpperCase(Locale.ROOT);
        try {
            java.util.Currency.getInstance(currency);
        } catch (IllegalArgumentException e) {
            return refuse(ImportField.CURRENCY, "'" + currency + "' is not an ISO 4217 currency code");
        }
        String buyer = value(row, ImportField.CUSTOMER_ID);
        if (buyer != null && buyer.length() > MAX_ID) {
            return refuse(ImportField.CUSTOMER_ID, "the buyer id is longer than " + MAX_ID + " characters");
        }
        String phone = value(row, ImportField.PHONE);
        String email = value(row, ImportField.EMAIL);
        Protected phoneP = phones.of(phone);
        Protected emailP = emails.of(email);
        Protected nameP = names.of(value(row, ImportField.NAME));
        Protected addressP = addresses.of(value(row, ImportField.ADDRESS));
        return new Parsed(new StagedLine(row.lineNumber(), shop, orderId, buyer,
                phoneP.encrypted(), phoneP.fingerprint(), emailP.encrypted(), emailP.fingerprint(),
                nameP.encrypted(), addressP.encrypted(), nameP.masked(), phoneP.masked(), addressP.masked(),
                value(row, ImportField.PROVINCE), value(row, ImportField.CITY), ordered.valueOrNull(), paidAt,
                status.code(), currency, sku, value(row, ImportField.PRODUCT_ID), productName,
                value(row, ImportField.CATEGORY), quantity, amounts[0], amounts[1], amounts[2], amounts[3], amounts[4],
                amounts[5], value(row, ImportField.BUYER_REMARK)));
    }

    /** A personal value as staged: ciphertext (base64), blind-index fingerprint and masked form. */
    record Protected(String encrypted, String fingerprint, String masked) {
        static final Protected NONE = new Protected(null, null, null);
    }

    /**
     * Protects the values of one kind, remembering the last one: the lines of an order (and often the orders of a
     * buyer) repeat the same receiver and contacts, and normalising, encrypting and hashing them is the costly part
     * of reading a line. Reusing the ciphertext of an equal value within one import reveals nothing new.
     */
    private final class ProtectedMemo {
        private final PiiKind kind;
        private final boolean fingerprinted;
        private String lastValue;
        private Protected last = Protected.NONE;

        ProtectedMemo(PiiKind kind, boolean fingerprinted) {
            this.kind = kind;
            this.fingerprinted = fingerprinted;
        }

        Protected of(String value) {
            if (value == null) {
                return Protected.NONE;
            }
            if (!value.equals(lastValue)) {
                last = new Protected(encrypt(kind, value), fingerprinted ? vault.fingerprint(kind, value) : null,
                        kind == PiiKind.EMAIL ? null : vault.mask(kind, value));
                lastValue = value;
            }
            return last;
        }
    }

    private String value(ImportRow row, ImportField field) {
        if (!mapping.has(field)) {
            return null;
        }
        String v = mapping.value(row, field);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private String encrypt(PiiKind kind, String value) {
        return value == null ? null : Base64.getEncoder().encodeToString(vault.encrypt(kind, value));
    }

    private Refused refuse(ImportField field, String reason) {
        String column = mapping.has(field) ? mapping.columnName(field) : field.key();
        return new Refused(column, reason);
    }
}
