package io.liuliang.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.liuliang.customer.CustomerTraits;
import io.liuliang.customer.IdentityInput;
import io.liuliang.shared.ApiProblemException;

/**
 * Turns a Shopify order into the {@link OrderPayload} every source is ingested as.
 * <ul>
 * <li><b>Status</b>: {@code cancelled_at} set → cancelled; otherwise by {@code financial_status}: pending,
 * authorized (and partially_paid, expired or none) → created, paid → paid (shipped once {@code fulfillment_status}
 * is fulfilled), partially_refunded and refunded as such, voided → cancelled.</li>
 * <li><b>Money</b>: {@code total_discounts}; shipping from {@code total_shipping_price_set.shop_money.amount},
 * else the sum of {@code shipping_lines[].price}; the paid amount is {@code total_price} once the order was paid
 * (paid, partially_refunded or refunded), when {@code processed_at} is also its payment time.</li>
 * <li><b>Buyer</b>: {@code customer.id} as a platform buyer id (of this shop), the first of {@code email} /
 * {@code customer.email}, the first of {@code phone} / {@code customer.phone} / the shipping address' phone; the
 * customer's name and the shipping province and city as traits.</li>
 * <li><b>Receiver</b> from {@code shipping_address}; <b>items</b> from {@code line_items} (title, with the variant
 * title after " - " when there is one).</li>
 * <li><b>Refunds</b> from {@code refunds[]}: the sum of their successful {@code refund} transactions, or of
 * {@code refund_line_items[].subtotal} when they have no transactions. A refund that gave no money back (a restock
 * only, or whose transaction is still pending) is left out until a later update reports it paid out.</li>
 * </ul>
 */
final class ShopifyOrderMapper {

    private static final Set<String> PAID = Set.of("paid", "partially_refunded", "refunded");

    private ShopifyOrderMapper() {
    }

    /** The order's key in Liuliang: Shopify's numeric order id. */
    static String externalId(ShopifyOrder o) {
        if (o.id() == null) {
            throw ApiProblemException.invalid("id", "is required");
        }
        return String.valueOf(o.id());
    }

    static OrderPayload toPayload(ShopifyOrder o) {
        String financial = lower(o.financialStatus());
        boolean paid = financial != null && PAID.contains(financial);
        boolean fulfilled = "fulfilled".equals(lower(o.fulfillmentStatus()));
        Instant orderedAt = instant(o.createdAt());
        Instant processedAt = instant(o.processedAt());
        Instant paidAt = !paid ? null : processedAt != null ? processedAt : orderedAt;
        Instant shippedAt = fulfilled || "partial".equals(lower(o.fulfillmentStatus())) ? firstShipment(o) : null;
        return new OrderPayload(status(o, financial, fulfilled), blankToNull(o.currency()), orderedAt, paidAt, shippedAt,
                null, null, instant(o.cancelledAt()), o.totalDiscounts(), shipping(o), paid ? o.totalPrice() : null,
                blankToNull(o.note()), buyer(o), receiver(o.shippingAddress()), items(o.lineItems()), refunds(o.refunds()));
    }

    static String status(ShopifyOrder o, String financial, boolean fulfilled) {
        if (o.cancelledAt() != null) {
            return "cancelled";
        }
        return switch (financial == null ? "" : financial) {
            case "paid" -> fulfilled ? "shipped" : "paid";
            case "partially_refunded" -> "partially_refunded";
            case "refunded" -> "refunded";
            case "voided" -> "cancelled";
            default -> "created";
        };
    }

    private static Instant firstShipment(ShopifyOrder o) {
        return list(o.fulfillments()).stream()
                .filter(f -> f != null && f.createdAt() != null && !"cancelled".equals(lower(f.status()))
                        && !"failure".equals(lower(f.status())) && !"error".equals(lower(f.status())))
                .map(f -> f.createdAt().toInstant())
                .min(Instant::compareTo)
                .orElse(null);
    }

