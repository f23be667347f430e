package io.liuliang.console;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.BoundingBox;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Journeys in the console (headless Chromium): an operator installs the cart-abandonment playbook from the gallery and
 * lands on its canvas, where the reminder is marked red until a message template is chosen in its side panel; the
 * wait's timeout is changed there too. Removing the reminder's connection makes a dead end (and leaves the exit
 * unreachable), shown on the nodes and in the problem list with Publish disabled; drawing the connection again from
 * the reminder's handle fixes it. The journey is saved and published; a customer enrolled through the API shows up in
 * the node counters, the results and on the customer's Journeys card. A care-call journey's task, assigned to the
 * operator, is found under "Mine" on the follow-up tasks page and completed there.
 */
class JourneyBrowserIntegrationTests extends BrowserTest {

    private static final Pattern JOURNEY_URL = Pattern.compile(".*/journeys/([0-9a-f-]{36})$");

    /** The input of an antd field whose test id sits on the input itself or on its wrapper. */
    private static Locator input(Locator field) {
        return "INPUT".equals(field.evaluate("e => e.tagName")) ? field : field.locator("input").first();
    }

    private Locator node(String id) {
        return page.locator(".react-flow [data-testid=journey-node][data-node-id='" + id + "']");
    }

    /** Drags a connection from one handle to another, as a user does with the mouse. */
    private void connect(Locator from, Locator to) {
        BoundingBox a = from.boundingBox();
        BoundingBox b = to.boundingBox();
        page.mouse().move(a.x + a.width / 2, a.y + a.height / 2);
        page.mouse().down();
        page.mouse().move(b.x + 2, b.y + 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(10));
        page.mouse().move(b.x + b.width / 2, b.y + b.height / 2, new com.microsoft.playwright.Mouse.MoveOptions().setSteps(3));
        page.mouse().up();
    }

