package io.liuliang.customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The customer list filtered by shop, net spend and order count, alone and together. */
class CustomerListFilterIntegrationTests extends IntegrationTest {

    @Test
    void theListFiltersByShopSpendAndOrderCount() {
        ApiClient operator = signedIn("OPERATOR");
        String province = uniqueName("筛选省");
        String a = shop(operator, "tmall");
        String b = shop(operator, "jd");
        // big spender in A: 100 + 250 paid, 50 of it refunded → 300 net over 2 orders
        String big = order(operator, a, "big", 100, null, "completed");
        order(operator, a, "big", 250, 50.0, "completed");
        // small spender in B: 80 in 1 order
        String small = order(operator, b, "small", 80, null, "completed");
        // known in A by a shop-scoped id, never bought
        String known = operator.post("/api/v1/customers:identify", Map.of(
                "identities", List.of(Map.of("type", "platform_buyer_id", "value", uniqueName("known"), "shopId", a)),
                "traits", Map.of("province", province, "displayName", "只逛不买"))).json().path("customerId").asString();
        // cancelled its only order in A: nothing spent, no purchase
        String cancelled = order(operator, a, "cancelled", 60, null, "cancelled");
        // the province isolates this test's customers from everyone else's
        for (String id : List.of(big, small, cancelled)) {
            jdbc.sql("UPDATE customer SET province = ? WHERE id = ?::uuid").params(province, id).update();
        }

        assertThat(list(operator, province, Map.of("minSpent", "100"))).containsExactly(big);
        assertThat(list(operator, province, Map.of("minSpent", "300", "maxSpent", "300"))).containsExactly(big);
        assertThat(list(operator, province, Map.of("maxSpent", "100"))).containsExactlyInAnyOrder(small, known, cancelled);
        assertThat(list(operator, province, Map.of("minOrders", "1"))).containsExactlyInAnyOrder(big, small);
        assertThat(list(operator, province, Map.of("minOrders", "2", "maxOrders", "2"))).containsExactly(big);
        assertThat(list(operator, province, Map.of("maxOrders", "0"))).containsExactlyInAnyOrder(known, cancelled);
        // a shop: known there or bought there
        assertThat(list(operator, province, Map.of("shopId", a))).containsExactlyInAnyOrder(big, known, cancelled);
        assertThat(list(operator, province, Map.of("shopId", b))).containsExactly(small);
        // with a shop, spend and orders are that shop's
        assertThat(list(operator, province, Map.of("shopId", b, "minSpent", "50"))).containsExactly(small);
        assertThat(list(operator, province, Map.of("shopId", b, "minSpent", "100"))).isEmpty();
        JsonNode page = operator.get("/api/v1/customers?province=" + province + "&minOrders=1").json();
        assertThat(page.path("total").asLong()).isEqualTo(2);

        ApiClient.Response reversed = operator.get("/api/v1/customers?minOrders=3&maxOrders=1");
        assertThat(reversed.status()).isEqualTo(400);
        assertThat(reversed.body()).contains("maxOrders").contains("minOrders");
        assertThat(operator.get("/api/v1/customers?minOrders=-1").status()).isEqualTo(400);
        assertThat(operator.get("/api/v1/customers?minSpent=lots").status()).isEqualTo(400);
    }

    private List<String> list(ApiClient operator, String province, Map<String, String> filters) {
        Map<String, String> all = new HashMap<>(filters);
        all.put("province", province);
        StringBuilder query = new StringBuilder("/api/v1/customers?limit=100");
        all.forEach((k, v) -> query.append('&').append(k).append('=').append(java.net.URLEncoder.encode(v,
                java.nio.charset.StandardCharsets.UTF_8)));
        ApiClient.Response r = operator.get(query.toString());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        r.json().path("items").forEach(c -> ids.add(c.path("id").asString()));
        return ids;
    }

    private static String shop(ApiClient operator, String platform) {
        ApiClient.Response r = operator.post("/api/v1/shops", Map.of("platform", platform, "name", uniqueName("筛选店")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private static final Map<String, String> BUYERS = new HashMap<>();

    /** An order of the buyer called {@code who} (the same buyer id each time) in {@code shop}; its customer's id. */
    private static String order(ApiClient operator, String shop, String who, double paid, Double refunded, String status) {
        String buyer = BUYERS.computeIfAbsent(who + shop, k -> uniqueName(who));
        Map<String, Object> body = new HashMap<>(Map.of("status", status, "orderedAt", "2026-10-01T08:00:00Z",
                "paidAmount", paid,
                "customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer))),
                "items", List.of(Map.of("sku", "SKU-" + who, "productName", "商品", "quantity", 1, "unitPrice", paid))));
        if (refunded != null) {
            body.put("refunds", List.of(Map.of("externalId", "R-" + buyer, "amount", refunded,
                    "refundedAt", "2026-10-03T08:00:00Z")));
        }
        ApiClient.Response r = operator.put("/api/v1/shops/" + shop + "/orders/" + uniqueName("O"), body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("customerId").asString();
    }
}