    private static BigDecimal shipping(ShopifyOrder o) {
        if (o.totalShippingPriceSet() != null && o.totalShippingPriceSet().shopMoney() != null
                && o.totalShippingPriceSet().shopMoney().amount() != null) {
            return o.totalShippingPriceSet().shopMoney().amount();
        }
        return list(o.shippingLines()).stream()
                .filter(line -> line != null && line.price() != null)
                .map(ShopifyOrder.ShippingLine::price)
                .reduce(BigDecimal::add)
                .orElse(null);
    }

    private static OrderPayload.Buyer buyer(ShopifyOrder o) {
        ShopifyOrder.Customer c = o.customer();
        ShopifyOrder.Address shipTo = o.shippingAddress();
        List<IdentityInput> identities = new ArrayList<>();
        if (c != null && c.id() != null) {
            identities.add(new IdentityInput("platform_buyer_id", String.valueOf(c.id()), null));
        }
        String email = first(o.email(), c == null ? null : c.email());
        if (email != null) {
            identities.add(new IdentityInput("email", email, null));
        }
        String phone = first(o.phone(), c == null ? null : c.phone(), shipTo == null ? null : shipTo.phone());
        if (phone != null) {
            identities.add(new IdentityInput("phone", phone, null));
        }
        if (identities.isEmpty()) {
            return null;
        }
        CustomerTraits traits = new CustomerTraits(c == null ? null : join(c.firstName(), c.lastName()), null, null,
                shipTo == null ? null : blankToNull(shipTo.province()), shipTo == null ? null : blankToNull(shipTo.city()),
                null);
        return new OrderPayload.Buyer(identities, traits);
    }

    private static OrderPayload.Receiver receiver(ShopifyOrder.Address a) {
        if (a == null) {
            return null;
        }
        String name = first(a.name(), join(a.firstName(), a.lastName()));
        return new OrderPayload.Receiver(name, blankToNull(a.phone()), join(a.address1(), a.address2()),
                blankToNull(a.province()), blankToNull(a.city()));
    }

    private static List<OrderPayload.Item> items(List<ShopifyOrder.LineItem> lineItems) {
        List<OrderPayload.Item> items = new ArrayList<>();
        for (ShopifyOrder.LineItem li : list(lineItems)) {
            if (li == null) {
                items.add(null);
                continue;
            }
            String title = blankToNull(li.title());
            String variant = blankToNull(li.variantTitle());
            String name = variant == null ? title : title == null ? variant : title + " - " + variant;
            items.add(new OrderPayload.Item(blankToNull(li.sku()), li.productId() == null ? null : String.valueOf(li.productId()),
                    name, null, li.quantity(), li.price(), null));
        }
        return items;
    }

    private static List<OrderPayload.RefundPayload> refunds(List<ShopifyOrder.Refund> refunds) {
        List<OrderPayload.RefundPayload> result = new ArrayList<>();
        for (ShopifyOrder.Refund r : list(refunds)) {
            if (r == null) {
                continue;
            }
            BigDecimal amount = refundedAmount(r);
            if (amount.signum() <= 0) {
                continue;
            }
            result.add(new OrderPayload.RefundPayload(r.id() == null ? null : String.valueOf(r.id()), amount,
                    blankToNull(r.note()), instant(r.createdAt() != null ? r.createdAt() : r.processedAt())));
        }
        return result;
    }

    /** Successful refund transactions, or the refunded lines' subtotals when the refund has no transactions. */
    static BigDecimal refundedAmount(ShopifyOrder.Refund r) {
        if (!list(r.transactions()).isEmpty()) {
            return r.transactions().stream()
                    .filter(t -> t != null && t.amount() != null && "refund".equals(lower(t.kind()))
                            && "success".equals(lower(t.status())))
                    .map(ShopifyOrder.Transaction::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        return list(r.refundLineItems()).stream()
                .filter(line -> line != null && line.subtotal() != null)
                .map(ShopifyOrder.RefundLineItem::subtotal)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static String lower(String s) {
        return s == null ? null : s.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (blankToNull(v) != null) {
                return v.strip();
            }
        }
        return null;
    }

    /** The non-blank parts joined by a space, or null. */
    private static String join(String a, String b) {
        String x = blankToNull(a);
        String y = blankToNull(b);
        return x == null ? y : y == null ? x : x + " " + y;
    }
}
