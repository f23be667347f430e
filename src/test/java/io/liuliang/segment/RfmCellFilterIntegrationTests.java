package io.liuliang.segment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /rfm} narrowed to one cell of the R×F heatmap (the console's click on a cell), and the JSON shape of the
 * overview and funnel the console reads (codes, not enum names, as keys).
 */
class RfmCellFilterIntegrationTests extends IntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    private ApiClient operator;
    private String shop;

    @BeforeEach
    void shop() {
        operator = signedIn("OPERATOR");
        shop = operator.post("/api/v1/shops", Map.of("platform", "jd", "name", uniqueName("热力图店"))).json().path("id").asString();
    }

    private String order(String buyer, Instant at, double paid) {
        Map<String, Object> body = Map.of("status", "completed", "orderedAt", at.toString(), "paidAmount", paid,
                "customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer)),
                        "traits", Map.of("displayName", "热力图" + buyer)),
                "items", List.of(Map.of("sku", "TEA-1", "productName", "绿茶", "category", "茶叶", "quantity", 1, "unitPrice", paid)));
        ApiClient.Response r = operator.put("/api/v1/shops/" + shop + "/orders/" + uniqueName("o"), body);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("customerId").asString();
    }

    private JsonNode metricsUntil(String customer, Predicate<JsonNode> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        JsonNode m;
        do {
            m = operator.get("/api/v1/customers/" + customer + "/metrics").json().path("metrics");
            if (m.isObject() && done.test(m)) {
                return m;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("metrics of " + customer + " did not get there within " + WITHIN + ": " + m);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("customerId").asString()));
        return ids;
    }

    @Test
    void oneCellOfAShopsHeatmapListsOnlyItsCustomers() throws Exception {
        String loyalBuyer = uniqueName("loyal");
        String loyal = null;
        for (int i = 0; i < 3; i++) {
            loyal = order(loyalBuyer, Instant.now().minus(2 + i, ChronoUnit.DAYS), 300);
        }
        String lapsed = order(uniqueName("lapsed"), Instant.now().minus(100, ChronoUnit.DAYS), 50);
        String base = "/api/v1/rfm?shopId=" + shop + "&limit=100";

        // quintiles over the shop's two buyers: the recent, frequent one scores R5 F5, the lapsed one R1 F1
        assertThat(ids(operator.get(base + "&r=5&f=5").json())).containsExactly(loyal);
        assertThat(ids(operator.get(base + "&r=1&f=1").json())).containsExactly(lapsed);
        assertThat(ids(operator.get(base + "&r=5").json())).containsExactly(loyal);
        assertThat(ids(operator.get(base + "&r=1&f=5").json())).isEmpty();
        JsonNode row = operator.get(base + "&f=1").json().path("items").get(0);
        assertThat(row.path("r").asInt()).isEqualTo(1);
        assertThat(row.path("f").asInt()).isEqualTo(1);

        JsonNode overview = operator.get("/api/v1/rfm/overview?shopId=" + shop).json();
        assertThat(overview.path("purchasers").asInt()).isEqualTo(2);
        assertThat(overview.path("cells").size()).isEqualTo(2);
        assertThat(overview.path("quadrants").has("high_value")).as(overview.toString()).isTrue();
        assertThat(overview.path("quadrants").has("sleeping")).as(overview.toString()).isTrue();
        assertThat(overview.path("segments").has("lost")).as(overview.toString()).isTrue();
        assertThat(operator.get("/api/v1/lifecycle/funnel").json().has("at_risk")).isTrue();
    }

    @Test
    void theLiveListNarrowsToTheCellOfACustomersKeptScores() throws Exception {
        String buyer = uniqueName("live");
        String customer = order(buyer, Instant.now().minus(1, ChronoUnit.DAYS), 120);
        metricsUntil(customer, x -> x.path("r").isInt());
        // the worker may rescale right after the customer's first computation: retry with the scores read again
        boolean found = false;
        for (int attempt = 0; attempt < 3 && !found; attempt++) {
            JsonNode m = metricsUntil(customer, x -> x.path("r").isInt());
            found = listedInCell(customer, m.path("r").asInt(), m.path("f").asInt());
        }
        assertThat(found).as("customer %s listed in the cell of its scores", customer).isTrue();
    }

    private boolean listedInCell(String customer, int r, int f) {
        String cursor = null;
        do {
            JsonNode page = operator.get("/api/v1/rfm?limit=200&r=" + r + "&f=" + f
                    + (cursor == null ? "" : "&cursor=" + cursor)).json();
            for (JsonNode item : page.path("items")) {
                assertThat(item.path("r").asInt()).isEqualTo(r);
                assertThat(item.path("f").asInt()).isEqualTo(f);
                if (item.path("customerId").asString().equals(customer)) {
                    return true;
                }
            }
            cursor = page.path("nextCursor").isString() ? page.path("nextCursor").asString() : null;
        } while (cursor != null);
        return false;
    }

    @Test
    void scoresOutsideOneToFiveAreFieldErrors() {
        ApiClient.Response zero = operator.get("/api/v1/rfm?r=0");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.body()).contains("\"field\":\"r\"");
        ApiClient.Response six = operator.get("/api/v1/rfm?f=6");
        assertThat(six.status()).isEqualTo(400);
        assertThat(six.body()).contains("\"field\":\"f\"");
    }
}
