package io.liuliang.console;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Loyalty in the console (headless Chromium): an operator sets the program up in its form (a blank name is refused
 * inline first), builds the tier ladder 银卡 (100) and 金卡 (1,000) in the editor and sees the brief's 2.5× warning
 * before and after saving, and runs the tier evaluation with its progress bar. A completed order of 200 makes its
 * customer a member with 200 points and 银卡 at once; the member page shows the balance, the tier and the way to 金卡,
 * refuses a spend above the balance with the server's 409, takes a spend of 50 (balance 150, in the statement), and
 * the customer page shows the Loyalty card; another customer is enrolled by hand and given points with a reason. The
 * program is the merchant's one: it is switched off again at the end.
 */
class LoyaltyBrowserIntegrationTests extends BrowserTest {

    /** The input of an antd field whose test id sits on the input itself or on its wrapper. */
    private static Locator input(Locator field) {
        return "INPUT".equals(field.evaluate("e => e.tagName")) ? field : field.locator("input").first();
    }

    /** Switches an antd Switch on (it may be on already). */
    private static void switchOn(Locator toggle) {
        if (!"true".equals(toggle.getAttribute("aria-checked"))) {
            toggle.click();
        }
        assertThat(toggle).hasAttribute("aria-checked", "true");
    }

    private static long balance(ApiClient api, String customer) {
        ApiClient.Response r = api.get("/api/v1/loyalty/members/" + customer);
        return r.status() == 200 ? r.json().path("balance").asLong() : -1;
    }

