package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.shared.ApiProblemException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionEvaluatorTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant NOW = Instant.parse("2026-05-01T00:00:00Z");

    private static Condition parse(String json) {
        return ConditionParser.parse(JSON.readTree(json), "condition");
    }

    private static CustomerFacts facts(Map<String, Object> values, List<CustomerFacts.EventFact> events) {
        return new CustomerFacts(UUID.randomUUID(), values, Set.of("phone"), Set.of(), Set.of(), List.of(), events);
    }

    private static CustomerFacts.EventFact event(String type, long hoursAgo, String properties) {
        return new CustomerFacts.EventFact(type, null, NOW.minus(hoursAgo, ChronoUnit.HOURS), JSON.readTree(properties));
    }

    @Test
    void behaviourRulesCountMatchingEventsInTheirWindow() {
        Condition c = parse("""
                {"type":"and","children":[{"type":"field","field":"province","op":"eq","value":"浙江"},
                 {"type":"event","event":"add_to_cart","did":true,"times":2,"withinDays":7,
                  "properties":[{"property":"price","op":"gt","value":50}]}]}""");
        CustomerFacts two = facts(Map.of("province", "浙江"), List.of(event("add_to_cart", 1, "{\"price\":89.9}"),
                event("add_to_cart", 2, "{\"price\":99}")));
        CustomerFacts cheap = facts(Map.of("province", "浙江"), List.of(event("add_to_cart", 1, "{\"price\":19.9}"),
                event("add_to_cart", 2, "{\"price\":99}")));
        CustomerFacts old = facts(Map.of("province", "浙江"), List.of(event("add_to_cart", 1, "{\"price\":89.9}"),
                event("add_to_cart", 24 * 8, "{\"price\":99}")));
        assertThat(ConditionEvaluator.matches(c, two, NOW)).isTrue();
        assertThat(ConditionEvaluator.matches(c, cheap, NOW)).isFalse();
        assertThat(ConditionEvaluator.matches(c, old, NOW)).isFalse();
    }

    @Test
    void missingValuesFailComparisonsSoNotMeansNoneOf() {
        Condition neq = parse("{\"type\":\"field\",\"field\":\"city\",\"op\":\"neq\",\"value\":\"杭州\"}");
        Condition notEq = parse("{\"type\":\"not\",\"children\":[{\"type\":\"field\",\"field\":\"city\",\"op\":\"eq\",\"value\":\"杭州\"}]}");
        CustomerFacts noCity = facts(Map.of(), List.of());
        assertThat(ConditionEvaluator.matches(neq, noCity, NOW)).isFalse();
        assertThat(ConditionEvaluator.matches(notEq, noCity, NOW)).isTrue();
        Condition empty = parse("{\"type\":\"field\",\"field\":\"city\",\"op\":\"is_empty\"}");
        assertThat(ConditionEvaluator.matches(empty, noCity, NOW)).isTrue();
        assertThat(ConditionEvaluator.matches(empty, facts(Map.of("city", ""), List.of()), NOW)).isTrue();
        Condition between = parse("{\"type\":\"field\",\"field\":\"net_spent\",\"op\":\"between\",\"value\":[100,200]}");
        assertThat(ConditionEvaluator.matches(between, facts(Map.of("net_spent", new BigDecimal("200.00")), List.of()), NOW)).isTrue();
    }

    @Test
    void parsingErrorsNameEveryBadFieldWithItsPath() {
        assertThatThrownBy(() -> parse("""
                {"type":"or","children":[{"type":"field","field":"net_spent","op":"contains","value":1},
                 {"type":"order","measure":"weight","op":"gte","value":1},
                 {"type":"field","field":"last_order_at","op":"within_last_days","value":-3},
                 {"type":"field","field":"birthday","op":"between","value":["2000-01-01","1990-01-01"]}]}"""))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.fieldErrors())
                        .extracting(f -> f.field() + ": " + f.message())
                        .contains("condition.children[0].op: must be one of eq, neq, lt, lte, gt, gte, between",
                                "condition.children[1].measure: must be count or amount",
                                "condition.children[2].value: must be a whole number of days from 1 to 3650",
                                "condition.children[3].value: from must not be after to"));
    }

    @Test
    void aParsedConditionWritesBackToTheSameTree() {
        String json = "{\"type\":\"and\",\"children\":[{\"type\":\"field\",\"field\":\"tags\",\"op\":\"includes\",\"value\":\""
                + UUID.randomUUID() + "\"},{\"type\":\"order\",\"measure\":\"amount\",\"op\":\"between\",\"value\":[10,20],"
                + "\"shopId\":null,\"category\":\"美妆\",\"sku\":null,\"withinDays\":30}]}";
        Condition c = parse(json);
        assertThat(parse(ConditionJson.write(c).toString())).isEqualTo(c);
    }
}
