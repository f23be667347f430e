package io.liuliang.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

/** The 360° view's content as the API answers it, read back from the embedded PostgreSQL. */
class CustomerViewIntegrationTests extends IntegrationTest {

    private static final int RECENT_EVENTS = 50;
    private static final long DAYS_PER_MONTH = 31;

    private ApiClient operator;
    private String shop;

    @BeforeEach
    void shop() {
        operator = signedIn("OPERATOR");
        shop = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("天猫店"))).json()
                .path("id").asString();
    }

    private String newCustomer() {
        ApiClient.Response r = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "platform_buyer_id", "value", "view-" + UUID.randomUUID(), "shopId", shop))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("customerId").asString();
    }

    /** Stores {@code count} events of the customer, one minute apart going back from {@code newest}; their ids. */
    private List<String> events(String customer, Instant newest, int count) {
        List<Map<String, Object>> batch = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "view-" + UUID.randomUUID();
            ids.add(id);
            Map<String, Object> e = new HashMap<>();
            e.put("eventId", id);
            e.put("type", "product_view");
            e.put("occurredAt", newest.minus(i, ChronoUnit.MINUTES).toString());
            e.put("customerId", customer);
            e.put("properties", Map.of("sku", "SKU-" + i));
            batch.add(e);
        }
        ApiClient.Response r = operator.post("/api/v1/events", batch);
        assertThat(r.status()).as(r.body()).isLessThan(300);
        assertThat(r.json().path("stored").asInt()).isEqualTo(count);
        return ids;
    }

    private static List<String> eventIds(JsonNode view) {
        List<String> ids = new ArrayList<>();
        view.path("recentEvents").forEach(e -> ids.add(e.path("eventId").asString()));
        return ids;
    }

    private static Instant monthsAgo(long months) {
        return Instant.now().minus(months * DAYS_PER_MONTH, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    }

    @Test
    void recentEventsAreTheNewestFiftyAcrossMonthlyPartitions() {
        String customer = newCustomer();
        List<String> thisMonth = events(customer, Instant.now().truncatedTo(ChronoUnit.SECONDS), 30);
        List<String> fiveMonthsAgo = events(customer, monthsAgo(5), 30);
        events(customer, monthsAgo(15), 10);

        JsonNode view = operator.get("/api/v1/customers/" + customer).json();
        List<String> expected = new ArrayList<>(thisMonth);
        expected.addAll(fiveMonthsAgo.subList(0, RECENT_EVENTS - thisMonth.size()));
        assertThat(eventIds(view)).containsExactlyElementsOf(expected);
        JsonNode first = view.path("recentEvents").get(0);
        assertThat(first.path("type").asString()).isEqualTo("product_view");
        assertThat(first.path("properties").path("sku").asString()).isEqualTo("SKU-0");
    }

    @Test
    void eventsOnlyMonthsOrYearsOldAreStillShownNewestFirst() {
        String customer = newCustomer();
        List<String> lastYear = events(customer, monthsAgo(14), 3);
        List<String> longAgo = events(customer, Instant.parse("2003-03-03T03:03:03Z"), 2);

        List<String> expected = new ArrayList<>(lastYear);
        expected.addAll(longAgo);
        assertThat(eventIds(operator.get("/api/v1/customers/" + customer).json())).containsExactlyElementsOf(expected);
    }

    @Test
    void manyRecentEventsShowOnlyTheNewestFifty() {
        String customer = newCustomer();
        List<String> recent = events(customer, Instant.now().truncatedTo(ChronoUnit.SECONDS), 60);
        events(customer, monthsAgo(7), 5);

        assertThat(eventIds(operator.get("/api/v1/customers/" + customer).json()))
                .containsExactlyElementsOf(recent.subList(0, RECENT_EVENTS));
    }

    @Test
    void aCustomerWithoutOrdersEventsOrTagsHasAnEmptyButCompleteView() {
        String customer = newCustomer();
        ApiClient.Response r = operator.get("/api/v1/customers/" + customer);
        assertThat(r.status()).isEqualTo(200);
        JsonNode view = r.json();
        assertThat(view.path("id").asString()).isEqualTo(customer);
        assertThat(view.path("identities").size()).isEqualTo(1);
        assertThat(view.path("identities").get(0).path("shopId").asString()).isEqualTo(shop);
        assertThat(view.path("recentEvents").isArray()).isTrue();
        assertThat(view.path("recentEvents").size()).isZero();
        assertThat(view.path("recentOrders").size()).isZero();
        assertThat(view.path("merges").size()).isZero();
        assertThat(view.path("openConflicts").size()).isZero();
        assertThat(view.path("tags").size()).isZero();
        assertThat(view.path("summary").path("orderCount").asLong()).isZero();
        assertThat(view.path("summary").path("shops").size()).isZero();
        assertThat(operator.get("/api/v1/customers/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    private Map<String, Object> order(String buyer, String orderedAt, List<Map<String, Object>> items) {
        Map<String, Object> o = new HashMap<>();
        o.put("status", "paid");
        o.put("orderedAt", orderedAt);
        o.put("paidAt", orderedAt);
        o.put("customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer))));
        o.put("items", items);
        return o;
    }

    private static Map<String, Object> item(String sku, int quantity, double unitPrice) {
        return Map.of("sku", sku, "productName", "商品 " + sku, "category", "母婴", "quantity", quantity,
                "unitPrice", unitPrice);
    }

    @Test
    void recentOrdersComeNewestFirstEachWithItsItemsInLineOrder() {
        String buyer = "tb-" + UUID.randomUUID();
        String customer = null;
        List<List<Map<String, Object>>> items = List.of(
                List.of(item("A-1", 1, 10), item("A-2", 2, 5)),
                List.of(item("B-1", 1, 30)),
                List.of(item("C-1", 3, 1), item("C-2", 1, 2), item("C-3", 1, 3)));
        List<String> times = List.of("2026-01-10T10:00:00Z", "2026-03-10T10:00:00Z", "2026-02-10T10:00:00Z");
        for (int i = 0; i < items.size(); i++) {
            ApiClient.Response r = operator.put("/api/v1/shops/" + shop + "/orders/VIEW-" + i + "-" + buyer,
                    order(buyer, times.get(i), items.get(i)));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            customer = r.json().path("customerId").asString();
        }

        JsonNode view = operator.get("/api/v1/customers/" + customer).json();
        JsonNode orders = view.path("recentOrders");
        assertThat(orders.size()).isEqualTo(3);
        assertThat(orders.get(0).path("externalId").asString()).startsWith("VIEW-1-");
        assertThat(orders.get(1).path("externalId").asString()).startsWith("VIEW-2-");
        assertThat(orders.get(2).path("externalId").asString()).startsWith("VIEW-0-");
        assertThat(skus(orders.get(0))).containsExactly("B-1");
        assertThat(skus(orders.get(1))).containsExactly("C-1", "C-2", "C-3");
        assertThat(skus(orders.get(2))).containsExactly("A-1", "A-2");
        JsonNode line = orders.get(2).path("items").get(1);
        assertThat(line.path("quantity").asInt()).isEqualTo(2);
        assertThat(new BigDecimal(line.path("amount").asString())).isEqualByComparingTo("10");
        assertThat(view.path("summary").path("orderCount").asLong()).isEqualTo(3);
        assertThat(new BigDecimal(view.path("summary").path("totalSpent").asString())).isEqualByComparingTo("58");
    }

    private static List<String> skus(JsonNode order) {
        List<String> skus = new ArrayList<>();
        order.path("items").forEach(i -> skus.add(i.path("sku").asString()));
        return skus;
    }

    @Test
    void aMergedAwayCustomerRedirectsToItsSurvivorWhichListsTheMergeAndItsOpenConflicts() {
        String a = newCustomer();
        String b = newCustomer();
        ApiClient.Response merged = operator.post("/api/v1/customers:merge", Map.of("customerIds", List.of(a, b),
                "reason", "same person"));
        assertThat(merged.status()).as(merged.body()).isEqualTo(303);
        String survivor = merged.raw().headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        String mergedAway = survivor.equals(a) ? b : a;

        ApiClient.Response redirect = operator.get("/api/v1/customers/" + mergedAway);
        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.raw().headers().firstValue("Location").orElse("")).isEqualTo("/api/v1/customers/" + survivor);

        JsonNode view = operator.get("/api/v1/customers/" + survivor).json();
        assertThat(view.path("identities").size()).isEqualTo(2);
        assertThat(view.path("merges").size()).isEqualTo(1);
        assertThat(view.path("merges").get(0).path("mergedId").asString()).isEqualTo(mergedAway);
        assertThat(view.path("merges").get(0).path("reason").asString()).isEqualTo("same person");

        // One-ID refuses to give one person two UnionIDs: the conflict is open on both customers' views
        String phone = "135" + (10_000_000 + (long) (Math.random() * 89_999_999));
        String c = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "wechat_unionid", "value", "u1-" + UUID.randomUUID()), Map.of("type", "phone", "value", phone))))
                .json().path("customerId").asString();
        JsonNode refused = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "wechat_unionid", "value", "u2-" + UUID.randomUUID()), Map.of("type", "phone", "value", phone))))
                .json();
        long conflict = refused.path("conflictId").asLong();
        assertThat(conflict).isPositive();
        for (String id : List.of(c, refused.path("customerId").asString())) {
            JsonNode conflicts = operator.get("/api/v1/customers/" + id).json().path("openConflicts");
            assertThat(conflicts.size()).isEqualTo(1);
            assertThat(conflicts.get(0).asLong()).isEqualTo(conflict);
        }
        assertThat(operator.post("/api/v1/identity-conflicts/" + conflict + ":dismiss", null).status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/customers/" + c).json().path("openConflicts").size()).isZero();
    }

    @Test
    void withoutThePiiPermissionTheViewIsMaskedAndNotAudited() {
        String phone = "133" + (10_000_000 + (long) (Math.random() * 89_999_999));
        String id = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(Map.of("type", "phone",
                "value", phone)), "traits", Map.of("realName", "李四光"))).json().path("customerId").asString();

        JsonNode masked = signedIn("ANALYST").get("/api/v1/customers/" + id).json();
        assertThat(masked.path("piiVisible").asBoolean()).isFalse();
        assertThat(masked.path("realName").asString()).isEqualTo("李**");
        assertThat(masked.path("identities").get(0).path("value").asString())
                .isEqualTo(phone.substring(0, 3) + "****" + phone.substring(7));
        assertThat(audits(id)).isZero();

        JsonNode clear = signedIn("AGENT").get("/api/v1/customers/" + id).json();
        assertThat(clear.path("piiVisible").asBoolean()).isTrue();
        assertThat(clear.path("realName").asString()).isEqualTo("李四光");
        assertThat(clear.path("identities").get(0).path("value").asString()).isEqualTo("+86" + phone);
        assertThat(audits(id)).isEqualTo(1);
    }

    private long audits(String customer) {
        return jdbc.sql("SELECT count(*) FROM iam_audit_event WHERE action = 'PII_READ' AND target_id = ?")
                .param(customer).query(Long.class).single();
    }
}
