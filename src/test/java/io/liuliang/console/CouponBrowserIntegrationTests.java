package io.liuliang.console;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;

import tools.jackson.databind.JsonNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coupons in the console (headless Chromium): an operator creates a 满减 template in the form (an amount above the
 * threshold is refused inline first), issues it to two customers by pasting their ids and sees both issued, sees the
 * template's figures and codes; after one coupon is redeemed through the API, sees the redemption and the 50% rate,
 * looks the other code up and revokes it, and finds the coupons on a customer's page.
 */
class CouponBrowserIntegrationTests extends BrowserTest {

    /** The input of an antd field whose test id sits on the input itself or on its wrapper. */
    private static Locator input(Locator field) {
        return "INPUT".equals(field.evaluate("e => e.tagName")) ? field : field.locator("input").first();
    }

    private static String identify(ApiClient api, String name) {
        ApiClient.Response r = api.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "member_number", "value", name)), "traits", Map.of("displayName", name)));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("customerId").asString();
    }

    @Test
    void anOperatorCreatesATemplateIssuesItToCustomersAndFollowsItsRedemption() throws Exception {
        String operatorName = uniqueName("op.coupon");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = anonymous();
        assertThat(api.login(operatorName, PASSWORD).status()).isEqualTo(200);
        String first = identify(api, uniqueName("券客户甲"));
        String second = identify(api, uniqueName("券客户乙"));
        ApiClient.Response shop = api.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("券店")));
        assertThat(shop.status()).as(shop.body()).isEqualTo(201);
        String shopId = shop.json().path("id").asString();
        String templateName = uniqueName("浏览器满减券");
        String terms = "CN¥30 off orders of CN¥200 or more";

        scenario("coupons", () -> {
            page.navigate(url("/login"));
            login(operatorName, PASSWORD);
            page.getByTestId("nav-coupons").click();
            assertThat(page.getByTestId("coupons-overview")).isVisible();

            // a 满减 template: 满 200 减 300 is refused inline, 满 200 减 30 is taken
            page.getByTestId("coupons-new").click();
            input(page.getByTestId("coupon-form-name")).fill(templateName);
            input(page.getByTestId("coupon-form-threshold")).fill("200");
            Locator amount = input(page.getByTestId("coupon-form-amountOff"));
            amount.fill("300");
            Locator errors = page.locator(".ant-drawer-body .ant-form-item-explain-error");
            assertThat(errors).containsText("Cannot be more than the minimum order (CN¥200)");
            amount.fill("30");
            assertThat(errors).hasCount(0);
            assertThat(page.getByTestId("coupon-form-preview")).containsText(terms);
            page.getByTestId("coupon-form-submit").click();

            // it is listed with its terms; issue it to the two customers by pasting their ids
            Locator search = input(page.getByTestId("coupons-search"));
            search.fill(templateName);
            search.press("Enter");
            Locator row = page.getByTestId("coupons-table").locator("tr", new Locator.LocatorOptions().setHasText(templateName));
            assertThat(row).containsText(terms);
            assertThat(row).containsText("Valid for 30 days after issue");
            row.getByTestId("coupon-template-issue").click();
            page.getByTestId("issue-ids").fill(first + "\n" + second);
            assertThat(page.getByTestId("issue-ids-summary")).containsText("2 customers");
            page.getByTestId("issue-submit").click();
            assertThat(page.getByTestId("issue-result-summary")).containsText("2 issued, 0 already issued, 0 rejected");
            assertThat(page.getByTestId("issue-results").locator("[data-testid=issue-status][data-status=ISSUED]")).hasCount(2);
            page.getByTestId("issue-close").click();
            assertThat(row.getByTestId("coupon-template-stock")).hasText("2 / unlimited");

            // the template's page: 2 issued and both codes
            row.getByTestId("coupon-template-link").click();
            assertThat(page).hasURL(Pattern.compile(".*/coupons/[0-9a-f-]{36}$"));
            assertThat(page.getByTestId("coupon-template-name")).hasText(templateName);
            assertThat(page.getByTestId("coupon-terms-text")).hasText(terms);
            assertThat(page.getByTestId("coupon-stat-issued")).hasText("2");
            String templateId = page.url().substring(page.url().lastIndexOf('/') + 1);
            JsonNode items = api.get("/api/v1/coupon-templates/" + templateId + "/coupons").json().path("items");
            assertThat(items.size()).isEqualTo(2);
            String redeemed = null;
            String other = null;
            for (JsonNode c : items) {
                if (c.path("customerId").asString().equals(first)) {
                    redeemed = c.path("code").asString();
                } else {
                    other = c.path("code").asString();
                }
            }
            assertThat(redeemed).isNotNull();
            assertThat(other).isNotNull();
            Locator coupons = page.getByTestId("coupon-coupons");
            assertThat(coupons).containsText(redeemed);
            assertThat(coupons).containsText(other);

            // a checkout redeems the first customer's coupon on an order above the threshold
            ApiClient.Response redemption = api.post("/api/v1/coupons/" + redeemed + ":redeem",
                    Map.of("shopId", shopId, "orderId", "CPN-" + UUID.randomUUID(), "orderAmount", 258));
            assertThat(redemption.status()).as(redemption.body()).isEqualTo(200);
            page.reload();
            assertThat(page.getByTestId("coupon-stat-redeemed")).hasText("1");
            assertThat(page.getByTestId("coupon-stat-rate")).hasText("50%");
            assertThat(coupons.locator("tr", new Locator.LocatorOptions().setHasText(redeemed))
                    .getByTestId("coupon-status")).hasText("Redeemed");

            // the other code, looked up on the list page (in lower case) and revoked
            page.getByTestId("coupon-back").click();
            Locator lookup = input(page.getByTestId("coupon-lookup-input"));
            lookup.fill(other.toLowerCase());
            lookup.press("Enter");
            Locator found = page.getByTestId("coupon-lookup-result");
            assertThat(found.getByTestId("coupon-lookup-code")).hasText(other);
            assertThat(found.getByTestId("coupon-status")).hasText("Issued");
            found.getByTestId("coupon-revoke").click();
            page.locator(".ant-popconfirm .ant-popconfirm-buttons button").last().click();
            assertThat(found.getByTestId("coupon-status")).hasText("Revoked");
            assertThat(found.getByTestId("coupon-revoke")).hasCount(0);

            // the customers' pages list their coupons
            page.navigate(url("/customers/" + first));
            Locator card = page.getByTestId("customer-coupons");
            assertThat(card).containsText(redeemed);
            assertThat(card).containsText(templateName);
            assertThat(card.getByTestId("coupon-status")).hasText("Redeemed");
            page.navigate(url("/customers/" + second));
            assertThat(page.getByTestId("customer-coupons").getByTestId("coupon-status")).hasText("Revoked");
        });
    }
}
