package io.liuliang.console;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * The customer data platform in the console (headless Chromium): an operator creates a shop; two orders from
 * buyers sharing a phone arrive through the API and become one customer; the operator finds that customer by phone,
 * sees both orders on the 360° page and the merge in its history, and undoes the merge.
 */
class CustomerDataBrowserIntegrationTests extends BrowserTest {

    private static Map<String, Object> order(String buyer, String phone, String sku) {
        return Map.of("status", "completed", "orderedAt", "2026-06-18T12:00:00Z", "paidAmount", 99,
                "customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer),
                        Map.of("type", "phone", "value", phone)), "traits", Map.of("displayName", "浏览器测试客户")),
                "items", List.of(Map.of("sku", sku, "productName", "婴儿奶粉", "category", "母婴", "quantity", 1, "unitPrice", 99)));
    }

    /** The input of an antd field whose test id sits on the input itself or on its wrapper. */
    private static Locator input(Locator field) {
        return "INPUT".equals(field.evaluate("e => e.tagName")) ? field : field.locator("input").first();
    }

    @Test
    void anOperatorFindsAMergedCustomerSeesTheOrdersAndUndoesTheMerge() throws Exception {
        String operatorName = uniqueName("op.cdp");
        createUser(operatorName, List.of("OPERATOR"), false);
        String shopName = uniqueName("浏览器天猫店");
        String phone = "135" + (10_000_000 + (long) (Math.random() * 89_999_999));
        scenario("customer-data-platform", () -> {
            page.navigate(url("/login"));
            login(operatorName, PASSWORD);

            // a shop, created in the console
            page.getByTestId("nav-shops").click();
            page.getByTestId("shops-new").click();
            page.getByTestId("shop-platform").click();
            page.locator(".ant-select-dropdown .ant-select-item-option",
                    new Page.LocatorOptions().setHasText(Pattern.compile("^Tmall$"))).click();
            page.getByTestId("shop-name").fill(shopName);
            page.getByTestId("shop-submit").click();
            Locator shopSearch = page.getByTestId("shops-search");
            if (!"INPUT".equals(shopSearch.evaluate("e => e.tagName"))) {
                shopSearch = shopSearch.locator("input").first();
            }
            shopSearch.fill(shopName);
            shopSearch.press("Enter");
            assertThat(page.getByTestId("shops-table").locator("tr", new Locator.LocatorOptions().setHasText(shopName)))
                    .isVisible();

            // two orders from two buyer accounts with one phone arrive through the API
            ApiClient api = anonymous();
            api.login(operatorName, PASSWORD);
            String shopId = api.get("/api/v1/shops").json().findValues("id").stream()
                    .filter(id -> api.get("/api/v1/shops/" + id.asString()).json().path("name").asString().equals(shopName))
                    .findFirst().orElseThrow().asString();
            api.put("/api/v1/shops/" + shopId + "/orders/A-" + UUID.randomUUID(), order("buyer-a-" + phone, phone, "SKU-A"));
            api.put("/api/v1/shops/" + shopId + "/orders/B-" + UUID.randomUUID(), order("buyer-b-" + phone, phone, "SKU-B"));

            // the operator finds the one customer by phone
            page.getByTestId("nav-customers").click();
            Locator search = page.getByTestId("customers-search");
            if (!"INPUT".equals(search.evaluate("e => e.tagName"))) {
                search = search.locator("input").first();
            }
            search.fill(phone);
            search.press("Enter");
            assertThat(page.getByTestId("customers-total")).hasText("1 customer");

            // the order-count filter: two orders match "from 2", not "from 3"; a reversed range is refused inline
            Locator fewest = input(page.getByTestId("customers-filter-orders-min"));
            Locator most = input(page.getByTestId("customers-filter-orders-max"));
            fewest.fill("2");
            fewest.press("Enter");
            assertThat(page.getByTestId("customers-total")).hasText("1 customer");
            fewest.fill("3");
            fewest.press("Enter");
            assertThat(page.getByTestId("customers-total")).hasText("0 customers");
            most.fill("1");
            assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.TOOLTIP))
                    .containsText("The lower bound is above the upper one");
            most.fill("");
            fewest.fill("2");
            fewest.press("Enter");
            assertThat(page.getByTestId("customers-total")).hasText("1 customer");
            page.getByTestId("customer-open").first().click();
            assertThat(page).hasURL(Pattern.compile(".*/customers/[0-9a-f-]+$"));
            assertThat(page.getByTestId("customer-name")).hasText("浏览器测试客户");
            assertThat(page.getByTestId("customer-pii-masked")).isVisible();
            assertThat(page.getByTestId("kpi-orderCount")).containsText("2");

            // the merge is in the history, and can be undone
            page.getByTestId("customer-tab-merges").click();
            page.getByTestId("customer-unmerge").first().click();
            page.locator(".ant-popconfirm .ant-btn-primary").click();
            page.getByTestId("customer-tab-orders").click();
            assertThat(page.getByTestId("kpi-orderCount")).containsText("1");
        });
    }
}
