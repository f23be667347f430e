package io.liuliang.segment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;
import tools.jackson.databind.JsonNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFM in the console (headless Chromium): orders arrive through the API; an operator opens the RFM page and sees the
 * heatmap and the quadrant counts, takes a snapshot and sees the migrations, switches RFM to merchant thresholds in
 * the settings (an out-of-order boundary is refused inline first) and sees the new scale, clicks a heatmap cell to
 * list its customers, then finds the customer's scores, segment, quadrant and lifecycle stage on the customer page,
 * and the stages in the lifecycle funnel.
 */
class RfmConsoleBrowserIntegrationTests extends BrowserTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);
    /** The heatmap's plot area inside its chart (RfmHeatmap's grid), to click a cell. */
    private static final double HEATMAP_LEFT = 56;
    private static final double HEATMAP_RIGHT = 16;
    private static final double HEATMAP_TOP = 16;
    private static final double HEATMAP_BOTTOM = 72;

    private static Map<String, Object> order(String buyer, Instant at, double paid) {
        return Map.of("status", "completed", "orderedAt", at.toString(), "paidAmount", paid,
                "customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer)),
                        "traits", Map.of("displayName", "RFM浏览器客户")),
                "items", List.of(Map.of("sku", "MILK-1", "productName", "婴儿奶粉", "category", "母婴", "quantity", 1,
                        "unitPrice", paid)));
    }

    private static JsonNode until(ApiClient api, String path, java.util.function.Predicate<JsonNode> done)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(WITHIN);
        JsonNode last;
        do {
            last = api.get(path).json();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError(path + " did not get there within " + WITHIN + ": " + last);
    }

    private static String count(long n) {
        return String.format(java.util.Locale.US, "%,d", n);
    }

    @Test
    void anOperatorReadsTheRfmPageSwitchesToThresholdsAndSeesACustomersMetrics() throws Exception {
        String operatorName = uniqueName("op.rfm");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = anonymous();
        api.login(operatorName, PASSWORD);
        String shop = api.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("RFM浏览器店")))
                .json().path("id").asString();

        // a customer with three recent orders of 200, and one who bought once long ago
        String buyer = uniqueName("vip");
        String vip = null;
        for (int i = 0; i < 3; i++) {
            ApiClient.Response r = api.put("/api/v1/shops/" + shop + "/orders/" + uniqueName("o"),
                    order(buyer, Instant.now().minus(2 + i, ChronoUnit.DAYS), 200));
            assertThat(r.status()).as(r.body()).isIn(200, 201);
            vip = r.json().path("customerId").asString();
        }
        api.put("/api/v1/shops/" + shop + "/orders/" + uniqueName("o"),
                order(uniqueName("lapsed"), Instant.now().minus(120, ChronoUnit.DAYS), 80));
        String customer = vip;
        until(api, "/api/v1/customers/" + customer + "/metrics",
                m -> m.path("metrics").path("orderCount").asInt() == 3 && m.path("metrics").path("r").isInt());
        until(api, "/api/v1/metrics/status", s -> s.path("pending").asLong() == 0);

        JsonNode settings = api.get("/api/v1/metrics/settings").json();
        try {
            scenario("rfm-console", () -> {
                page.navigate(url("/login"));
                login(operatorName, PASSWORD);

                // the RFM page: heatmap and quadrant counts as the API counts them
                page.getByTestId("nav-rfm").click();
                assertThat(page.getByTestId("page-title")).hasText("RFM analysis");
                JsonNode overview = api.get("/api/v1/rfm/overview").json();
                Locator heatmap = page.getByTestId("rfm-heatmap");
                heatmap.locator("canvas").first().waitFor();
                assertThat(heatmap).hasAttribute("data-customers", String.valueOf(overview.path("purchasers").asLong()));
                assertThat(page.getByTestId("rfm-summary-purchasers")).hasText(count(overview.path("purchasers").asLong()));
                for (String q : List.of("high_value", "to_activate", "new_customer", "sleeping")) {
                    assertThat(page.getByTestId("rfm-quadrant-count-" + q)).hasText(count(overview.path("quadrants").path(q).asLong()));
                }
                assertThat(page.getByTestId("rfm-segments").locator("canvas").first()).isVisible();
                assertThat(page.getByTestId("rfm-table").locator("tbody tr.ant-table-row").first()).isVisible();

                // this month's snapshot against now
                page.getByTestId("rfm-snapshot").click();
                page.locator(".ant-popconfirm .ant-btn-primary").click();
                assertThat(page.getByTestId("rfm-migrations-summary")).containsText("customers compared");

                // settings: the defaults in thresholds mode; an out-of-order boundary is refused inline, then saved with the defaults
                page.getByTestId("rfm-settings").click();
                page.getByTestId("metrics-settings-reset").click();
                page.locator(".ant-drawer .ant-radio-wrapper", new Page.LocatorOptions().setHasText("Merchant thresholds")).click();
                Locator secondFrequency = page.getByTestId("metrics-threshold-frequency-1");
                if (!"INPUT".equals(secondFrequency.evaluate("e => e.tagName"))) {
                    secondFrequency = secondFrequency.locator("input").first();
                }
                secondFrequency.fill("1");
                secondFrequency.blur();
                assertThat(page.locator(".ant-drawer .ant-form-item-explain-error").first())
                        .hasText("Must be more than the value before it");
                page.getByTestId("metrics-settings-save").click();
                assertThat(page.getByTestId("metrics-settings-saved")).not().isVisible();
                secondFrequency.fill("3");
                secondFrequency.blur();
                assertThat(page.locator(".ant-drawer .ant-form-item-explain-error")).hasCount(0);
                page.getByTestId("metrics-settings-save").click();
                page.getByTestId("metrics-settings-scale-mode").waitFor();
                assertThat(page.getByTestId("metrics-settings-scale-mode")).hasText("Merchant thresholds");
                assertThat(page.getByTestId("metrics-settings-scale")).containsText("2 / 3 / 5 / 10");
                page.locator(".ant-drawer-close").click();
                assertThat(page.getByTestId("rfm-scale-mode")).hasText("Merchant thresholds");

                // a click on the heatmap's cell R5 F3 (the customer's under these thresholds) lists that cell's customers
                com.microsoft.playwright.options.BoundingBox box = heatmap.boundingBox();
                heatmap.click(new Locator.ClickOptions().setPosition(
                        HEATMAP_LEFT + (box.width - HEATMAP_LEFT - HEATMAP_RIGHT) * 2.5 / 5,
                        HEATMAP_TOP + (box.height - HEATMAP_TOP - HEATMAP_BOTTOM) * 0.5 / 5));
                assertThat(page.getByTestId("rfm-cell-filter")).hasText("Cell R5 · F3");
                assertThat(page.getByTestId("rfm-table").getByTestId("rfm-row-scores").first()).containsText("R5 F3");

                // the customer page: 3 orders, 2 days ago (R5), 3 orders (F3), 600 spent (M4) under the default thresholds
                page.navigate(url("/customers/" + customer));
                Locator card = page.getByTestId("customer-metrics");
                card.getByTestId("cmetrics-orders").waitFor();
                assertThat(card.getByTestId("cmetrics-orders")).hasText("3");
                assertThat(card.getByTestId("cmetrics-scores")).hasText("R5 F3 M4");
                assertThat(card.getByTestId("cmetrics-segment")).hasText("Potential loyalists");
                assertThat(card.getByTestId("cmetrics-quadrant")).hasText("High value");
                assertThat(card.getByTestId("cmetrics-stage")).hasText("New");
                assertThat(card.getByTestId("cmetrics-history")).containsText("New");
                assertThat(page).hasURL(Pattern.compile(".*/customers/" + customer + "$"));

                // the lifecycle funnel counts stages as the API does
                page.getByTestId("nav-lifecycle").click();
                page.getByTestId("lifecycle-funnel").locator("canvas").first().waitFor();
                JsonNode funnel = api.get("/api/v1/lifecycle/funnel").json();
                for (String stage : List.of("prospect", "new", "active", "at_risk", "dormant", "lost")) {
                    assertThat(page.getByTestId("lifecycle-count-" + stage)).hasText(count(funnel.path(stage).asLong()));
                }
            });
        } finally {
            Map<String, Object> restore = new HashMap<>();
            restore.put("rfm", settings.path("settings").path("rfm"));
            restore.put("lifecycle", settings.path("settings").path("lifecycle"));
            assertThat(api.put("/api/v1/metrics/settings", restore).status()).isEqualTo(200);
        }
    }
}
