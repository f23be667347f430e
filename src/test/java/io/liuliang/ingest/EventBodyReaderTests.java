package io.liuliang.ingest;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ProblemType;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventBodyReaderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static EventBodyReader.Body read(String body, int maxBatch) {
        return EventBodyReader.read(JSON, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), maxBatch);
    }

    @Test
    void readsTheSameFieldsAsFromATree() {
        String event = """
                {"eventId": " e-1 ", "type": "product_view", "occurredAt": "2026-11-11T12:00:00Z", "customerId": 42,
                 "anonymousId": "", "shopId": {"nested": true}, "name": ["x"], "unknown": {"deep": [1, {"a": null}]},
                 "properties": {"sku": "奶粉-900", "price": 89.9, "tags": ["母婴"], "n": null},
                 "customer": {"identities": [{"type": "phone", "value": "13812345678"}], "traits": {"displayName": "小王"}}}""";
        EventBodyReader.Body body = read(event, 10);
        assertThat(body.batch()).isFalse();
        RawEvent streamed = body.items().get(0);
        RawEvent fromTree = RawEvent.of(JSON.readTree(event), JSON);
        assertThat(streamed).isEqualTo(fromTree);
        assertThat(streamed.eventId()).isEqualTo("e-1");
        assertThat(streamed.customerId()).isEqualTo("42");
        assertThat(streamed.anonymousId()).isNull();
        assertThat(streamed.shopId()).isNull();
        assertThat(streamed.name()).isNull();
        assertThat(JSON.readTree(streamed.properties())).isEqualTo(JSON.readTree(event).get("properties"));
        assertThat(streamed.customer().path("traits").path("displayName").asString()).isEqualTo("小王");
    }

    @Test
    void aBatchKeepsItsOrderAndMarksWhatIsNotAnObject() {
        EventBodyReader.Body body = read("""
                [{"eventId": "a", "properties": null}, "not an object", 7, [1, 2], {"eventId": "b", "properties": [1]}, {}]""", 10);
        assertThat(body.batch()).isTrue();
        List<RawEvent> items = body.items();
        assertThat(items).hasSize(6);
        assertThat(items.get(0).eventId()).isEqualTo("a");
        assertThat(items.get(0).properties()).isNull();
        assertThat(items.get(0).propertiesNotObject()).isFalse();
        assertThat(items.subList(1, 4)).allMatch(item -> !item.object());
        assertThat(items.get(4).propertiesNotObject()).isTrue();
        assertThat(items.get(5).object()).isTrue();
        assertThat(read("[]", 10).items()).isEmpty();
    }

    @Test
    void aBatchOverTheLimitIsRefusedWithItsSize() {
        assertThatThrownBy(() -> read("[{}, {}, {\"a\": [1]}, 4]", 3))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.VALIDATION);
                    assertThat(e.fieldErrors().get(0).message()).isEqualTo("a batch holds at most 3 events, this one 4");
                });
    }

    @Test
    void anythingButAnObjectOrAnArrayOrBrokenJsonIsMalformed() {
        for (String body : List.of("", "42", "\"event\"", "null", "[{\"eventId\": \"a\"", "{\"eventId\": }", "[1, 2")) {
            assertThatThrownBy(() -> read(body, 10)).as(body)
                    .isInstanceOfSatisfying(ApiProblemException.class,
                            e -> assertThat(e.type()).isEqualTo(ProblemType.MALFORMED_REQUEST));
        }
    }
}
