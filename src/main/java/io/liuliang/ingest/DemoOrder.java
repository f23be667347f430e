package io.liuliang.ingest;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import io.liuliang.order.OrderStatus;

/**
 * One generated order. Times are the merchant's local time; amounts are kept in cents (with {@link BigDecimal}
 * views) so that millions of orders are cheap to make. {@code total = subtotal − discount + shipping}; a refund never
 * changes the total.
 *
 * @param orderId       the platform's order number, unique within the shop
 * @param buyer         the buyer's account on the shop that took the order
 * @param customerIndex the buyer's index in {@link DemoPeople}
 * @param sequence      0 for the buyer's first order, then 1, 2, ...
 * @param orderedAt     when it was placed
 * @param paidAt        when it was paid, null if never (created, cancelled)
 * @param shippedAt     when it left the warehouse, null if not (yet)
 * @param deliveredAt   when it arrived, null if not (yet)
 * @param status        where it stands at the end of the period
 * @param lines         one to five lines, distinct SKUs
 * @param discountCents order discount (满减, coupons), in cents
 * @param shippingCents shipping fee, 0 or 6 to 12 yuan, in cents
 * @param refundCents   refunded, in cents: the total when refunded, part of it when partially refunded, else 0
 * @param refundReason  why (尺码不合适, 质量问题 ...), null without a refund
 * @param receiver      whom it went to: the buyer, or someone else for a gift
 * @param gift          whether the receiver is someone other than the buyer
 * @param promo         the promotion running when it was placed
 */
record DemoOrder(String orderId, DemoPeople.Account buyer, int customerIndex, int sequence, LocalDateTime orderedAt,
                 LocalDateTime paidAt, LocalDateTime shippedAt, LocalDateTime deliveredAt, OrderStatus status,
                 List<Line> lines, long discountCents, long shippingCents, long refundCents, String refundReason,
                 DemoPeople.Contact receiver, boolean gift, DemoSeasons.Promo promo) {

    /**
     * An order line.
     *
     * @param product        the SKU
     * @param quantity       how many
     * @param unitPriceCents price paid per unit before the order discount (the list price, or a festival price)
     */
    record Line(DemoCatalog.Product product, int quantity, long unitPriceCents) {

        long amountCents() {
            return unitPriceCents * quantity;
        }

        BigDecimal unitPrice() {
            return BigDecimal.valueOf(unitPriceCents, 2);
        }
    }

    DemoMerchant.Shop shop() {
        return buyer.shop();
    }

    long subtotalCents() {
        long sum = 0;
        for (int i = 0; i < lines.size(); i++) {
            sum += lines.get(i).amountCents();
        }
        return sum;
    }

    long totalCents() {
        return subtotalCents() - discountCents + shippingCents;
    }

    BigDecimal total() {
        return BigDecimal.valueOf(totalCents(), 2);
    }

    BigDecimal discount() {
        return BigDecimal.valueOf(discountCents, 2);
    }

    BigDecimal shipping() {
        return BigDecimal.valueOf(shippingCents, 2);
    }

    BigDecimal refund() {
        return BigDecimal.valueOf(refundCents, 2);
    }
}
