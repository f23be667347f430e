package io.liuliang.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.liuliang.customer.IdentityInput;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ShopifyOrderMapperTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ShopifyOrder fixture(String name) {
        try (InputStream in = ShopifyOrderMapperTests.class.getResourceAsStream("/shopify/" + name)) {
            return JSON.readValue(in.readAllBytes(), ShopifyOrder.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ShopifyOrder order(String json) {
        return JSON.readValue(json, ShopifyOrder.class);
    }

    @Test
    void mapsANewPaidOrder() {
        ShopifyOrder order = fixture("orders-create.json");
        OrderPayload p = ShopifyOrderMapper.toPayload(order);

        assertThat(ShopifyOrderMapper.externalId(order)).isEqualTo("5523619791128");
        assertThat(p.status()).isEqualTo("paid");
        assertThat(p.currency()).isEqualTo("USD");
        assertThat(p.orderedAt()).isEqualTo(Instant.parse("2026-03-14T14:21:07Z"));
        assertThat(p.paidAt()).isEqualTo(Instant.parse("2026-03-14T14:21:07Z"));
        assertThat(p.shippedAt()).isNull();
        assertThat(p.cancelledAt()).isNull();
        assertThat(p.discount()).isEqualByComparingTo("8.45");
        assertThat(p.shipping()).isEqualByComparingTo("12.00");
        assertThat(p.paidAmount()).isEqualByComparingTo("88.05");
        assertThat(p.buyerRemark()).isEqualTo("Please gift-wrap the gaiwan.");
        assertThat(p.customer().identities()).extracting(IdentityInput::type, IdentityInput::value, IdentityInput::shopId)
                .containsExactly(tuple("platform_buyer_id", "7391044247832", null),
                        tuple("email", "bob.norman@mail.example.com", null), tuple("phone", "+16135550142", null));
        assertThat(p.customer().traits().displayName()).isEqualTo("Bob Norman");
        assertThat(p.customer().traits().province()).isEqualTo("Ontario");
        assertThat(p.customer().traits().city()).isEqualTo("Ottawa");
        assertThat(p.receiver()).isEqualTo(new OrderPayload.Receiver("Bob Norman", "+16135550142",
                "1 Rue des Carrieres Suite 1234", "Ontario", "Ottawa"));
        assertThat(p.items()).hasSize(2);
        assertThat(p.items().get(0)).isEqualTo(new OrderPayload.Item("LJ-100-TIN", "8912345501464",
                "West Lake Longjing Green Tea - 100 g tin", null, 2, new BigDecimal("24.00"), null));
        assertThat(p.items().get(1)).isEqualTo(new OrderPayload.Item("GW-150-WHT", "8912345534232",
                "Jingdezhen Porcelain Gaiwan", null, 1, new BigDecimal("36.50"), null));
        assertThat(p.refunds()).isEmpty();
    }

    @Test
    void mapsAnUpdateWithAFulfilmentAndARefund() {
        OrderPayload p = ShopifyOrderMapper.toPayload(fixture("orders-updated-refunded.json"));

        assertThat(p.status()).isEqualTo("partially_refunded");
        assertThat(p.paidAmount()).isEqualByComparingTo("88.05");
        assertThat(p.shippedAt()).isEqualTo(Instant.parse("2026-03-15T12:30:00Z"));
        assertThat(p.refunds()).containsExactly(new OrderPayload.RefundPayload("902345678901", new BigDecimal("32.85"),
                "Gaiwan arrived cracked", Instant.parse("2026-03-20T13:12:44Z")));
    }

    @ParameterizedTest(name = "[{index}] financial {0}, fulfillment {1}, cancelled {2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            pending,            -,         false, created
            authorized,         -,         false, created
            partially_paid,     -,         false, created
            -,                  -,         false, created
            paid,               -,         false, paid
            paid,               partial,   false, paid
            paid,               fulfilled, false, shipped
            PAID,               FULFILLED, false, shipped
            partially_refunded, fulfilled, false, partially_refunded
            refunded,           -,         false, refunded
            voided,             -,         false, cancelled
            refunded,           -,         true,  cancelled
            pending,            -,         true,  cancelled
            some_new_status,    -,         false, created
            """)
    void derivesTheStatus(String financial, String fulfillment, boolean cancelled, String expected) {
        ShopifyOrder o = order("""
                {"id": 1, "created_at": "2026-01-02T03:04:05+08:00", "financial_status": %s, "fulfillment_status": %s,
                 "cancelled_at": %s, "total_price": "10.00"}"""
                .formatted(quoted(financial), quoted(fulfillment), cancelled ? "\"2026-01-03T00:00:00Z\"" : "null"));
        OrderPayload p = ShopifyOrderMapper.toPayload(o);
        assertThat(p.status()).isEqualTo(expected);
        boolean paid = financial != null && java.util.Set.of("paid", "partially_refunded", "refunded")
                .contains(financial.toLowerCase(java.util.Locale.ROOT));
        assertThat(p.paidAmount()).isEqualTo(paid ? new BigDecimal("10.00") : null);
        assertThat(p.paidAt()).isEqualTo(paid ? Instant.parse("2026-01-01T19:04:05Z") : null);
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    @Test
    void aPaidOrderWithoutTimesIsLeftForValidationToReport() {
        OrderPayload p = ShopifyOrderMapper.toPayload(order("{\"id\": 5, \"financial_status\": \"paid\"}"));
        assertThat(p.orderedAt()).isNull();
        assertThat(p.paidAt()).isNull();
        assertThat(p.status()).isEqualTo("paid");
    }

    @Test
    void shippingFallsBackToTheShippingLinesAndAGuestHasNoBuyer() {
        OrderPayload p = ShopifyOrderMapper.toPayload(order("""
                {"id": 2, "created_at": "2026-01-02T03:04:05Z", "financial_status": "pending",
                 "shipping_lines": [{"title": "Express", "price": "15.00"}, {"title": "Insurance", "price": "2.50"}],
                 "shipping_address": {"first_name": "Li", "last_name": "Lei", "address1": "88 Renmin Rd",
                                      "address2": "", "city": "Hangzhou", "province": "Zhejiang", "phone": null},
                 "line_items": [{"title": "Tea", "variant_title": "", "quantity": 1, "price": "5.00", "sku": ""}]}"""));
        assertThat(p.shipping()).isEqualByComparingTo("17.50");
        assertThat(p.customer()).isNull();
        assertThat(p.receiver()).isEqualTo(new OrderPayload.Receiver("Li Lei", null, "88 Renmin Rd", "Zhejiang", "Hangzhou"));
        assertThat(p.items()).containsExactly(new OrderPayload.Item(null, null, "Tea", null, 1, new BigDecimal("5.00"), null));
    }

    @Test
    void buyerIdentitiesFallBackToTheCustomerAndTheShippingPhone() {
        OrderPayload p = ShopifyOrderMapper.toPayload(order("""
                {"id": 3, "created_at": "2026-01-02T03:04:05Z", "email": "", "phone": null,
                 "customer": {"id": 42, "email": "Ann@Example.com", "phone": null, "first_name": "Ann", "last_name": null},
                 "shipping_address": {"phone": "+8613912345678"}}"""));
        assertThat(p.customer().identities()).extracting(IdentityInput::type, IdentityInput::value)
                .containsExactly(tuple("platform_buyer_id", "42"), tuple("email", "Ann@Example.com"),
                        tuple("phone", "+8613912345678"));
        assertThat(p.customer().traits().displayName()).isEqualTo("Ann");
    }

    @Test
    void aRefundIsWhatItsSuccessfulRefundTransactionsPaidBackOrElseItsLines() {
        ShopifyOrder.Refund withTransactions = order("""
                {"refunds": [{"id": 7, "created_at": "2026-01-05T00:00:00Z", "transactions": [
                  {"kind": "refund", "status": "success", "amount": "10.00"},
                  {"kind": "refund", "status": "failure", "amount": "99.00"},
                  {"kind": "refund", "status": "pending", "amount": "98.00"},
                  {"kind": "sale", "status": "success", "amount": "97.00"},
                  {"kind": "refund", "status": "success", "amount": "2.50"}],
                  "refund_line_items": [{"subtotal": 50.0}]}]}""").refunds().get(0);
        assertThat(ShopifyOrderMapper.refundedAmount(withTransactions)).isEqualByComparingTo("12.50");

        ShopifyOrder.Refund linesOnly = order("""
                {"refunds": [{"id": 8, "refund_line_items": [{"subtotal": 19.9}, {"subtotal": "5.10"}]}]}""")
                .refunds().get(0);
        assertThat(ShopifyOrderMapper.refundedAmount(linesOnly)).isEqualByComparingTo("25.00");

        OrderPayload p = ShopifyOrderMapper.toPayload(order("""
                {"id": 4, "created_at": "2026-01-02T03:04:05Z", "financial_status": "paid", "refunds": [
                  {"id": 9, "created_at": "2026-01-05T00:00:00Z", "restock": true, "refund_line_items": [],
                   "transactions": []},
                  {"id": 10, "created_at": "2026-01-06T00:00:00Z", "note": " ",
                   "transactions": [{"kind": "refund", "status": "pending", "amount": "3.00"}]},
                  {"id": 11, "processed_at": "2026-01-07T00:00:00Z",
                   "transactions": [{"kind": "refund", "status": "success", "amount": "4.00"}]}]}"""));
        assertThat(p.refunds()).as("refunds that paid nothing back are left out")
                .containsExactly(new OrderPayload.RefundPayload("11", new BigDecimal("4.00"), null,
                        Instant.parse("2026-01-07T00:00:00Z")));
    }
}
