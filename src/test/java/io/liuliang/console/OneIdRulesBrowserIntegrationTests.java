package io.liuliang.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Route;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The One-ID rules page in the console (headless Chromium): an administrator adds an identity type through the form
 * (a malformed code refused inline, a taken code's 409 on the code field), finds it in the table, declares that the
 * display name keeps the existing value, and sees a customer identified twice with two names keep the first; then
 * puts the defaults back, and reads the page in Chinese, where the server's refusals of a new type (a taken code, a
 * priority out of range) are worded in Chinese on their fields. An operator, who may not manage settings, sees it
 * read-only.
 */
class OneIdRulesBrowserIntegrationTests extends BrowserTest {

    private static final String OPEN_DROPDOWN_OPTION = ".ant-select-dropdown:visible .ant-select-item-option";
    private static final String MODAL_ERRORS = ".ant-modal .ant-form-item-explain-error";
    private static final int PRIORITY = 35;
    private static final int LIMIT_PER_CUSTOMER = 2;
    /** Below the strongest priority (1): a value the form's own check would stop, sent as is to the server. */
    private static final int PRIORITY_OUT_OF_RANGE = 0;
    private static final String TYPES_API = "**/api/v1/identity-types";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The input of an antd field whose test id sits on the input itself or on its wrapper. */
    private static Locator input(Locator field) {
        return "INPUT".equals(field.evaluate("e => e.tagName")) ? field : field.locator("input").first();
    }

    private static String strategy(JsonNode rules, String field) {
        for (JsonNode r : rules.path("rules")) {
            if (r.path("field").asString().equals(field)) {
                return r.path("strategy").asString();
            }
        }
        throw new AssertionError("no rule for " + field + " in " + rules);
    }

