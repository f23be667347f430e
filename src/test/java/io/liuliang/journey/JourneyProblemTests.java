package io.liuliang.journey;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.liuliang.shared.FieldError;
import io.liuliang.shared.ProblemParams;
import io.liuliang.support.ConsoleProblemTexts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every problem of a journey definition carries a stable code and the values of its wording, next to its English
 * message, and the console words every code in both of its languages.
 */
class JourneyProblemTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The problems only {@link JourneyService} reports (saving a draft, the objects a definition refers to). */
    private static final Set<JourneyProblem> SERVICE_ONLY = EnumSet.of(JourneyProblem.DEFINITION_TOO_LARGE,
            JourneyProblem.SEGMENT_MISSING, JourneyProblem.COUPON_TEMPLATE_MISSING,
            JourneyProblem.MESSAGE_TEMPLATE_MISSING, JourneyProblem.TAG_MISSING, JourneyProblem.NAME_TAKEN);

    private static final String ENTRY = "{\"id\":\"entry\",\"type\":\"entry\"}";
    private static final String EXIT = "{\"id\":\"x\",\"type\":\"exit\"}";

    /** A definition with an api entry, the given nodes after the entry node and the given edges. */
    private static String def(String nodes, String edges) {
        return "{\"entry\":{\"kind\":\"api\"},\"nodes\":[" + ENTRY + (nodes.isEmpty() ? "" : "," + nodes) + "],"
                + "\"edges\":[" + edges + "]}";
    }

    private static String edge(String id, String source, String handle, String target) {
        return "{\"id\":\"" + id + "\",\"source\":\"" + source + "\",\"sourceHandle\":\"" + handle + "\",\"target\":\""
                + target + "\"}";
    }

    private static String node(String id, String type, String config) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"config\":" + config + "}";
    }

    /** Broken definitions that, together, make the parser report each of its problems. */
    private static List<String> broken() {
        String longText = "y".repeat(DefinitionParser.MAX_TEXT + 1);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= DefinitionParser.MAX_NODES; i++) {
            many.append(i == 0 ? "" : ",").append("{\"id\":\"n").append(i).append("\",\"type\":\"exit\"}");
        }
        return List.of(
                "[]",
                "{\"entry\":{\"kind\":\"api\"}}",
                "{\"nodes\":[" + ENTRY + "]}",
                "{\"entry\":{\"kind\":\"api\"},\"nodes\":[" + ENTRY + "," + many + "]}",
                "{\"entry\":{\"kind\":\"api\"},\"startsAt\":\"2026-12-24T02:00:00Z\",\"endsAt\":\"2026-12-01T00:00:00Z\","
                        + "\"enrolmentLimit\":0,\"reentry\":{\"rule\":\"once_per_days\"},\"goal\":{\"kind\":\"nope\"},"
                        + "\"nodes\":[" + ENTRY + "," + EXIT + "],\"edges\":[" + edge("e", "entry", "next", "x") + "]}",
                "{\"entry\":{\"kind\":\"api\"},\"startsAt\":\"soon\",\"nodes\":[" + ENTRY + "," + EXIT + "],\"edges\":{}}",
                "{\"entry\":{},\"nodes\":[" + ENTRY + "]}",
                "{\"entry\":{\"kind\":\"event\",\"eventType\":\"custom\",\"filters\":[{\"property\":\"a b\"},"
                        + "{\"property\":\"p\",\"operator\":\"eq\"},{\"property\":\"p\",\"operator\":\"gt\",\"value\":\"x\"},"
                        + "{\"property\":\"p\",\"operator\":\"nope\"}]},\"nodes\":[" + ENTRY + "]}",
                "{\"entry\":{\"kind\":\"event\",\"eventType\":\"nope\",\"filters\":{}},\"nodes\":[" + ENTRY + "]}",
                "{\"entry\":{\"kind\":\"tier_changed\",\"change\":\"sideways\",\"toTier\":5},\"nodes\":[" + ENTRY + "]}",
                "{\"entry\":{\"kind\":\"coupon_issued\",\"templateId\":\"not-a-uuid\"},\"nodes\":[" + ENTRY + "]}",
                def("{\"id\":\"bad id!\",\"type\":\"exit\"}," + EXIT + "," + EXIT + ",{\"id\":\"t\"},"
                        + "{\"id\":\"u\",\"type\":\"teleport\"},{\"id\":\"l\",\"type\":\"exit\",\"label\":\"" + longText + "\"}", ""),
                def(node("c", "condition", "{}") + "," + node("p", "adjust_points", "{\"points\":0,\"reason\":\"r\"}") + ","
                        + node("h1", "webhook", "{\"url\":\"ftp://example.com\"}") + ","
                        + node("h2", "webhook", "{\"url\":\"http://exa mple.com\"}") + ","
                        + node("tag", "add_tag", "{}") + ","
                        + node("w1", "wait", "{\"mode\":\"duration\"}") + ","
                        + node("w2", "wait", "{\"mode\":\"time_of_day\",\"time\":\"25:99\"}") + ","
                        + node("w3", "wait", "{\"mode\":\"event\",\"eventType\":\"custom\"}") + ","
                        + node("w4", "wait", "{\"mode\":\"duration\",\"minutes\":0}") + ","
                        + node("s1", "split", "{}") + ","
                        + node("s2", "split", "{\"variants\":[{\"key\":\"ab\",\"percent\":50},{\"key\":\"A\",\"percent\":50},"
                                + "{\"key\":\"A\",\"percent\":50},{\"key\":\"B\"}]}") + ","
                        + node("s3", "split", "{\"variants\":[{\"key\":\"A\",\"percent\":60}],\"holdoutPercent\":10}"), ""),
                def(EXIT + "," + node("w", "wait", "{\"mode\":\"duration\",\"minutes\":5}") + ","
                        + "{\"id\":\"entry2\",\"type\":\"entry\"},"
                        + node("a", "wait", "{\"mode\":\"duration\",\"minutes\":5}") + ","
                        + node("b", "wait", "{\"mode\":\"duration\",\"minutes\":5}"),
                        edge("e1", "entry", "next", "w") + "," + edge("e1", "entry", "next", "x") + ","
                                + "{\"id\":\"e2\",\"target\":\"x\"},{\"id\":\"e3\",\"source\":\"w\"},"
                                + edge("e4", "ghost", "next", "x") + "," + edge("e5", "w", "next", "ghost") + ","
                                + edge("e6", "w", "next", "entry") + "," + edge("e7", "x", "next", "w") + ","
                                + edge("e8", "w", "yes", "x") + "," + edge("e9", "w", "next", "x") + ","
                                + edge("e10", "w", "next", "a") + "," + edge("e11", "a", "next", "b") + ","
                                + edge("e12", "b", "next", "a")),
                "{\"entry\":{\"kind\":\"api\"},\"nodes\":[" + EXIT + "]}");
    }

    private static List<FieldError> problemsOf(String definition) {
        JsonNode json = JSON.readTree(definition);
        return DefinitionParser.parse(json).errors();
    }

    @Test
    void everyProblemOfTheParserHasACodeAndTheValuesOfItsWording() {
        Map<String, JourneyProblem> byCode = new HashMap<>();
        for (JourneyProblem p : JourneyProblem.values()) {
            byCode.put(p.code(), p);
        }
        Set<JourneyProblem> seen = EnumSet.noneOf(JourneyProblem.class);
        List<String> all = new ArrayList<>();
        for (String definition : broken()) {
            List<FieldError> errors = problemsOf(definition);
            assertThat(errors).as(definition).isNotEmpty();
            for (FieldError e : errors) {
                all.add(e.field() + " " + e.code() + " " + e.message());
                assertThat(e.message()).as(e.field()).isNotBlank();
                JourneyProblem p = byCode.get(e.code());
                assertThat(p).as("the code of %s: %s", e.field(), e.message()).isNotNull();
                Set<String> names = e.params() == null ? Set.of() : e.params().values().keySet();
                assertThat(names).as(e.code()).containsExactlyInAnyOrderElementsOf(p.params());
                seen.add(p);
            }
        }
        Set<JourneyProblem> expected = EnumSet.allOf(JourneyProblem.class);
        expected.removeAll(SERVICE_ONLY);
        assertThat(seen).as(String.join("\n", all)).containsAll(expected);
    }

    @Test
    void theValuesAreThoseOfTheMessage() {
        Map<String, FieldError> byField = new HashMap<>();
        for (String d : broken()) {
            problemsOf(d).forEach(e -> byField.putIfAbsent(e.field() + " " + e.code(), e));
        }
        FieldError minutes = byField.get("nodes[w4].config.minutes journey.range");
        assertThat(minutes.message()).isEqualTo("must be a whole number from 1 to " + DefinitionParser.MAX_WAIT_MINUTES);
        assertThat(minutes.params().values()).containsExactly(Map.entry("max", "" + DefinitionParser.MAX_WAIT_MINUTES),
                Map.entry("min", "1"));
        FieldError sum = byField.get("nodes[s3].config.variants journey.percentSum");
        assertThat(sum.message()).endsWith("(now 70)");
        assertThat(sum.params().get("sum")).isEqualTo("70");
        FieldError deadEnd = byField.get("nodes[b] journey.deadEnd");
        assertThat(deadEnd).isNull(); // b leads back to a: it has its edge
        FieldError cycle = byField.get("nodes[a] journey.cycle");
        assertThat(cycle.params().get("from")).isEqualTo("b");
        FieldError handle = byField.get("edges[e8].sourceHandle journey.edgeHandle");
        assertThat(handle.message()).isEqualTo("node w has no output yes (it has next)");
        assertThat(handle.params().values()).containsEntry("handle", "yes").containsEntry("node", "w")
                .containsEntry("outputs", "next");
        assertThat(byField.get("nodes[w1].config.minutes journey.minutesRequired").message())
                .isEqualTo("is required: how long to wait");
        assertThat(byField.get("nodes[w1].config.minutes journey.minutesRequired").params()).isNull();
        assertThat(byField.get("nodes journey.entryTwice").params().get("count")).isEqualTo("2");
    }

    @Test
    void aProblemIsGivenExactlyTheValuesItsWordingTakes() {
        assertThatThrownBy(() -> JourneyProblem.RANGE.at("x", "must be a whole number from 1 to 2", "min", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("journey.range");
        assertThat(JourneyProblem.REQUIRED.at("x", "is required").code()).isEqualTo("journey.required");
    }

    @Test
    void aFieldErrorShowsItsCodeAndValuesOnlyWhenItHasThem() {
        assertThat(JSON.writeValueAsString(new FieldError("name", "is required")))
                .isEqualTo("{\"field\":\"name\",\"message\":\"is required\"}");
        assertThat(JSON.writeValueAsString(JourneyProblem.MAX_LENGTH.at("name", "at most 100 characters", "max", 100)))
                .isEqualTo("{\"field\":\"name\",\"message\":\"at most 100 characters\",\"code\":\"journey.maxLength\","
                        + "\"params\":{\"max\":\"100\"}}");
        assertThat(JSON.writeValueAsString(JourneyProblem.REQUIRED.at("name", "is required")))
                .isEqualTo("{\"field\":\"name\",\"message\":\"is required\",\"code\":\"journey.required\"}");
        assertThat(ProblemParams.of("b", 2, "a", "x").values().keySet()).containsExactly("a", "b");
    }

    @Test
    void theConsoleWordsEveryProblemInBothLanguagesWithItsValues() {
        ConsoleProblemTexts.assertWorded(JourneyProblem.PREFIX, List.of("journey.en.ts", "journey.zh-CN.ts"), JourneyProblem.values());
    }
}
