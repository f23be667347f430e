package io.liuliang.ingest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIngestionIntegrationTests extends IntegrationTest {

    private ApiClient operator;
    private String tmall;
    private String jd;

    @BeforeEach
    void shops() {
        operator = signedIn("OPERATOR");
        tmall = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("天猫"))).json().path("id").asString();
        jd = operator.post("/api/v1/shops", Map.of("platform", "jd", "name", uniqueName("京东"))).json().path("id").asString();
    }

    private static String phone() {
        return "137" + (10_000_000 + (long) (Math.random() * 89_999_999));
    }

    private static Map<String, Object> order(String status, String buyer, String phone, List<Map<String, Object>> refunds) {
        Map<String, Object> o = new HashMap<>();
        o.put("status", status);
        o.put("orderedAt", "2026-06-18T12:00:00Z");
        o.put("paidAt", "2026-06-18T12:01:00Z");
        o.put("shipping", 10);
        o.put("paidAmount", 209.8);
        List<Map<String, Object>> identities = new ArrayList<>();
        if (buyer != null) {
            identities.add(Map.of("type", "platform_buyer_id", "value", buyer));
        }
        if (phone != null) {
            identities.add(Map.of("type", "phone", "value", phone));
        }
        o.put("customer", Map.of("identities", identities, "traits", Map.of("displayName", "买家" + buyer, "province", "广东")));
        o.put("receiver", Map.of("name", "王小二", "phone", phone == null ? "13700000001" : phone, "address", "广东省深圳市南山区科技园1号",
                "province", "广东", "city", "深圳"));
        o.put("items", List.of(
                Map.of("sku", "MILK-900", "productName", "婴儿奶粉 900g", "category", "母婴", "quantity", 2, "unitPrice", 89.9),
                Map.of("sku", "WIPE-80", "productName", "湿巾 80抽", "category", "母婴", "quantity", 1, "unitPrice", 20)));
        if (refunds != null) {
            o.put("refunds", refunds);
        }
        return o;
    }

    @Test
    void anOrderIsCreatedThenRecognisedWhenResentAndUpdatedWithRefunds() {
        String buyer = "tb-" + UUID.randomUUID();
        String path = "/api/v1/shops/" + tmall + "/orders/TM" + UUID.randomUUID();
        ApiClient.Response created = operator.put(path, order("paid", buyer, phone(), null));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("outcome").asString()).isEqualTo("CREATED");
        String customer = created.json().path("customerId").asString();
        assertThat(created.json().path("customerCreated").asBoolean()).isTrue();

        ApiClient.Response again = operator.put(path, order("paid", buyer, null, null));
        assertThat(again.status()).isEqualTo(200);
        ApiClient.Response same = operator.put(path, order("paid", buyer, null, null));
        assertThat(same.json().path("outcome").asString()).isEqualTo("UNCHANGED");
        assertThat(same.json().path("customerId").asString()).isEqualTo(customer);

        List<Map<String, Object>> refunds = List.of(Map.of("externalId", "RF1", "amount", 20, "reason", "湿巾破损",
                "refundedAt", "2026-06-25T08:00:00Z"));
        JsonNode refunded = operator.put(path, order("partially_refunded", buyer, null, refunds)).json();
        assertThat(refunded.path("outcome").asString()).isEqualTo("UPDATED");
        assertThat(refunded.path("refundsCreated").asInt()).isEqualTo(1);
        assertThat(operator.put(path, order("partially_refunded", buyer, null, refunds)).json().path("outcome").asString())
                .isEqualTo("UNCHANGED");

        JsonNode view = operator.get("/api/v1/customers/" + customer).json();
        assertThat(view.path("summary").path("orderCount").asLong()).isEqualTo(1);
        assertThat(new BigDecimal(view.path("summary").path("totalSpent").asString())).isEqualByComparingTo("189.80");
        JsonNode recent = view.path("recentOrders").get(0);
        assertThat(recent.path("status").asString()).isEqualTo("partially_refunded");
        assertThat(recent.path("items").size()).isEqualTo(2);
        assertThat(new BigDecimal(recent.path("itemTotal").asString())).isEqualByComparingTo("199.80");
        assertThat(recent.path("receiverMasked").asString()).contains("王**").contains("****").doesNotContain("科技园1号");
        assertThat(jdbc.sql("SELECT count(*) FROM refund r JOIN sales_order o ON o.id = r.order_id WHERE o.customer_id = ?::uuid")
                .param(customer).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOrderWithoutUsableIdentitiesIsKeptAsAGuestOrder() {
        Map<String, Object> guest = order("completed", null, null, null);
        guest.put("customer", Map.of("identities", List.of(Map.of("type", "phone", "value", "-"))));
        ApiClient.Response response = operator.put("/api/v1/shops/" + jd + "/orders/JD-GUEST-" + UUID.randomUUID(), guest);
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("customerId").isNull()).isTrue();
        assertThat(response.json().path("ignoredIdentities").size()).isEqualTo(1);
        Map<String, Object> anonymous = order("completed", null, null, null);
        anonymous.remove("customer");
        assertThat(operator.put("/api/v1/shops/" + jd + "/orders/JD-ANON-" + UUID.randomUUID(), anonymous).status())
                .isEqualTo(201);
    }

    @Test
    void twoBuyersSharingAPhoneAreOneCustomerUntilUnmergedAndThenEachHasItsOwnOrders() {
        String phone = phone();
        String buyerA = "tmall-" + UUID.randomUUID();
        String buyerB = "jd-" + UUID.randomUUID();
        JsonNode first = operator.put("/api/v1/shops/" + tmall + "/orders/A-" + UUID.randomUUID(),
                order("completed", buyerA, phone, null)).json();
        JsonNode second = operator.put("/api/v1/shops/" + jd + "/orders/B-" + UUID.randomUUID(),
                order("completed", buyerB, phone, null)).json();
        String survivor = first.path("customerId").asString();
        assertThat(second.path("customerId").asString()).isEqualTo(survivor);
        JsonNode merged = operator.get("/api/v1/customers/" + survivor).json();
        assertThat(merged.path("summary").path("orderCount").asLong()).isEqualTo(2);
        assertThat(merged.path("summary").path("shops").size()).isEqualTo(2);
        String mergedAway = merged.path("merges").get(0).path("mergedId").asString();

        assertThat(operator.post("/api/v1/customers/" + mergedAway + ":unmerge", null).status()).isEqualTo(200);
        JsonNode a = operator.get("/api/v1/customers/" + survivor).json();
        JsonNode b = operator.get("/api/v1/customers/" + mergedAway).json();
        assertThat(a.path("summary").path("orderCount").asLong()).isEqualTo(1);
        assertThat(b.path("summary").path("orderCount").asLong()).isEqualTo(1);
        assertThat(a.path("recentOrders").get(0).path("shopId").asString()).isEqualTo(tmall);
        assertThat(b.path("recentOrders").get(0).path("shopId").asString()).isEqualTo(jd);
    }

    @Test
    void badOrdersAreRejectedWithTheFieldAtFault() {
        String path = "/api/v1/shops/" + tmall + "/orders/BAD-" + UUID.randomUUID();
        Map<String, Object> noDate = order("paid", "x-" + UUID.randomUUID(), null, null);
        noDate.remove("orderedAt");
        ApiClient.Response missing = operator.put(path, noDate);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("orderedAt");

        ApiClient.Response badStatus = operator.put(path, order("teleported", "x", null, null));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().path("errors").get(0).path("field").asString()).isEqualTo("status");

        ApiClient.Response badRefund = operator.put(path, order("refunded", "x", null,
                List.of(Map.of("externalId", "R", "amount", -5, "refundedAt", "2026-06-20T00:00:00Z"))));
        assertThat(badRefund.status()).isEqualTo(400);
        assertThat(badRefund.json().path("errors").get(0).path("field").asString()).isEqualTo("refunds[0].amount");

        assertThat(operator.put("/api/v1/shops/" + UUID.randomUUID() + "/orders/X", order("paid", "x", null, null)).status())
                .isEqualTo(404);
        assertThat(operator.put("/api/v1/shops/not-a-uuid/orders/X", order("paid", "x", null, null)).status()).isEqualTo(400);
        assertThat(signedIn("ANALYST").put(path, order("paid", "x", null, null)).status()).isEqualTo(403);
        // nothing of the rejected requests was stored
        assertThat(jdbc.sql("SELECT count(*) FROM sales_order WHERE external_id LIKE 'BAD-%'").query(Long.class).single()).isZero();
    }

    @Test
    void aBatchKeepsTheGoodOrdersReportsTheBadOnesAndARetryChangesNothing() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> o = order("paid", "batch-" + i + "-" + UUID.randomUUID(), null, null);
            o.put("shopId", tmall);
            o.put("externalId", "BATCH-" + UUID.randomUUID());
            batch.add(o);
        }
        Map<String, Object> bad = order("paid", "bad", null, null);
        bad.put("shopId", tmall);
        batch.add(bad);
        JsonNode result = operator.post("/api/v1/orders:batch", batch).json();
        assertThat(result.path("accepted").asInt()).isEqualTo(3);
        assertThat(result.path("rejected").asInt()).isEqualTo(1);
        assertThat(result.path("results").get(3).path("error").path("detail").asString()).contains("externalId");
        JsonNode retry = operator.post("/api/v1/orders:batch", batch.subList(0, 3)).json();
        for (JsonNode item : retry.path("results")) {
            assertThat(item.path("result").path("outcome").asString()).isEqualTo("UNCHANGED");
        }
    }

    @Test
    void receiverDetailsAreStoredEncrypted() {
        String phone = phone();
        String path = "/api/v1/shops/" + jd + "/orders/PII-" + UUID.randomUUID();
        operator.put(path, order("paid", "pii-" + UUID.randomUUID(), phone, null));
        Long clear = jdbc.sql("SELECT count(*) FROM sales_order WHERE receiver_masked LIKE ? OR encode(receiver_phone_enc, 'escape') LIKE ? "
                        + "OR encode(receiver_address_enc, 'escape') LIKE '%科技园%'")
                .params("%" + phone.substring(3) + "%", "%" + phone.substring(3) + "%").query(Long.class).single();
        assertThat(clear).isZero();
    }
}
