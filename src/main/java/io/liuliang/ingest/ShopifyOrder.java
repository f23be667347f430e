package io.liuliang.ingest;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The part of Shopify's Order resource (REST Admin API, as sent by the {@code orders/create} and
 * {@code orders/updated} webhooks) that Liuliang reads. Every other field is ignored. Money arrives as decimal
 * strings ({@code "24.00"}), times as ISO-8601 with an offset.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record ShopifyOrder(Long id, String name, String email, String phone, OffsetDateTime createdAt,
                    OffsetDateTime processedAt, OffsetDateTime cancelledAt, String currency, String financialStatus,
                    String fulfillmentStatus, BigDecimal totalPrice, BigDecimal totalDiscounts,
                    PriceSet totalShippingPriceSet, String note, Customer customer, Address shippingAddress,
                    List<LineItem> lineItems, List<ShippingLine> shippingLines, List<Fulfillment> fulfillments,
                    List<Refund> refunds) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Customer(Long id, String email, String phone, String firstName, String lastName) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Address(String name, String firstName, String lastName, String phone, String address1, String address2,
                   String city, String province, String country, String zip) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record LineItem(Long id, Long productId, Long variantId, String title, String variantTitle, String sku,
                    Integer quantity, BigDecimal price) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ShippingLine(String title, BigDecimal price) {
    }

    /** An amount in the shop's currency and in the currency the buyer saw. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PriceSet(Money shopMoney, Money presentmentMoney) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Money(BigDecimal amount, String currencyCode) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Fulfillment(Long id, String status, OffsetDateTime createdAt) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Refund(Long id, OffsetDateTime createdAt, OffsetDateTime processedAt, String note,
                  List<RefundLineItem> refundLineItems, List<Transaction> transactions) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RefundLineItem(Long id, Long lineItemId, Integer quantity, BigDecimal subtotal) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Transaction(Long id, String kind, String status, BigDecimal amount) {
    }
}
