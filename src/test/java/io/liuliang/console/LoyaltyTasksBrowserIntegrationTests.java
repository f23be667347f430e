package io.liuliang.console;

import java.util.HashMap;
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
 * Tasks and badges in the console (headless Chromium): with the program and the brief's ready template set up through
 * the API, an operator opens the tasks page, creates a weekly share task in its drawer (a bad code is refused inline
 * first) and sees it in the table, creates a badge, then checks an enrolled customer in from their member page and
 * sees the balance rise by the check-in's reward and the check-in task done for today, and the new badge awarded. The program is the merchant's
 * one: it is switched off again at the end (its other settings kept).
 */
class LoyaltyTasksBrowserIntegrationTests extends BrowserTest {

    /** The input of an antd field whose test id sits on the input itself or on its wrapper. */
    private static Locator input(Locator field) {
        return "INPUT".equals(field.evaluate("e => e.tagName")) ? field : field.locator("input").first();
    }

    @Test
    void anOperatorSetsUpTasksAndBadgesAndChecksAMemberIn() throws Exception {
        String operatorName = uniqueName("op.tasks");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = anonymous();
        assertThat(api.login(operatorName, PASSWORD).status()).isEqualTo(200);
        try {
            // the program (kept as it is when the suite's database has one, but switched on) and the ready template
            ApiClient.Response current = api.get("/api/v1/loyalty/program");
            Map<String, Object> program = new HashMap<>();
            if (current.status() == 200) {
                JsonNode p = current.json();
                program.put("name", p.path("name").asString());
                program.put("pointsPerUnit", p.path("pointsPerUnit").decimalValue());
                program.put("earnOn", p.path("earnOn").asString());
                program.put("expiry", p.path("expiry").asString());
                program.put("expiryMonths", p.path("expiryMonths").isNull() ? null : p.path("expiryMonths").asInt());
                program.put("earnFrom", p.path("earnFrom").asString());
            } else {
                program.put("name", uniqueName("留量会员"));
                program.put("pointsPerUnit", 1);
                program.put("earnOn", "completed");
                program.put("expiry", "never");
                program.put("expiryMonths", null);
                program.put("earnFrom", null);
            }
            program.put("enabled", true);
            program.put("autoEnrol", true);
            ApiClient.Response saved = api.put("/api/v1/loyalty/program", program);
            assertThat(saved.status()).as(saved.body()).isEqualTo(200);
            ApiClient.Response installed = api.post("/api/v1/loyalty/program:install-template", Map.of());
            assertThat(installed.status()).as(installed.body()).isEqualTo(204);

            String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            String taskCode = "share_" + suffix;
            String taskName = uniqueName("周分享");
            String badgeCode = "fan_" + suffix;
            String badgeName = uniqueName("铁粉");

            scenario("loyalty-tasks", () -> {
                page.navigate(url("/login"));
                login(operatorName, PASSWORD);
                page.getByTestId("nav-loyalty").click();
                assertThat(page).hasURL(Pattern.compile(".*/loyalty$"));
                page.getByTestId("loyalty-tab-tasks").click();
                assertThat(page).hasURL(Pattern.compile(".*/loyalty/tasks$"));
                // the ready program's tasks and badge are there
                assertThat(page.locator("[data-testid=task-row][data-code=daily_check_in]")).isVisible();
                assertThat(page.locator("[data-testid=badge-row][data-code=chief_tester]")).isVisible();

                // a weekly share task: a bad code is refused inline first
                page.getByTestId("tasks-add").click();
                Locator form = page.getByTestId("task-form");
                Locator code = input(page.getByTestId("task-form-code"));
                code.fill("Share!");
                Locator errors = form.locator(".ant-form-item-explain-error");
                assertThat(errors).containsText("lower-case letters");
                code.fill(taskCode);
                assertThat(errors).hasCount(0);
                input(page.getByTestId("task-form-name")).fill(taskName);
                page.getByTestId("task-form-action-share").click();
                page.getByTestId("task-form-period-weekly").click();
                input(page.getByTestId("task-form-rewardPoints")).fill("50");
                input(page.getByTestId("task-form-limitPerPeriod")).fill("2");
                page.getByTestId("task-form-submit").click();
                Locator row = page.locator("[data-testid=task-row][data-code=" + taskCode + "]");
                assertThat(row.getByTestId("task-name")).hasText(taskName);
                assertThat(row.getByTestId("task-period")).hasText("Weekly");
                assertThat(row.getByTestId("task-action")).hasText("Share");
                assertThat(row.getByTestId("task-reward")).hasText("+50");
                assertThat(row.getByTestId("task-limit")).hasText("2");
                assertThat(form).hasCount(0);

                // a badge
                page.getByTestId("badges-add").click();
                input(page.getByTestId("badge-form-code")).fill(badgeCode);
                input(page.getByTestId("badge-form-name")).fill(badgeName);
                Locator threshold = input(page.getByTestId("badge-form-threshold"));
                threshold.fill("0");
                assertThat(page.getByTestId("badge-form").locator(".ant-form-item-explain-error")).containsText("1 or more");
                threshold.fill("3");
                page.getByTestId("badge-form-submit").click();
                Locator badge = page.locator("[data-testid=badge-row][data-code=" + badgeCode + "]");
                assertThat(badge.getByTestId("badge-name")).hasText(badgeName);
                assertThat(badge.getByTestId("badge-threshold")).hasText("3");
                assertThat(badge.getByTestId("badge-rule")).hasText("Points earned");
            });

            // the task and badge are stored as given
            JsonNode tasks = api.get("/api/v1/loyalty/tasks").json();
            JsonNode share = null;
            JsonNode checkInTask = null;
            for (JsonNode t : tasks) {
                if (t.path("code").asString().equals(taskCode)) {
                    share = t;
                }
                if (checkInTask == null && t.path("active").asBoolean() && t.path("action").asString().equals("check_in")) {
                    checkInTask = t;
                }
            }
            assertThat(share).isNotNull();
            assertThat(share.path("period").asString()).isEqualTo("weekly");
            assertThat(share.path("action").asString()).isEqualTo("share");
            assertThat(checkInTask).isNotNull();
            String checkInCode = checkInTask.path("code").asString();
            long reward = checkInTask.path("rewardPoints").asLong();
            int limit = checkInTask.path("limitPerPeriod").asInt();

            // a customer enrolled through the API
            ApiClient.Response identified = api.post("/api/v1/customers:identify", Map.of("identities",
                    List.of(Map.of("type", "device_id", "value", "tasks-" + UUID.randomUUID()))));
            assertThat(identified.status()).as(identified.body()).isIn(200, 201);
            String customer = identified.json().path("customerId").asString();
            ApiClient.Response enrolled = api.post("/api/v1/loyalty/members", Map.of("customerId", customer));
            assertThat(enrolled.status()).as(enrolled.body()).isIn(200, 201);

            scenario("loyalty-tasks-check-in", () -> {
                page.navigate(url("/loyalty/members/" + customer));
                assertThat(page.getByTestId("member-balance")).hasText("0");
                Locator checkInRow = page.locator("[data-testid=member-task][data-code=" + checkInCode + "]");
                assertThat(checkInRow.getByTestId("member-task-progress")).hasText("0 / " + limit);
                assertThat(checkInRow.getByTestId("member-task-state")).hasText("Available");
                assertThat(page.locator("[data-testid=member-task][data-code=" + taskCode + "]")
                        .getByTestId("member-task-progress")).hasText("0 / 2");
                page.getByTestId("member-check-in").click();
                assertThat(page.getByTestId("member-balance")).hasText(String.valueOf(reward));
                assertThat(checkInRow.getByTestId("member-task-progress")).hasText("1 / " + limit);
                if (limit == 1) {
                    assertThat(checkInRow.getByTestId("member-task-state")).hasText("Done");
                }
                assertThat(page.getByTestId("member-statement").getByTestId("entry-points").first()).hasText("+" + reward);
                // the check-in's points meet the new badge (3 points earned): awarded, with its date
                assertThat(page.getByTestId("member-badges").getByTestId("member-badge-name")
                        .filter(new Locator.FilterOptions().setHasText(badgeName))).hasCount(1);
            });
            assertThat(api.get("/api/v1/loyalty/members/" + customer).json().path("balance").asLong()).isEqualTo(reward);
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