    @Test
    void anOperatorSetsUpTheProgramAndItsTiersAndServesAMember() throws Exception {
        String operatorName = uniqueName("op.loyalty");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = anonymous();
        assertThat(api.login(operatorName, PASSWORD).status()).isEqualTo(200);
        String programName = uniqueName("留量会员");
        try {
            scenario("loyalty", () -> {
                page.navigate(url("/login"));
                login(operatorName, PASSWORD);
                page.getByTestId("nav-loyalty").click();
                assertThat(page).hasURL(Pattern.compile(".*/loyalty$"));

                // the program: the empty state's set-up form, or its settings when the suite's database has one
                Locator form = page.getByTestId("loyalty-program-form");
                assertThat(form).isVisible();
                boolean fresh = page.getByTestId("loyalty-empty").count() > 0;
                Locator name = input(page.getByTestId("loyalty-program-name"));
                name.fill("x");
                name.fill("");
                Locator errors = form.locator(".ant-form-item-explain-error");
                assertThat(errors).containsText("Required");
                name.fill(programName);
                assertThat(errors).hasCount(0);
                input(page.getByTestId("loyalty-program-pointsPerUnit")).fill("1");
                page.getByTestId("loyalty-program-earnOn-completed").check();
                page.getByTestId("loyalty-program-expiry-end_of_following_year").check();
                switchOn(page.getByTestId("loyalty-program-enabled"));
                switchOn(page.getByTestId("loyalty-program-autoEnrol"));
                assertThat(page.getByTestId("loyalty-program-submit")).hasText(fresh ? "Set up the program" : "Save");
                page.getByTestId("loyalty-program-submit").click();
                assertThat(page.getByTestId("loyalty-program-status")).hasText("On");
                assertThat(page.getByTestId("loyalty-settings")).isVisible();
                assertThat(page.getByTestId("loyalty-empty")).hasCount(0);
                assertThat(page.getByTestId("loyalty-program-summary")).containsText("Points per ¥1: 1 · earned when the order is completed");
                assertThat(input(page.getByTestId("loyalty-program-name"))).hasValue(programName);
                assertThat(page.getByTestId("loyalty-overview")).isVisible();

                // the tier editor: the ladder of the brief's example, 银卡 at 100 and 金卡 at 1,000 (a 10× step)
                page.getByTestId("loyalty-tab-tiers").click();
                assertThat(page).hasURL(Pattern.compile(".*/loyalty/tiers$"));
                assertThat(page.getByTestId("tiers-add")).isVisible();
                Locator rows = page.getByTestId("tier-row");
                int existing = rows.count();
                for (int i = existing; i > 0; i--) {
                    rows.first().getByTestId("tier-remove").click();
                    assertThat(rows).hasCount(i - 1);
                }
                page.getByTestId("tiers-add").click();
                Locator silver = rows.nth(0);
                Locator code = input(silver.getByTestId("tier-code"));
                code.fill("Silver!");
                assertThat(silver.getByTestId("tier-error")).containsText("lower-case letters");
                code.fill("silver");
                input(silver.getByTestId("tier-name")).fill("银卡");
                input(silver.getByTestId("tier-threshold")).fill("100");
                assertThat(silver.getByTestId("tier-error")).hasCount(0);
                page.getByTestId("tiers-add").click();
                Locator gold = rows.nth(1);
                input(gold.getByTestId("tier-code")).fill("gold");
                input(gold.getByTestId("tier-name")).fill("金卡");
                input(gold.getByTestId("tier-pointsMultiplier")).fill("1.5");
                Locator goldThreshold = input(gold.getByTestId("tier-threshold"));
                goldThreshold.fill("50");
                assertThat(gold.getByTestId("tier-error")).containsText("Must be above the tier below");
                goldThreshold.fill("1000");
                assertThat(gold.getByTestId("tier-error")).hasCount(0);
                // the brief's rule, seen while editing…
                Locator step = gold.locator("[data-testid=tier-warning][data-rule=step_at_most_2_5x]");
                assertThat(step).hasAttribute("data-source", "live");
                assertThat(step).containsText("金卡 needs 10.0× what 银卡 needs");
                assertThat(gold.locator("[data-testid=tier-warning][data-rule=benefits_differ_30_percent]")).hasCount(0);
                assertThat(page.getByTestId("tiers-unsaved")).isVisible();
                page.getByTestId("tiers-save").click();
                // …and as the server answers it after saving
                assertThat(page.getByTestId("tiers-unsaved")).hasCount(0);
                assertThat(step).hasAttribute("data-source", "server");
                assertThat(step).containsText("10.0×");
                assertThat(rows).hasCount(2);
                assertThat(rows.nth(0)).hasAttribute("data-code", "silver");
                assertThat(rows.nth(1)).hasAttribute("data-code", "gold");
                assertThat(rows.nth(0).getByTestId("tier-members")).isVisible();
                JsonNode ladder = api.get("/api/v1/loyalty/tiers").json();
                assertThat(ladder.path("tiers").size()).isEqualTo(2);
                assertThat(ladder.path("warnings").get(0).path("rule").asString()).isEqualTo("step_at_most_2_5x");

                // the evaluation runs as a job with a live progress bar
                page.getByTestId("tiers-evaluate").click();
                page.locator(".ant-popconfirm .ant-popconfirm-buttons button").last().click();
                Locator evaluation = page.getByTestId("tiers-evaluation");
                assertThat(evaluation.getByTestId("job-progress")).isVisible();
                assertThat(evaluation).hasAttribute("data-status", "SUCCEEDED");
                assertThat(page.getByTestId("tiers-evaluation-done")).isVisible();

                // a customer and a completed order of 200 for them
                ApiClient.Response shop = api.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("会员店")));
                assertThat(shop.status()).as(shop.body()).isEqualTo(201);
                String shopId = shop.json().path("id").asString();
                Map<String, Object> identity = Map.of("type", "device_id", "value", "loyal-" + UUID.randomUUID());
                ApiClient.Response identified = api.post("/api/v1/customers:identify", Map.of("identities", List.of(identity),
                        "traits", Map.of("displayName", uniqueName("会员客户"))));
                assertThat(identified.status()).as(identified.body()).isIn(200, 201);
                String customer = identified.json().path("customerId").asString();
                Map<String, Object> order = new HashMap<>();
                order.put("status", "completed");
                order.put("orderedAt", Instant.now().toString());
                order.put("paidAmount", 200);
                order.put("customer", Map.of("identities", List.of(identity)));
                order.put("items", List.of(Map.of("sku", "SKU-L1", "productName", "会员商品", "quantity", 1, "unitPrice", 200)));
                order.put("refunds", List.of());
                ApiClient.Response placed = api.put("/api/v1/shops/" + shopId + "/orders/L-" + UUID.randomUUID(), order);
                assertThat(placed.status()).as(placed.body()).isIn(200, 201);
                assertThat(placed.json().path("customerId").asString()).isEqualTo(customer);

                // the order earns asynchronously: wait until the customer is a member with the points
                page.waitForCondition(() -> balance(api, customer) == 200, new Page.WaitForConditionOptions().setTimeout(30_000));
                String memberNo = api.get("/api/v1/loyalty/members/" + customer).json().path("memberNo").asString();

                // found by member number on the members page
                page.getByTestId("loyalty-tab-members").click();
                Locator search = input(page.getByTestId("members-search"));
                search.fill(memberNo);
                search.press("Enter");
                Locator row = page.getByTestId("members-table").locator("tr", new Locator.LocatorOptions().setHasText(memberNo));
                assertThat(row.getByTestId("member-row-balance")).hasText("200");
                assertThat(row.getByTestId("tier-tag")).hasText("银卡");
                row.getByTestId("member-link").click();

                // the member page: balance 200, 银卡, on the way to 金卡 (800 to go)
                assertThat(page).hasURL(Pattern.compile(".*/loyalty/members/" + customer + "$"));
                assertThat(page.getByTestId("member-no")).hasText(memberNo);
                assertThat(page.getByTestId("member-balance")).hasText("200");
                assertThat(page.getByTestId("member-tier")).containsText("银卡");
                Locator progress = page.getByTestId("member-progress");
                assertThat(progress).hasAttribute("data-next", "gold");
                assertThat(progress).hasAttribute("data-percent", "20");
                assertThat(page.getByTestId("member-progress-text")).hasText("CN¥800.00 more to 金卡");
                assertThat(page.getByTestId("member-history").getByTestId("tier-change")).hasText("Upgraded");
                // the member's coupons are on the member page too
                assertThat(page.getByTestId("customer-coupons")).isVisible();
                Locator statement = page.getByTestId("member-statement");
                assertThat(statement.locator("tr", new Locator.LocatorOptions().setHasText("Earned"))).containsText("+200");

                // a spend above the balance: warned inline, refused by the server (409) in the dialog
                page.getByTestId("member-spend").click();
                Locator amount = input(page.getByTestId("points-amount"));
                amount.fill("500");
                assertThat(page.locator(".ant-modal .ant-form-item-explain-warning")).containsText("More than the balance of 200");
                page.getByTestId("points-submit").click();
                assertThat(page.getByTestId("points-error")).containsText("fewer than the 500 asked for");
                // then 50, with a fresh request id
                amount.fill("50");
                page.getByTestId("points-reason").fill("兑换赠品");
                assertThat(page.getByTestId("points-error")).hasCount(0);
                page.getByTestId("points-submit").click();
                assertThat(page.getByTestId("member-balance")).hasText("150");
                Locator spent = statement.locator("tr", new Locator.LocatorOptions().setHasText("兑换赠品"));
                assertThat(spent.getByTestId("entry-kind")).hasText("Spent");
                assertThat(spent.getByTestId("entry-points")).hasText("−50");
                assertThat(spent).containsText(operatorName);
                assertThat(statement.getByTestId("entry-kind")).hasCount(2);

                // the customer's page has the Loyalty card, linking back to the member
                page.navigate(url("/customers/" + customer));
                Locator card = page.getByTestId("customer-loyalty");
                assertThat(card.getByTestId("customer-loyalty-tier")).containsText("银卡");
                assertThat(card.getByTestId("customer-loyalty-balance")).hasText("150");
                assertThat(card.getByTestId("customer-loyalty-link")).hasText(memberNo);
                assertThat(card.getByTestId("customer-loyalty-progress")).containsText("To 金卡");
                card.getByTestId("customer-loyalty-link").click();
                assertThat(page).hasURL(Pattern.compile(".*/loyalty/members/" + customer + "$"));
                assertThat(page.getByTestId("member-balance")).hasText("150");

                // a customer without orders, enrolled by hand from the members page and given points with a reason
                ApiClient.Response other = api.post("/api/v1/customers:identify", Map.of("identities",
                        List.of(Map.of("type", "device_id", "value", "enrol-" + UUID.randomUUID()))));
                assertThat(other.status()).as(other.body()).isIn(200, 201);
                String second = other.json().path("customerId").asString();
                page.navigate(url("/loyalty/members"));
                page.getByTestId("members-enrol").click();
                Locator customerId = input(page.getByTestId("enrol-customer-id"));
                customerId.fill("not-an-id");
                assertThat(page.locator(".ant-modal .ant-form-item-explain-error")).containsText("Not a customer id");
                customerId.fill(second);
                page.getByTestId("enrol-submit").click();
                assertThat(page).hasURL(Pattern.compile(".*/loyalty/members/" + second + "$"));
                assertThat(page.getByTestId("member-balance")).hasText("0");
                assertThat(page.getByTestId("member-profile")).containsText("Enrolled by hand");
                page.getByTestId("member-adjust").click();
                input(page.getByTestId("points-amount")).fill("30");
                page.getByTestId("points-submit").click();
                assertThat(page.locator(".ant-modal .ant-form-item-explain-error")).containsText("Say why");
                page.getByTestId("points-reason").fill("开业补偿");
                page.getByTestId("points-submit").click();
                assertThat(page.getByTestId("member-balance")).hasText("30");
                Locator adjusted = page.getByTestId("member-statement").locator("tr",
                        new Locator.LocatorOptions().setHasText("开业补偿"));
                assertThat(adjusted.getByTestId("entry-kind")).hasText("Adjusted");
                assertThat(adjusted.getByTestId("entry-points")).hasText("+30");

                // the overview counts them
                page.getByTestId("nav-loyalty").click();
                assertThat(page.getByTestId("loyalty-tier-chart")).hasAttribute("data-tiers", Pattern.compile(".*silver:[1-9].*"));
                assertThat(page.getByTestId("loyalty-points-chart")).hasAttribute("data-months", Pattern.compile("1[2-9]"));
            });
        } finally {
            disable(api);
        }
    }

    /** The program is the merchant's one: switched off again (its other settings kept), so other tests' orders earn nothing. */
    private static void disable(ApiClient api) {
        ApiClient.Response current = api.get("/api/v1/loyalty/program");
        if (current.status() != 200) {
            return;
        }
        JsonNode p = current.json();
        Map<String, Object> body = new HashMap<>();
        body.put("name", p.path("name").asString());
        body.put("enabled", false);
        body.put("pointsPerUnit", p.path("pointsPerUnit").decimalValue());
        body.put("earnOn", p.path("earnOn").asString());
        body.put("expiry", p.path("expiry").asString());
        body.put("expiryMonths", p.path("expiryMonths").isNull() ? null : p.path("expiryMonths").asInt());
        body.put("autoEnrol", p.path("autoEnrol").asBoolean());
        body.put("earnFrom", p.path("earnFrom").asString());
        ApiClient.Response disabled = api.put("/api/v1/loyalty/program", body);
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        assertThat(disabled.json().path("enabled").asBoolean()).isFalse();
    }
}