    /** Every trait back on its default strategy, as the server declares them, through the API. */
    private static void restoreDefaults(ApiClient admin) {
        JsonNode rules = admin.get("/api/v1/trait-merge-rules").json();
        List<Map<String, String>> defaults = new ArrayList<>();
        for (JsonNode r : rules.path("rules")) {
            defaults.add(Map.of("field", r.path("field").asString(), "strategy", r.path("defaultStrategy").asString()));
        }
        ApiClient.Response r = admin.put("/api/v1/trait-merge-rules", Map.of("rules", defaults));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    private static String identify(ApiClient api, String phone, String name) {
        ApiClient.Response r = api.post("/api/v1/customers:identify", Map.of(
                "identities", List.of(Map.of("type", "phone", "value", phone)), "traits", Map.of("displayName", name)));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("customerId").asString();
    }

    /** The errors shown under the form field holding the element of this test id. */
    private Locator fieldErrors(String testId) {
        return page.locator(".ant-modal .ant-form-item").filter(new Locator.FilterOptions().setHas(page.getByTestId(testId)))
                .locator(".ant-form-item-explain-error");
    }

    /** Sends the new type's priority out of range, as a console whose checks lag behind the server's would. */
    private static void priorityOutOfRange(Route route) {
        if (!"POST".equals(route.request().method())) {
            route.resume();
            return;
        }
        ObjectNode body = (ObjectNode) JSON.readTree(route.request().postData());
        body.put("priority", PRIORITY_OUT_OF_RANGE);
        route.resume(new Route.ResumeOptions().setPostData(JSON.writeValueAsString(body)));
    }

    private void chooseStrategy(String field, String label) {
        page.getByTestId("trait-strategy-" + field).click();
        page.locator(OPEN_DROPDOWN_OPTION + "[title='" + label + "']").click();
    }

    @Test
    void anAdministratorAddsAnIdentityTypeAndDeclaresHowTheDisplayNameMerges() throws Exception {
        String adminName = uniqueName("admin.oneid");
        createUser(adminName, List.of("ADMIN"), false);
        ApiClient api = anonymous();
        assertThat(api.login(adminName, PASSWORD).status()).isEqualTo(200);
        String code = "card_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String refusedCode = code + "_x";
        String typeName = uniqueName("会员卡号");
        String firstName = uniqueName("先来的名字");
        String secondName = uniqueName("后来的名字");
        String phone = String.format("136%08d", (long) (Math.random() * 100_000_000L));
        try {
            scenario("one-id-rules-admin", () -> {
                page.navigate(url("/login"));
                login(adminName, PASSWORD);
                page.getByTestId("nav-oneid-rules").click();
                assertThat(page).hasURL(Pattern.compile(".*/one-id-rules$"));
                assertThat(page.getByTestId("page-title")).hasText("One-ID rules");
                Locator table = page.getByTestId("idtype-table");
                Locator phoneRow = table.locator("tr[data-row-key='phone']");
                assertThat(phoneRow).containsText("Phone");
                assertThat(phoneRow).containsText("Built-in");
                assertThat(phoneRow).containsText("Personal data");

                // a code starting with a digit is refused inline, before anything is sent
                page.getByTestId("idtype-add").click();
                Locator codeField = input(page.getByTestId("idtype-code"));
                codeField.fill("9card");
                assertThat(page.locator(MODAL_ERRORS)).hasText("Lower-case letters, digits and _, starting with a letter");

                // a well-formed code that exists is refused by the server (409), said on the code field
                codeField.fill("member_number");
                assertThat(page.locator(MODAL_ERRORS)).hasCount(0);
                input(page.getByTestId("idtype-name")).fill(typeName);
                input(page.getByTestId("idtype-priority")).fill(String.valueOf(PRIORITY));
                input(page.getByTestId("idtype-limit")).fill(String.valueOf(LIMIT_PER_CUSTOMER));
                page.getByTestId("idtype-shopScoped").click();
                page.getByTestId("idtype-submit").click();
                assertThat(page.locator(MODAL_ERRORS)).hasText("The identity type member_number already exists");

                // a new code is taken, and the type is listed as a custom, per-shop, non-personal type
                codeField.fill(code);
                page.getByTestId("idtype-submit").click();
                assertThat(page.getByTestId("idtype-code")).isHidden();
                Locator row = table.locator("tr[data-row-key='" + code + "']");
                assertThat(row).containsText(typeName);
                assertThat(row).containsText("Custom");
                assertThat(row.locator("td")).containsText(new String[] {code, typeName, String.valueOf(PRIORITY), String.valueOf(LIMIT_PER_CUSTOMER), "Yes", "No", "Custom"});

                // the search keeps the matching types only
                Locator search = input(page.getByTestId("idtype-search"));
                search.fill(typeName);
                assertThat(row).isVisible();
                assertThat(phoneRow).hasCount(0);
                search.fill("");
                assertThat(phoneRow).isVisible();

                // the display name keeps the existing value from now on
                Locator save = page.getByTestId("trait-save");
                assertThat(save).isDisabled();
                assertThat(page.getByTestId("trait-default-displayName")).hasCount(0);
                chooseStrategy("displayName", "Keep existing value");
                assertThat(page.getByTestId("trait-unsaved-displayName")).isVisible();
                assertThat(page.getByTestId("trait-default-displayName")).hasText("Default: Latest non-empty value");
                assertThat(page.getByTestId("trait-rules"))
                        .containsText("The customer keeps the value it holds; another only fills it when empty.");
                assertThat(save).isEnabled();
                save.click();
                assertThat(page.locator(".ant-message")).containsText("Trait merge rules saved");
                assertThat(page.getByTestId("trait-unsaved-displayName")).hasCount(0);
                assertThat(page.getByTestId("trait-default-displayName")).isVisible();
                assertThat(save).isDisabled();
            });
            assertThat(strategy(api.get("/api/v1/trait-merge-rules").json(), "displayName")).isEqualTo("keep_existing");

            // one person identified twice by phone under two names keeps the first
            String customerId = identify(api, phone, firstName);
            assertThat(identify(api, phone, secondName)).isEqualTo(customerId);
            scenario("one-id-rules-customer", () -> {
                page.navigate(url("/customers/" + customerId));
                assertThat(page.getByTestId("customer-name")).hasText(firstName);
            });

            scenario("one-id-rules-reset", () -> {
                page.navigate(url("/one-id-rules"));
                assertThat(page.getByTestId("trait-default-displayName")).isVisible();
                page.getByTestId("trait-reset").click();
                assertThat(page.getByTestId("trait-default-displayName")).hasCount(0);
                page.getByTestId("trait-save").click();
                assertThat(page.locator(".ant-message")).containsText("Trait merge rules saved");
                assertThat(page.getByTestId("trait-save")).isDisabled();
                assertThat(page.getByTestId("trait-reset")).isDisabled();
            });
            JsonNode rules = api.get("/api/v1/trait-merge-rules").json();
            for (JsonNode r : rules.path("rules")) {
                assertThat(r.path("strategy").asString()).as(r.toString()).isEqualTo(r.path("defaultStrategy").asString());
            }

            // the page in Chinese, and back
            scenario("one-id-rules-chinese", () -> {
                page.getByTestId("lang-switch").getByText("中文").click();
                assertThat(page.getByTestId("nav-oneid-rules")).containsText("身份识别规则");
                assertThat(page.getByTestId("page-title")).hasText("身份识别规则");
                assertThat(page.getByTestId("trait-name-displayName")).hasText("昵称");
                assertThat(page.getByTestId("trait-name-region")).hasText("地区（省份与城市）");
                assertThat(page.getByTestId("trait-strategy-displayName")).containsText("最新的非空值");
                assertThat(page.getByTestId("trait-strategy-birthday")).containsText("最早的非空值");
                assertThat(page.getByTestId("trait-rules")).containsText("修改从现在起生效，适用于新记录、导入和合并。");
                assertThat(page.getByTestId("idtype-table").locator("tr[data-row-key='phone']")).containsText("手机号");
                assertThat(page.getByTestId("idtype-add")).containsText("新增身份类型");

                // the server's refusals of a new type, worded in Chinese on their fields: a taken code (409) ...
                page.getByTestId("idtype-add").click();
                input(page.getByTestId("idtype-code")).fill("member_number");
                input(page.getByTestId("idtype-name")).fill(typeName);
                input(page.getByTestId("idtype-priority")).fill(String.valueOf(PRIORITY));
                page.getByTestId("idtype-submit").click();
                assertThat(fieldErrors("idtype-code")).hasText("身份类型 member_number 已存在");
                assertThat(page.locator(MODAL_ERRORS)).hasCount(1);
                // ... and a priority it finds out of range (400)
                page.route(TYPES_API, OneIdRulesBrowserIntegrationTests::priorityOutOfRange);
                input(page.getByTestId("idtype-code")).fill(refusedCode);
                assertThat(page.locator(MODAL_ERRORS)).hasCount(0);
                page.getByTestId("idtype-submit").click();
                assertThat(fieldErrors("idtype-priority")).hasText("1（最高）到 1000 之间的整数");
                assertThat(page.locator(MODAL_ERRORS)).hasCount(1);
                assertThat(page.locator(".ant-message")).containsText("请修正标出的字段。");
                page.unroute(TYPES_API);
                page.locator(".ant-modal-close").click();
                assertThat(page.getByTestId("idtype-code")).isHidden();

                page.getByTestId("lang-switch").getByText("English").click();
                assertThat(page.getByTestId("page-title")).hasText("One-ID rules");
            });
            List<String> codes = new ArrayList<>();
            api.get("/api/v1/identity-types").json().forEach(t -> codes.add(t.path("code").asString()));
            assertThat(codes).contains(code).doesNotContain(refusedCode);
        } finally {
            restoreDefaults(api);
        }
    }

    @Test
    void anOperatorSeesTheRulesReadOnly() throws Exception {
        String operatorName = uniqueName("op.oneid");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient operator = anonymous();
        assertThat(operator.login(operatorName, PASSWORD).status()).isEqualTo(200);
        assertThat(operator.put("/api/v1/trait-merge-rules", Map.of("rules", List.of(
                Map.of("field", "displayName", "strategy", "keep_existing")))).status()).isEqualTo(403);
        scenario("one-id-rules-operator", () -> {
            page.navigate(url("/login"));
            login(operatorName, PASSWORD);
            page.getByTestId("nav-oneid-rules").click();
            assertThat(page.getByTestId("page-title")).hasText("One-ID rules");
            assertThat(page.getByTestId("oneid-readonly")).isVisible();
            assertThat(page.getByTestId("idtype-table").locator("tr[data-row-key='phone']")).containsText("Built-in");
            assertThat(page.getByTestId("trait-name-realName")).hasText("Real name");
            assertThat(page.getByTestId("idtype-add")).hasCount(0);
            assertThat(page.getByTestId("trait-save")).hasCount(0);
            assertThat(page.getByTestId("trait-reset")).hasCount(0);
            for (String field : List.of("displayName", "gender", "birthday", "region", "realName")) {
                assertThat(input(page.getByTestId("trait-strategy-" + field))).isDisabled();
            }
        });
    }
}
