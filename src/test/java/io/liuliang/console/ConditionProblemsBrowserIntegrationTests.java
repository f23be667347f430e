package io.liuliang.console;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;

import io.liuliang.support.ApiClient;
import io.liuliang.support.BrowserTest;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server's condition problems in the console's two languages (headless Chromium): the segment builder words the
 * server's refusal of a segment that would refer to itself through another, and the journey canvas words the
 * server's problem of a condition split on a segment deleted since, in English and then in Chinese, rather than
 * showing the server's English message.
 */
class ConditionProblemsBrowserIntegrationTests extends BrowserTest {

    private static Map<String, Object> inProvince(String province) {
        return Map.of("type", "field", "field", "province", "op", "eq", "value", province);
    }

    private static Map<String, Object> includes(String segment) {
        return Map.of("type", "field", "field", "segments", "op", "includes", "value", segment);
    }

    private static Map<String, Object> edge(String id, String source, String handle, String target) {
        return Map.of("id", id, "source", source, "sourceHandle", handle, "target", target);
    }

    /** The id and name of what a request created. */
    private static Created created(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Created(r.json().path("id").asString(), r.json().path("name").asString());
    }

    private record Created(String id, String name) {
    }

    @Test
    void theSegmentBuilderWordsACycleTheServerRefuses() throws Exception {
        String operatorName = uniqueName("op.cycle");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = signedIn("OPERATOR");
        Created a = created(api.post("/api/v1/segments", Map.of("name", uniqueName("循环A"), "kind", "dynamic",
                "condition", inProvince(uniqueName("循环省")))));
        Created b = created(api.post("/api/v1/segments", Map.of("name", uniqueName("循环B"), "kind", "dynamic",
                "condition", Map.of("type", "and", "children", List.of(includes(a.id()))))));
        scenario("segment-cycle", () -> {
            // a deep link leads to the login page, and back after it
            page.navigate(url("/segments/" + a.id() + "/edit"));
            login(operatorName, PASSWORD);
            // A also takes the members of B, which takes those of A
            page.getByTestId("builder-add-field").click();
            Locator rule = page.getByTestId("condition-rule").nth(1);
            rule.getByTestId("rule-field").click();
            page.keyboard().type("Segment membership");
            page.keyboard().press("Enter");
            rule.getByTestId("rule-value").click();
            page.keyboard().type(b.name());
            page.keyboard().press("Enter");
            page.getByTestId("segment-save").click();
            Locator problem = page.getByTestId("segment-condition-problem");
            assertThat(problem).hasText("Segments would refer to each other in a loop");
            page.getByTestId("lang-switch").getByText("中文").click();
            assertThat(problem).hasText("分群之间会形成循环引用");
        });
        assertThat(api.get("/api/v1/segments/" + a.id()).json().path("condition").toString()).doesNotContain(b.id());
    }

    @Test
    void theJourneyCanvasWordsAConditionSplitsProblemFoundByTheServer() throws Exception {
        String operatorName = uniqueName("op.split");
        createUser(operatorName, List.of("OPERATOR"), false);
        ApiClient api = signedIn("OPERATOR");
        Created segment = created(api.post("/api/v1/segments", Map.of("name", uniqueName("将删分群"), "kind", "dynamic",
                "condition", inProvince(uniqueName("条件省")))));
        Map<String, Object> definition = Map.of(
                "entry", Map.of("kind", "api"),
                "nodes", List.of(
                        Map.of("id", "entry", "type", "entry"),
                        Map.of("id", "check", "type", "condition", "config", Map.of("condition",
                                Map.of("type", "and", "children", List.of(includes(segment.id()))))),
                        Map.of("id", "yes", "type", "exit"),
                        Map.of("id", "no", "type", "exit")),
                "edges", List.of(edge("e1", "entry", "next", "check"), edge("e2", "check", "yes", "yes"),
                        edge("e3", "check", "no", "no")));
        Created journey = created(api.post("/api/v1/journeys", Map.of("name", uniqueName("条件旅程"), "definition", definition)));
        // the split's segment goes away after the journey was drafted
        assertThat(api.delete("/api/v1/segments/" + segment.id()).status()).isEqualTo(204);
        scenario("condition-split-problem", () -> {
            page.navigate(url("/journeys/" + journey.id()));
            login(operatorName, PASSWORD);
            page.getByTestId("journey-validate").click();
            Locator problem = page.locator("[data-testid=journey-problem][data-field='nodes[check].config.condition']");
            assertThat(problem).hasAttribute("data-source", "server");
            assertThat(problem).containsText("This segment no longer exists; choose another");
            assertThat(problem).not().containsText("does not exist");
            page.getByTestId("lang-switch").getByText("中文").click();
            assertThat(problem).containsText("该分群已不存在，请重新选择");
        });
    }
}