    @Test
    void anOperatorInstallsAPlaybookConfiguresItOnTheCanvasAndPublishesIt() throws Exception {
        String operatorName = uniqueName("op.journey");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = anonymous();
        assertThat(api.login(operatorName, PASSWORD).status()).isEqualTo(200);

        // the reminder's e-mail template, through the messaging API
        ApiClient.Response channel = api.post("/api/v1/messaging/channels", Map.of("type", "email", "name", uniqueName("邮件"),
                "enabled", false, "email", Map.of("host", "127.0.0.1", "port", 2525, "security", "none",
                        "fromAddress", "hello@liuliang-shop.cn", "fromName", "留量小店")));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        String templateName = uniqueName("购物车提醒");
        ApiClient.Response template = api.post("/api/v1/messaging/templates", Map.of("channelId", channel.json().path("id").asString(),
                "purpose", "marketing", "name", templateName, "subject", "{{customer.name}}，您的购物车还在等您",
                "body", "<p>{{customer.name}}，您加购的宝贝库存不多了。</p>"));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        String templateId = template.json().path("id").asString();

        scenario("journey", () -> {
            page.navigate(url("/login"));
            login(operatorName, PASSWORD);
            page.getByTestId("nav-journeys").click();
            assertThat(page).hasURL(Pattern.compile(".*/journeys$"));
            assertThat(page.getByTestId("nav-journey-tasks")).isVisible();

            // the gallery installs the playbook as a draft and opens its canvas
            page.getByTestId("journeys-playbooks").click();
            Locator card = page.locator("[data-testid=playbook-card][data-key=cart_abandonment]");
            assertThat(card).containsText("Cart abandonment");
            assertThat(page.getByTestId("playbook-card")).hasCount(api.get("/api/v1/journey-playbooks").json().size());
            card.getByTestId("playbook-install").click();
            assertThat(page).hasURL(JOURNEY_URL);
            Matcher m = JOURNEY_URL.matcher(page.url());
            assertThat(m.matches()).isTrue();
            String journey = m.group(1);
            String journeyName = api.get("/api/v1/journeys/" + journey).json().path("name").asString();
            assertThat(journeyName).startsWith("Cart abandonment after 2 hours");
            assertThat(page.getByTestId("journey-title")).hasText(journeyName);
            assertThat(page.getByTestId("journey-status")).hasAttribute("data-status", "draft");
            assertThat(page.locator(".react-flow [data-testid=journey-node]")).hasCount(5);

            // the reminder needs a template: red on the canvas, in the list, and in its side panel
            Locator remind = node("remind");
            assertThat(remind).hasAttribute("data-invalid", "true");
            Locator problems = page.getByTestId("journey-problem");
            assertThat(page.locator("[data-testid=journey-problem][data-field='nodes[remind].config.templateId']"))
                    .containsText("Choose a template");
            assertThat(page.getByTestId("journey-publish")).isDisabled();
            remind.click();
            Locator panel = page.getByTestId("node-panel");
            assertThat(panel).hasAttribute("data-node-id", "remind");
            assertThat(panel.locator(".ant-form-item-explain-error")).containsText("Choose a template");
            panel.getByTestId("node-templateId").click();
            // the list is virtual and holds every template of the shared test database: search for this one
            page.keyboard().type(templateName);
            page.locator(".ant-select-dropdown .ant-select-item-option", new com.microsoft.playwright.Page.LocatorOptions()
                    .setHasText(templateName)).click();
            assertThat(panel.locator(".ant-form-item-explain-error")).hasCount(0);
            assertThat(remind).hasAttribute("data-invalid", "false");
            assertThat(remind).containsText(templateName);
            assertThat(problems).hasCount(0);
            assertThat(page.getByTestId("journey-unsaved")).isVisible();

            // the wait: 90 minutes for an order instead of 2 hours
            node("wait").click();
            assertThat(panel).hasAttribute("data-node-id", "wait");
            Locator timeout = input(panel.getByTestId("wait-timeout"));
            timeout.fill("");
            assertThat(panel.locator(".ant-form-item-explain-error")).containsText("A whole number from 1 to");
            assertThat(node("wait")).hasAttribute("data-invalid", "true");
            timeout.fill("90");
            assertThat(panel.locator(".ant-form-item-explain-error")).hasCount(0);
            assertThat(node("wait")).containsText("at most 90 min");

            // a dead end: the reminder's connection removed
            page.locator(".react-flow__edge[data-id='remind-next-end']").click(new Locator.ClickOptions().setForce(true));
            page.getByTestId("edge-delete").click();
            assertThat(page.locator(".react-flow__edge[data-id='remind-next-end']")).hasCount(0);
            assertThat(remind).hasAttribute("data-invalid", "true");
            assertThat(node("end")).hasAttribute("data-invalid", "true");
            assertThat(page.locator("[data-testid=journey-problem][data-node-id=remind]")).containsText("Dead end");
            assertThat(page.locator("[data-testid=journey-problem][data-node-id=end]")).containsText("Cannot be reached from the entry");
            assertThat(page.getByTestId("journey-publish")).isDisabled();
            // the server says the same when asked
            page.getByTestId("journey-validate").click();
            assertThat(page.locator(".ant-message")).containsText("The server found");
            JsonNode validation = api.post("/api/v1/journeys/" + journey + ":validate", Map.of()).json();
            assertThat(validation.path("valid").asBoolean()).isFalse();
            assertThat(validation.path("errors").toString()).contains("nodes[remind]", "nodes[end]");

            // drawn again from the reminder's handle to the exit
            connect(remind.getByTestId("handle-next"), node("end").getByTestId("handle-in"));
            assertThat(problems).hasCount(0);
            assertThat(remind).hasAttribute("data-invalid", "false");
            assertThat(node("end")).hasAttribute("data-invalid", "false");

            // saved, then published with a confirmation
            page.getByTestId("journey-save").click();
            assertThat(page.getByTestId("journey-unsaved")).hasCount(0);
            JsonNode saved = api.get("/api/v1/journeys/" + journey).json().path("definition");
            assertThat(saved.toString()).contains(templateId).contains("\"timeoutMinutes\":90");
            assertThat(saved.path("edges").toString()).contains("\"source\":\"remind\"");
            page.getByTestId("journey-publish").click();
            page.locator(".ant-popconfirm .ant-popconfirm-buttons button").last().click();
            assertThat(page.getByTestId("journey-status")).hasAttribute("data-status", "active");
            assertThat(page.getByTestId("journey-current-version")).hasText("Live: v1");
            assertThat(page.getByTestId("journey-publish")).isDisabled();

            // a customer enrolled through the API moves the counters: through the entry, waiting for an order
            ApiClient.Response identified = api.post("/api/v1/customers:identify", Map.of("identities",
                    List.of(Map.of("type", "device_id", "value", "journey-" + UUID.randomUUID())),
                    "traits", Map.of("displayName", uniqueName("旅程客户"))));
            assertThat(identified.status()).as(identified.body()).isIn(200, 201);
            String customer = identified.json().path("customerId").asString();
            ApiClient.Response enrolled = api.post("/api/v1/journeys/" + journey + "/enrolments",
                    Map.of("customerIds", List.of(customer), "requestId", UUID.randomUUID().toString()));
            assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(200);
            assertThat(enrolled.json().path("enrolled").asInt()).as(enrolled.body()).isEqualTo(1);
            assertThat(node("entry").getByTestId("node-counter-entered")).hasAttribute("data-value", "1");
            assertThat(node("wait").getByTestId("node-counter-waiting")).hasAttribute("data-value", "1");
            assertThat(node("remind").getByTestId("node-counter-entered")).hasAttribute("data-value", "0");

            // version 1 as published: read-only, with its counters
            page.getByTestId("journey-version").click();
            page.locator(".ant-select-dropdown .ant-select-item-option", new com.microsoft.playwright.Page.LocatorOptions()
                    .setHasText("Version 1")).click();
            assertThat(page.getByTestId("journey-readonly-version")).isVisible();
            assertThat(page.getByTestId("node-palette")).hasCount(0);
            assertThat(node("wait").getByTestId("node-counter-waiting")).hasAttribute("data-value", "1");
            node("remind").click();
            assertThat(page.getByTestId("node-panel").getByTestId("node-label")).isDisabled();

            // the results and the enrolments
            page.getByTestId("journey-tab-results").click();
            assertThat(page.getByTestId("journey-total-enrolled")).hasText("1");
            page.getByTestId("journey-tab-enrolments").click();
            Locator row = page.getByTestId("enrolments-table").locator("tbody tr.ant-table-row").first();
            assertThat(row.getByTestId("enrolment-state")).hasAttribute("data-state", "active");
            assertThat(row).containsText("等待下单 2 小时");

            // the list counts it
            page.getByTestId("journey-back").click();
            Locator listed = page.getByTestId("journeys-table").locator("tr", new Locator.LocatorOptions().setHasText(journeyName));
            assertThat(listed.getByTestId("journey-status")).hasAttribute("data-status", "active");
            assertThat(listed.getByTestId("journey-row-enrolled")).hasText("1");

            // the customer's page lists the journey
            page.navigate(url("/customers/" + customer));
            Locator journeys = page.getByTestId("customer-journeys");
            assertThat(journeys.getByTestId("customer-journey-link")).hasText(journeyName);
            assertThat(journeys.getByTestId("enrolment-state")).hasAttribute("data-state", "active");
            journeys.getByTestId("customer-journey-link").click();
            assertThat(page).hasURL(Pattern.compile(".*/journeys/" + journey + "$"));
        });
    }

