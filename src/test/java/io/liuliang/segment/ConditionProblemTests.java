package io.liuliang.segment;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.FieldError;
import io.liuliang.support.ConsoleProblemTexts;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every problem of a segment or tag condition carries a stable code and the values of its wording, next to its
 * English message, and the console words every code in both of its languages.
 */
class ConditionProblemTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The problems only {@link ConditionValidator} reports, from what a parsed condition refers to. */
    private static final Set<ConditionProblem> REFERENCES = EnumSet.of(ConditionProblem.TAG_MISSING,
            ConditionProblem.SEGMENT_MISSING, ConditionProblem.PREDICTIONS_UNAVAILABLE, ConditionProblem.CYCLE);
    /** The problems only {@link TagService} reports (a manual tag given a condition, a rule tag on itself). */
    private static final Set<ConditionProblem> TAGS_ONLY = EnumSet.of(ConditionProblem.MANUAL_TAG_CONDITION,
            ConditionProblem.TAG_SELF);

    private static final String EMPTY_CITY = "{\"type\":\"field\",\"field\":\"city\",\"op\":\"is_empty\"}";

    private static String field(String field, String op, String value) {
        return "{\"type\":\"field\",\"field\":\"" + field + "\",\"op\":\"" + op + "\",\"value\":" + value + "}";
    }

    private static String and(List<String> children) {
        return "{\"type\":\"and\",\"children\":[" + String.join(",", children) + "]}";
    }

    /** Groups nested one deeper than the parser allows, around one rule. */
    private static String tooDeep() {
        String c = EMPTY_CITY;
        for (int i = 0; i <= ConditionParser.MAX_DEPTH; i++) {
            c = and(List.of(c));
        }
        return c;
    }

    /** Broken conditions that, together, make the parser report each of its problems. */
    private static List<String> broken() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= ConditionParser.MAX_RULES; i++) {
            many.add(EMPTY_CITY);
        }
        return List.of(
                "null",
                "[]",
                "{}",
                "{\"type\":\"xor\"}",
                "{\"type\":\"and\"}",
                "{\"type\":\"or\",\"children\":[]}",
                tooDeep(),
                and(many),
                and(List.of(
                        "{\"type\":\"field\",\"op\":\"eq\",\"value\":\"x\"}",
                        field("shoe_size", "eq", "42"),
                        field("net_spent", "contains", "1"),
                        field("last_order_at", "within_last_days", "-3"),
                        field("net_spent", "between", "5"),
                        field("net_spent", "between", "[200,100]"),
                        field("birthday", "between", "[\"2000-01-01\",\"1990-01-01\"]"),
                        field("city", "in", "[]"),
                        field("tags", "includes", "\"vip\""),
                        field("segments", "includes", "\"big spenders\""),
                        field("net_spent", "eq", "1e13"),
                        field("net_spent", "gte", "\"lots\""),
                        field("birthday", "eq", "\"yesterday\""),
                        field("birthday", "eq", "19900101"),
                        field("city", "eq", "\"\""),
                        field("city", "eq", "\"" + "y".repeat(ConditionParser.MAX_TEXT + 1) + "\""),
                        field("lifecycle_stage", "eq", "\"sleepy\""),
                        "{\"type\":\"order\",\"measure\":\"weight\",\"op\":\"gte\",\"value\":1}",
                        "{\"type\":\"order\",\"op\":\"gte\",\"value\":1,\"shopId\":\"not-an-id\",\"withinDays\":0}",
                        "{\"type\":\"event\",\"event\":\"teleport\",\"did\":\"yes\",\"times\":0,\"properties\":{}}",
                        "{\"type\":\"event\",\"event\":\"custom\",\"withinDays\":5,\"properties\":[1,{\"property\":\"a b\"},"
                                + "{\"property\":\"price\",\"op\":\"gt\",\"value\":\"x\"}]}")));
    }

    private static List<FieldError> problemsOf(String condition) {
        try {
            ConditionParser.parse(JSON.readTree(condition), "condition");
        } catch (ApiProblemException e) {
            return e.fieldErrors();
        }
        return List.of();
    }

    /** The problems of a condition that refers to a missing tag and segment and to predictions, saved in a cycle. */
    private static List<FieldError> referenceProblems() {
        return ConditionValidator.referenceProblems(Set.of(UUID.fromString("00000000-0000-0000-0000-00000000000a")),
                Set.of(UUID.fromString("00000000-0000-0000-0000-00000000000b")), true, true);
    }

    private static Map<String, FieldError> byFieldAndCode() {
        Map<String, FieldError> byField = new HashMap<>();
        for (String c : broken()) {
            problemsOf(c).forEach(e -> byField.putIfAbsent(e.field() + " " + e.code(), e));
        }
        return byField;
    }

    @Test
    void everyProblemOfTheParserAndTheValidatorHasACodeAndTheValuesOfItsWording() {
        Map<String, ConditionProblem> byCode = new HashMap<>();
        for (ConditionProblem p : ConditionProblem.values()) {
            byCode.put(p.code(), p);
        }
        List<List<FieldError>> reports = new ArrayList<>();
        for (String condition : broken()) {
            List<FieldError> errors = problemsOf(condition);
            assertThat(errors).as(condition).isNotEmpty();
            reports.add(errors);
        }
        reports.add(referenceProblems());
        Set<ConditionProblem> seen = EnumSet.noneOf(ConditionProblem.class);
        List<String> all = new ArrayList<>();
        for (List<FieldError> errors : reports) {
            for (FieldError e : errors) {
                all.add(e.field() + " " + e.code() + " " + e.message());
                assertThat(e.message()).as(e.field()).isNotBlank();
                ConditionProblem p = byCode.get(e.code());
                assertThat(p).as("the code of %s: %s", e.field(), e.message()).isNotNull();
                Set<String> names = e.params() == null ? Set.of() : e.params().values().keySet();
                assertThat(names).as(e.code()).containsExactlyInAnyOrderElementsOf(p.params());
                seen.add(p);
            }
        }
        Set<ConditionProblem> expected = EnumSet.allOf(ConditionProblem.class);
        expected.removeAll(TAGS_ONLY);
        assertThat(seen).as(String.join("\n", all)).containsAll(expected);
    }

    @Test
    void theMessagesStayAsTheyWereAndTheValuesAreThoseOfTheMessage() {
        Map<String, FieldError> byField = byFieldAndCode();
        FieldError unknown = byField.get("condition.children[1].field segment.unknownField");
        assertThat(unknown.message()).isEqualTo("unknown field shoe_size");
        assertThat(unknown.params().values()).containsExactly(Map.entry("field", "shoe_size"));
        FieldError op = byField.get("condition.children[2].op segment.operator");
        assertThat(op.message()).isEqualTo("must be one of " + op.params().get("choices"));
        assertThat(op.params().get("choices")).isEqualTo("eq, neq, lt, lte, gt, gte, between");
        FieldError days = byField.get("condition.children[3].value segment.days");
        assertThat(days.message()).isEqualTo("must be a whole number of days from 1 to " + ConditionParser.MAX_DAYS);
        assertThat(days.params().get("max")).isEqualTo("" + ConditionParser.MAX_DAYS);
        assertThat(byField.get("condition.children[5].value segment.fromAfterTo").message())
                .isEqualTo("from must not be greater than to");
        assertThat(byField.get("condition.children[6].value segment.fromAfterTo").message()).isEqualTo("from must not be after to");
        assertThat(byField.get("condition.children[6].value segment.fromAfterTo").params()).isNull();
        assertThat(byField.get("condition.children[8].value segment.tagId").message()).isEqualTo("must be the id of a tag");
        assertThat(byField.get("condition.children[9].value segment.segmentId").message()).isEqualTo("must be the id of a segment");
        FieldError option = byField.get("condition.children[16].value segment.option");
        assertThat(option.message()).isEqualTo("must be one of prospect, new, active, at_risk, dormant, lost");
        assertThat(option.params().get("choices")).isEqualTo("prospect, new, active, at_risk, dormant, lost");
        assertThat(byField.get("condition.children[15].value segment.maxLength").params().get("max"))
                .isEqualTo("" + ConditionParser.MAX_TEXT);
        assertThat(byField.get("condition.children[17].measure segment.measure").message()).isEqualTo("must be count or amount");
        assertThat(byField.get("condition.children[18].shopId segment.id").message()).isEqualTo("must be an id");
        assertThat(byField.get("condition.children[18].withinDays segment.days")).isNotNull();
        FieldError times = byField.get("condition.children[19].times segment.times");
        assertThat(times.message()).isEqualTo("must be a whole number from 1 to " + ConditionParser.MAX_TIMES);
        assertThat(times.params().get("max")).isEqualTo("" + ConditionParser.MAX_TIMES);
        assertThat(byField.get("condition.children[19].withinDays segment.daysRequired").message())
                .isEqualTo("is required (a number of days from 1 to " + ConditionParser.MAX_DAYS + ")");
        assertThat(byField.get("condition.children[20].properties[1].property segment.property").message())
                .isEqualTo("must be a property name (letters, digits, _ . -, at most 64)");
        assertThat(byField.get("condition.children[20].properties[2].value segment.number").message()).isEqualTo("must be a number");
        FieldError type = byField.get("condition.type segment.type");
        assertThat(type.message()).isEqualTo("must be one of and, or, not, field, order, event");
        assertThat(type.params().get("choices")).isEqualTo("and, or, not, field, order, event");
        assertThat(byField.get("condition.type segment.typeRequired").message())
                .isEqualTo("is required (and, or, not, field, order, event)");
        assertThat(byField.get("condition segment.rulesMax").message()).isEqualTo("at most " + ConditionParser.MAX_RULES + " rules");
        assertThat(byField.get("condition segment.rulesMax").params().get("max")).isEqualTo("" + ConditionParser.MAX_RULES);
        assertThat(byField.get("condition segment.required").params()).isNull();

        List<FieldError> refs = referenceProblems();
        assertThat(refs).extracting(e -> e.field() + " " + e.code() + " " + e.message()).containsExactly(
                "condition segment.tagMissing tag 00000000-0000-0000-0000-00000000000a does not exist",
                "condition segment.segmentMissing segment 00000000-0000-0000-0000-00000000000b does not exist",
                "condition segment.predictionsUnavailable predictions are not available yet",
                "condition segment.cycle segments would refer to each other in a cycle");
        assertThat(refs.get(0).params().get("id")).isEqualTo("00000000-0000-0000-0000-00000000000a");
        assertThat(ConditionValidator.referenceProblems(Set.of(), Set.of(), false, false)).isEmpty();
    }

    @Test
    void aProblemIsGivenExactlyTheValuesItsWordingTakes() {
        assertThatThrownBy(() -> ConditionProblem.UNKNOWN_FIELD.at("x", "unknown field y"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segment.unknownField");
        assertThat(ConditionProblem.CYCLE.at("condition", "in a cycle").code()).isEqualTo("segment.cycle");
    }

    @Test
    void theConsoleWordsEveryProblemInBothLanguagesWithItsValues() {
        ConsoleProblemTexts.assertWorded(ConditionProblem.PREFIX, List.of("condition.en.ts", "condition.zh-CN.ts"), ConditionProblem.values());
    }
}
