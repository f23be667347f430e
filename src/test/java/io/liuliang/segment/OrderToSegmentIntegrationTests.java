package io.liuliang.segment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The must-hold: a new order moves its customer into a matching dynamic segment within 5 seconds, and the
 * entry is recorded — through the real path: order API → OrdersChanged → metrics → CustomerMetricsChanged → segment.
 */
class OrderToSegmentIntegrationTests extends IntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Test
    void aNewOrderMovesItsCustomerIntoAMatchingDynamicSegmentWithinFiveSeconds() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        String shop = operator.post("/api/v1/shops", Map.of("platform", "jd", "name", uniqueName("分群下单店")))
                .json().path("id").asString();
        String province = uniqueName("省");
        // a customer known from an identify call, with no order yet
        String customer = operator.post("/api/v1/customers:identify", Map.of(
                "identities", List.of(Map.of("type", "platform_buyer_id", "value", uniqueName("jd"), "shopId", shop)),
                "traits", Map.of("displayName", "新买家", "province", province))).json().path("customerId").asString();

        String condition = "{\"type\":\"and\",\"children\":["
                + "{\"type\":\"field\",\"field\":\"province\",\"op\":\"eq\",\"value\":\"" + province + "\"},"
                + "{\"type\":\"field\",\"field\":\"net_spent\",\"op\":\"gte\",\"value\":300}]}";
        ApiClient.Response created = operator.post("/api/v1/segments", Map.of("name", uniqueName("大额新客"), "kind", "dynamic",
                "condition", SegmentIntegrationTests.json(condition)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String segment = created.json().path("id").asString();
        SegmentFixtures.awaitJob(operator, created.json().path("refreshJobId").asString());
        assertThat(members(operator, segment)).doesNotContain(customer);

        String buyer = jdbc.sql("SELECT value_plain FROM customer_identity WHERE customer_id = ?::uuid").param(customer)
                .query(String.class).single();
        Instant sent = Instant.now();
        ApiClient.Response order = operator.put("/api/v1/shops/" + shop + "/orders/" + uniqueName("JD"), Map.of(
                "status", "paid", "orderedAt", Instant.now().minus(1, ChronoUnit.HOURS).toString(), "paidAmount", 399,
                "customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer))),
                "items", List.of(Map.of("sku", "TV-55", "productName", "电视 55 寸", "category", "3C", "quantity", 1,
                        "unitPrice", 399))));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(order.json().path("customerId").asString()).isEqualTo(customer);

        Instant deadline = sent.plus(WITHIN);
        while (!members(operator, segment).contains(customer) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        Duration took = Duration.between(sent, Instant.now());
        assertThat(members(operator, segment)).as("member within %s (took %s)", WITHIN, took).contains(customer);
        JsonNode changes = operator.get("/api/v1/segments/" + segment + "/changes").json().path("items");
        assertThat(changes.size()).isEqualTo(1);
        assertThat(changes.get(0).path("customerId").asString()).isEqualTo(customer);
        assertThat(changes.get(0).path("change").asString()).isEqualTo("entered");
    }

    private static List<String> members(ApiClient client, String segment) {
        JsonNode page = client.get("/api/v1/segments/" + segment + "/members?limit=100").json();
        List<String> ids = new java.util.ArrayList<>();
        page.path("items").forEach(m -> ids.add(m.path("id").isMissingNode() ? m.path("customerId").asString() : m.path("id").asString()));
        return ids;
    }
}