    @Test
    void aFollowUpTaskAJourneyCreatedIsCompletedOnTheTasksPage() throws Exception {
        String operatorName = uniqueName("op.tasks");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = anonymous();
        assertThat(api.login(operatorName, PASSWORD).status()).isEqualTo(200);

        // the care-call playbook, its task assigned to this operator, published; a customer enrolled by hand
        ApiClient.Response installed = api.post("/api/v1/journey-playbooks/refund_care_call:install",
                Map.of("name", uniqueName("退款关怀")));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        String journey = installed.json().path("id").asString();
        ObjectNode definition = (ObjectNode) installed.json().path("definition");
        String title = uniqueName("回访");
        for (JsonNode n : definition.path("nodes")) {
            if (n.path("type").asString().equals("create_task")) {
                ((ObjectNode) n.path("config")).put("assignee", operatorName).put("title", title);
            }
        }
        assertThat(api.put("/api/v1/journeys/" + journey, Map.of("name", installed.json().path("name").asString(),
                "definition", definition)).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/journeys/" + journey + ":publish", Map.of()).status()).isEqualTo(200);
        String customerName = uniqueName("退款客户");
        String customer = api.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "care-" + UUID.randomUUID())),
                "traits", Map.of("displayName", customerName))).json().path("customerId").asString();
        assertThat(api.post("/api/v1/journeys/" + journey + "/enrolments", Map.of("customerIds", List.of(customer),
                "requestId", UUID.randomUUID().toString())).json().path("enrolled").asInt()).isEqualTo(1);

        scenario("journey-tasks", () -> {
            page.navigate(url("/login"));
            login(operatorName, PASSWORD);
            page.getByTestId("nav-journey-tasks").click();
            assertThat(page).hasURL(Pattern.compile(".*/journey-tasks$"));
            page.getByTestId("tasks-mine").click();
            Locator row = page.getByTestId("tasks-table").locator("tr.ant-table-row", new Locator.LocatorOptions().setHasText(title));
            // the engine creates the task within moments; the list is refreshed until it shows
            page.waitForCondition(() -> {
                if (row.count() > 0) {
                    return true;
                }
                page.getByLabel("Refresh").first().click();
                page.waitForTimeout(500);
                return false;
            }, new com.microsoft.playwright.Page.WaitForConditionOptions().setTimeout(20_000));
            assertThat(row.getByTestId("task-status")).hasAttribute("data-status", "open");
            assertThat(row.getByTestId("customer-link")).hasText(customerName);
            assertThat(row).containsText(operatorName);
            row.getByTestId("task-complete").click();
            assertThat(row).hasCount(0);

            page.getByTestId("tasks-filter-status").getByText("Done").click();
            assertThat(row.getByTestId("task-status")).hasAttribute("data-status", "done");
            assertThat(row).containsText(operatorName);
        });
        JsonNode tasks = api.get("/api/v1/journey-tasks?status=done&assignee=" + operatorName).json();
        assertThat(tasks.path("items").get(0).path("doneBy").asString()).isEqualTo(operatorName);
    }

    @Test
    void theServersProblemsAreWordedInTheChosenLanguage() throws Exception {
        String operatorName = uniqueName("op.journey.zh");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = anonymous();
        assertThat(api.login(operatorName, PASSWORD).status()).isEqualTo(200);

        // a draft sent on entering a segment that does not exist (a problem only the server can see)
        String taken = uniqueName("复购旅程");
        Map<String, Object> definition = Map.of(
                "entry", Map.of("kind", "segment_entered", "segmentId", UUID.randomUUID().toString()),
                "reentry", Map.of("rule", "once"),
                "nodes", List.of(Map.of("id", "entry", "type", "entry", "position", Map.of("x", 0, "y", 0), "config", Map.of()),
                        Map.of("id", "end", "type", "exit", "position", Map.of("x", 0, "y", 160), "config", Map.of())),
                "edges", List.of(Map.of("id", "entry-next-end", "source", "entry", "sourceHandle", "next", "target", "end")));
        ApiClient.Response created = api.post("/api/v1/journeys", Map.of("name", taken, "definition", definition));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String journey = created.json().path("id").asString();

        scenario("journey-server-problems-zh", () -> {
            page.navigate(url("/login"));
            login(operatorName, PASSWORD);
            page.getByTestId("nav-journeys").click();
            page.getByTestId("lang-switch").getByText("中文").click();
            try {
                // a new journey under a name already taken: the server's refusal, in Chinese, on the name field
                page.getByTestId("journeys-new").click();
                page.getByTestId("journey-new-name").fill(taken);
                page.getByTestId("journey-new-submit").click();
                assertThat(page.locator(".ant-modal .ant-form-item-explain-error")).hasText("已有旅程名为“" + taken + "”");

                // the draft's missing segment, found by the server's validation, in Chinese on the canvas
                page.navigate(url("/journeys/" + journey));
                assertThat(page.getByTestId("journey-title")).hasText(taken);
                page.getByTestId("journey-validate").click();
                assertThat(page.locator("[data-testid=journey-problem][data-field='entry.segmentId']"))
                        .containsText("该人群已不存在，请重新选择");
                assertThat(node("entry")).hasAttribute("data-invalid", "true");
            } finally {
                page.getByTestId("lang-switch").getByText("English").click();
            }
        });
    }
}
