package io.liuliang.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static io.liuliang.journey.JourneyTestSupport.await;
import static io.liuliang.journey.JourneyTestSupport.fastForward;
import static io.liuliang.journey.JourneyTestSupport.graph;
import static org.assertj.core.api.Assertions.assertThat;

/** Journeys through the API against the embedded PostgreSQL: definitions, versions, the engine, entries, goals. */
class JourneyIntegrationTests extends IntegrationTest {

    private ApiClient operator;
    private String shop;

    @BeforeEach
    void setUp() {
        operator = signedIn("OPERATOR");
        shop = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("旅程店"))).json()
                .path("id").asString();
    }

    private String customer(String name) {
        ApiClient.Response r = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "wechat_unionid", "value", "u-" + UUID.randomUUID())),
                "traits", Map.of("displayName", name)));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("customerId").asString();
    }

    private String tag() {
        ApiClient.Response r = operator.post("/api/v1/tags", Map.of("name", uniqueName("旅程标签"), "kind", "manual"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    private JsonNode create(Map<String, Object> definition) {
        ApiClient.Response r = operator.post("/api/v1/journeys", Map.of("name", uniqueName("旅程"), "definition", definition));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private String published(Map<String, Object> definition) {
        String id = create(definition).path("id").asString();
        ApiClient.Response p = operator.post("/api/v1/journeys/" + id + ":publish", Map.of());
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        assertThat(p.json().path("status").asString()).isEqualTo("active");
        return id;
    }

    private JsonNode enrol(String journey, String requestId, String... customers) {
        ApiClient.Response r = operator.post("/api/v1/journeys/" + journey + "/enrolments",
                Map.of("customerIds", List.of(customers), "requestId", requestId));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String state(String journey, String customer) {
        List<String> s = jdbc.sql("SELECT state FROM journey_enrolment WHERE journey_id = ?::uuid AND customer_id = ?::uuid "
                + "ORDER BY entered_at DESC LIMIT 1").params(journey, customer).query(String.class).list();
        return s.isEmpty() ? null : s.get(0);
    }

    private String node(String journey, String customer) {
        return jdbc.sql("SELECT node_id FROM journey_enrolment WHERE journey_id = ?::uuid AND customer_id = ?::uuid "
                + "ORDER BY entered_at DESC LIMIT 1").params(journey, customer).query(String.class).single();
    }

    private boolean hasTag(String customer, String tag) {
        return jdbc.sql("SELECT count(*) FROM customer_tag WHERE customer_id = ?::uuid AND tag_id = ?::uuid")
                .params(customer, tag).query(Long.class).single() > 0;
    }

    private JsonNode stats(String journey) {
        return operator.get("/api/v1/journeys/" + journey + "/stats").json();
    }

    @Test
    void enrolmentsAreListedNewestFirstPageByPage() throws Exception {
        String journey = published(graph("api")
                .node("hold", "wait", Map.of("mode", "duration", "minutes", 60))
                .node("done", "exit", Map.of())
                .edge("entry", "next", "hold")
                .edge("hold", "next", "done")
                .build());
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String c = customer("排序" + i);
            customers.add(c);
            enrol(journey, UUID.randomUUID().toString(), c);
            Thread.sleep(5);
        }
        JsonNode first = operator.get("/api/v1/journeys/" + journey + "/enrolments?limit=2").json();
        assertThat(first.path("items").valueStream().map(e -> e.path("customerId").asString()).toList())
                .containsExactly(customers.get(2), customers.get(1));
        assertThat(first.path("items").get(0).path("customerName").asString()).isEqualTo("排序2");
        String cursor = first.path("nextCursor").asString();
        assertThat(cursor).isNotBlank();
        JsonNode second = operator.get("/api/v1/journeys/" + journey + "/enrolments?limit=2&cursor=" + cursor).json();
        assertThat(second.path("items").valueStream().map(e -> e.path("customerId").asString()).toList())
                .containsExactly(customers.get(0));
        assertThat(second.path("nextCursor").isNull() || second.path("nextCursor").isMissingNode()).isTrue();
        JsonNode one = operator.get("/api/v1/journeys/" + journey + "/enrolments?state=active&customerId=" + customers.get(1))
                .json();
        assertThat(one.path("items")).hasSize(1);
        assertThat(operator.get("/api/v1/journeys/" + journey + "/enrolments?cursor=not-a-cursor").status()).isEqualTo(400);
        assertThat(operator.get("/api/v1/journeys/" + journey + "/enrolments?state=sleeping").status()).isEqualTo(400);
    }

    @Test
    void validationNamesEveryBrokenNodeAndEdgeAndPublishingRefusesIt() {
        Map<String, Object> d = graph("api")
                .node("wait", "wait", Map.of("mode", "duration"))
                .node("split", "split", Map.of("variants", List.of(Map.of("key", "A", "percent", 60)), "holdoutPercent", 10))
                .node("lonely", "exit", Map.of())
                .node("loopA", "add_tag", Map.of("tagId", UUID.randomUUID().toString()))
                .edge("entry", "next", "wait")
                .edge("wait", "next", "split")
                .edge("split", "variant:B", "lonely")
                .build();
        String id = create(d).path("id").asString();
        JsonNode v = operator.post("/api/v1/journeys/" + id + ":validate", Map.of()).json();
        assertThat(v.path("valid").asBoolean()).isFalse();
        List<String> fields = v.path("errors").valueStream().map(e -> e.path("field").asString() + " " + e.path("message").asString()).toList();
        assertThat(fields).anySatisfy(f -> assertThat(f).startsWith("nodes[wait].config.minutes"));
        assertThat(fields).anySatisfy(f -> assertThat(f).startsWith("nodes[split].config.variants").contains("add up to 100"));
        // each problem also has a stable code and the values of its wording, for the console to word it in the user's language
        assertThat(v.path("errors").valueStream()).allSatisfy(e -> assertThat(e.path("code").asString()).startsWith("journey."));
        assertThat(v.path("errors").valueStream().map(JourneyIntegrationTests::coded))
                .contains("nodes[wait].config.minutes journey.minutesRequired {}",
                        "nodes[split].config.variants journey.percentSum {\"sum\":\"70\"}",
                        "nodes[lonely] journey.unreachable {}");

        Map<String, Object> graphOnly = graph("api")
                .node("tagit", "add_tag", Map.of("tagId", tag()))
                .node("done", "exit", Map.of())
                .node("island", "exit", Map.of())
                .node("a", "wait", Map.of("mode", "duration", "minutes", 5))
                .node("b", "wait", Map.of("mode", "duration", "minutes", 5))
                .edge("entry", "next", "tagit")
                .edge("a", "next", "b")
                .edge("b", "next", "a")
                .build();
        String id2 = create(graphOnly).path("id").asString();
        List<String> errors = operator.post("/api/v1/journeys/" + id2 + ":validate", Map.of()).json().path("errors")
                .valueStream().map(e -> e.path("field").asString() + " " + e.path("message").asString()).toList();
        assertThat(errors).anySatisfy(e -> assertThat(e).isEqualTo("nodes[tagit] has no outgoing edge for next (every path must end in an exit node)"));
        assertThat(errors).anySatisfy(e -> assertThat(e).isEqualTo("nodes[island] cannot be reached from the entry"));
        assertThat(errors).anySatisfy(e -> assertThat(e).contains("loop"));
        ApiClient.Response publish = operator.post("/api/v1/journeys/" + id2 + ":publish", Map.of());
        assertThat(publish.status()).isEqualTo(400);
        assertThat(publish.problemSlug()).isEqualTo("validation");
        assertThat(publish.json().path("errors").valueStream().map(JourneyIntegrationTests::coded)).contains(
                "nodes[tagit] journey.deadEnd {\"handle\":\"next\"}", "nodes[island] journey.unreachable {}",
                "nodes[a] journey.cycle {\"from\":\"b\"}");
        assertThat(operator.get("/api/v1/journeys/" + id2).json().path("status").asString()).isEqualTo("draft");

        String missingTag = UUID.randomUUID().toString();
        Map<String, Object> unknownTag = graph("api").node("t", "add_tag", Map.of("tagId", missingTag))
                .node("x", "exit", Map.of()).edge("entry", "next", "t").edge("t", "next", "x").build();
        String id3 = create(unknownTag).path("id").asString();
        JsonNode e3 = operator.post("/api/v1/journeys/" + id3 + ":validate", Map.of()).json();
        assertThat(e3.path("errors").get(0).path("field").asString()).isEqualTo("nodes[t].config.tagId");
        assertThat(e3.path("errors").get(0).path("message").asString()).contains("does not exist");
        assertThat(e3.path("errors").get(0).path("code").asString()).isEqualTo("journey.tagMissing");
        assertThat(e3.path("errors").get(0).path("params").path("id").asString()).isEqualTo(missingTag);

        Map<String, Object> unknownTemplate = graph("api").node("m", "send_message", Map.of("templateId", UUID.randomUUID().toString()))
                .node("x", "exit", Map.of()).edge("entry", "next", "m").edge("m", "next", "x").build();
        String id4 = create(unknownTemplate).path("id").asString();
        JsonNode e4 = operator.post("/api/v1/journeys/" + id4 + ":validate", Map.of()).json();
        assertThat(e4.path("errors").get(0).path("field").asString()).isEqualTo("nodes[m].config.templateId");
        assertThat(e4.path("errors").get(0).path("message").asString()).startsWith("message template").contains("does not exist");
        assertThat(e4.path("errors").get(0).path("code").asString()).isEqualTo("journey.messageTemplateMissing");

        // a problem without a code (an enrolment request's) says nothing more than before
        ApiClient.Response noCustomers = operator.post("/api/v1/journeys/" + id4 + "/enrolments",
                Map.of("customerIds", List.of(), "requestId", "r-" + UUID.randomUUID()));
        assertThat(noCustomers.status()).as(noCustomers.body()).isEqualTo(400);
        JsonNode uncoded = noCustomers.json().path("errors").get(0);
        assertThat(uncoded.propertyNames()).containsExactly("field", "message");
    }

    /** A field error as "field code {params}". */
    private static String coded(JsonNode e) {
        return e.path("field").asString() + " " + e.path("code").asString() + " "
                + (e.has("params") ? e.path("params").toString() : "{}");
    }

    @Test
    void aBrokenConditionSplitIsReportedUnderItsNodeWithTheConditionModelsCodes() {
        String missingTag = UUID.randomUUID().toString();
        Map<String, Object> broken = Map.of("type", "and", "children", List.of(
                Map.of("type", "field", "field", "shoe_size", "op", "eq", "value", 42),
                Map.of("type", "field", "field", "net_spent", "op", "contains", "value", 1),
                Map.of("type", "order", "op", "gte", "value", 1, "withinDays", 0)));
        Map<String, Object> unknownTag = Map.of("type", "field", "field", "tags", "op", "includes", "value", missingTag);
        Map<String, Object> d = graph("api")
                .node("check", "condition", Map.of("condition", broken))
                .node("check2", "condition", Map.of("condition", unknownTag))
                .node("x", "exit", Map.of())
                .node("y", "exit", Map.of())
                .node("z", "exit", Map.of())
                .edge("entry", "next", "check")
                .edge("check", "yes", "check2").edge("check", "no", "x")
                .edge("check2", "yes", "y").edge("check2", "no", "z")
                .build();
        String id = create(d).path("id").asString();
        JsonNode v = operator.post("/api/v1/journeys/" + id + ":validate", Map.of()).json();
        assertThat(v.path("valid").asBoolean()).isFalse();
        // the English messages are those of a segment's condition, under the node's path
        assertThat(v.path("errors").valueStream().map(e -> e.path("field").asString() + " " + e.path("message").asString()))
                .contains("nodes[check].config.condition.children[0].field unknown field shoe_size",
                        "nodes[check].config.condition.children[1].op must be one of eq, neq, lt, lte, gt, gte, between",
                        "nodes[check].config.condition.children[2].withinDays must be a whole number of days from 1 to 3650",
                        "nodes[check2].config.condition tag " + missingTag + " does not exist");
        // and each keeps the condition model's code and values, for the console to word it
        assertThat(v.path("errors").valueStream().map(JourneyIntegrationTests::coded)).containsExactlyInAnyOrder(
                "nodes[check].config.condition.children[0].field segment.unknownField {\"field\":\"shoe_size\"}",
                "nodes[check].config.condition.children[1].op segment.operator "
                        + "{\"choices\":\"eq, neq, lt, lte, gt, gte, between\"}",
                "nodes[check].config.condition.children[2].withinDays segment.days {\"max\":\"3650\"}",
                "nodes[check2].config.condition segment.tagMissing {\"id\":\"" + missingTag + "\"}");

        ApiClient.Response publish = operator.post("/api/v1/journeys/" + id + ":publish", Map.of());
        assertThat(publish.status()).isEqualTo(400);
        assertThat(publish.problemSlug()).isEqualTo("validation");
        assertThat(publish.json().path("errors").valueStream().map(JourneyIntegrationTests::coded))
                .contains("nodes[check2].config.condition segment.tagMissing {\"id\":\"" + missingTag + "\"}");
    }

    @Test
    void anEnrolledCustomerTravelsActionsWaitsAndAConditionAndEachActionHappensOnce() throws Exception {
        String vip = tag();
        String waited = tag();
        String notVip = tag();
        Map<String, Object> condition = Map.of("type", "and", "children", List.of(
                Map.of("type", "field", "field", "tags", "op", "includes", "value", vip)));
        Map<String, Object> d = graph("api").reentry("once", null)
                .node("give", "add_tag", Map.of("tagId", vip))
                .node("wait", "wait", Map.of("mode", "duration", "minutes", 60))
                .node("check", "condition", Map.of("condition", condition))
                .node("yes", "add_tag", Map.of("tagId", waited))
                .node("no", "add_tag", Map.of("tagId", notVip))
                .node("end", "exit", Map.of())
                .node("end2", "exit", Map.of())
                .edge("entry", "next", "give").edge("give", "next", "wait").edge("wait", "next", "check")
                .edge("check", "yes", "yes").edge("check", "no", "no").edge("yes", "next", "end").edge("no", "next", "end2")
                .build();
        String journey = published(d);
        String alice = customer("Alice");
        JsonNode first = enrol(journey, "r1", alice);
        assertThat(first.path("enrolled").asInt()).isEqualTo(1);
        await("the first action runs", () -> hasTag(alice, vip), () -> JourneyTestSupport.enrolments(jdbc, journey));
        await("she waits at the wait node", () -> "wait".equals(node(journey, alice)));
        assertThat(hasTag(alice, waited)).isFalse();
        // the same request again, and a new request: "once" lets her in only once
        assertThat(enrol(journey, "r1", alice).path("enrolled").asInt()).isZero();
        JsonNode again = enrol(journey, "r2", alice);
        assertThat(again.path("enrolled").asInt()).isZero();
        assertThat(again.path("skipped").get(0).path("reason").asString()).isEqualTo("already_enrolled");

        fastForward(jdbc, journey, Duration.ofMinutes(61));
        await("the wait ends and the condition sends her down yes", () -> "completed".equals(state(journey, alice)));
        assertThat(hasTag(alice, waited)).isTrue();
        assertThat(hasTag(alice, notVip)).isFalse();
        assertThat(node(journey, alice)).isEqualTo("end");
        JsonNode nodes = stats(journey).path("nodes");
        assertThat(nodes.path("entry").path("entered").asLong()).isEqualTo(1);
        assertThat(nodes.path("wait").path("entered").asLong()).isEqualTo(1);
        assertThat(nodes.path("wait").path("passed").asLong()).isEqualTo(1);
        assertThat(nodes.path("check").path("passed").asLong()).isEqualTo(1);
        assertThat(nodes.path("end").path("exited").asLong()).isEqualTo(1);
        assertThat(nodes.path("no").path("entered").asLong()).isZero();
        JsonNode mine = operator.get("/api/v1/customers/" + alice + "/journeys").json();
        assertThat(mine.get(0).path("journeyId").asString()).isEqualTo(journey);
        assertThat(mine.get(0).path("state").asString()).isEqualTo("completed");
    }

    @Test
    void anEventEntersCustomersWithinASecondAndFiltersAndRetriesDoNotDuplicate() throws Exception {
        String t = tag();
        Map<String, Object> entry = new HashMap<>();
        entry.put("kind", "event");
        entry.put("eventType", "add_to_cart");
        entry.put("filters", List.of(Map.of("property", "price", "operator", "gte", "value", "100")));
        String journey = published(graph(entry).node("t", "add_tag", Map.of("tagId", t)).node("x", "exit", Map.of())
                .edge("entry", "next", "t").edge("t", "next", "x").build());
        String bob = customer("Bob");
        String carol = customer("Carol");
        String eventId = "evt-" + UUID.randomUUID();
        Map<String, Object> big = Map.of("eventId", eventId, "type", "add_to_cart", "occurredAt", Instant.now().toString(),
                "customerId", bob, "properties", Map.of("sku", "A1", "price", 199));
        long sent = System.nanoTime();
        assertThat(operator.post("/api/v1/events", big).status()).isIn(200, 201);
        assertThat(operator.post("/api/v1/events", big).status()).isIn(200, 201);
        assertThat(operator.post("/api/v1/events", Map.of("eventId", "evt-" + UUID.randomUUID(), "type", "add_to_cart",
                "occurredAt", Instant.now().toString(), "customerId", carol, "properties", Map.of("price", 20))).status())
                .isIn(200, 201);
        await("Bob's cart starts the journey and its action runs", () -> hasTag(bob, t));
        long tookMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(tookMs).as("event to action").isLessThan(5_000);
        Thread.sleep(1_500);
        assertThat(jdbc.sql("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?::uuid").param(journey)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(hasTag(carol, t)).as("a cart under 100 does not match the filter").isFalse();
    }

    @Test
    void anOrderReachesTheGoalEndsTheEnrolmentAndIsAttributedWithItsRevenue() throws Exception {
        Map<String, Object> d = graph("api").goal(true)
                .node("wait", "wait", Map.of("mode", "duration", "minutes", 600))
                .node("x", "exit", Map.of())
                .edge("entry", "next", "wait").edge("wait", "next", "x").build();
        String journey = published(d);
        String buyer = "buyer-" + UUID.randomUUID();
        ApiClient.Response who = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "platform_buyer_id", "value", buyer, "shopId", shop)),
                "traits", Map.of("displayName", "Dave")));
        assertThat(who.status()).as(who.body()).isIn(200, 201);
        String owner = who.json().path("customerId").asString();
        enrol(journey, "g1", owner);
        await("waiting", () -> "wait".equals(node(journey, owner)));
        Map<String, Object> order = JourneyTestSupport.paidOrder(buyer, 288.0, "SKU-9", "面霜");
        ApiClient.Response put = operator.put("/api/v1/shops/" + shop + "/orders/J-" + UUID.randomUUID(), order);
        assertThat(put.status()).as(put.body()).isIn(200, 201);
        assertThat(put.json().path("customerId").asString()).isEqualTo(owner);
        await("the goal converts the enrolment", () -> "converted".equals(state(journey, owner)));
        JsonNode s = stats(journey);
        assertThat(s.path("totals").path("converted").asLong()).isEqualTo(1);
        assertThat(s.path("totals").path("revenue").decimalValue()).isEqualByComparingTo("288.00");
        assertThat(s.path("nodes").path("wait").path("converted").asLong()).isEqualTo(1);
    }

    @Test
    void aSplitIsStablePerCustomerWithAHoldoutThatLeaves() throws Exception {
        String a = tag();
        String b = tag();
        Map<String, Object> d = graph("api")
                .node("ab", "split", Map.of("variants", List.of(Map.of("key", "A", "percent", 45), Map.of("key", "B", "percent", 45)),
                        "holdoutPercent", 10))
                .node("ta", "add_tag", Map.of("tagId", a)).node("tb", "add_tag", Map.of("tagId", b))
                .node("xa", "exit", Map.of()).node("xb", "exit", Map.of())
                .edge("entry", "next", "ab").edge("ab", "variant:A", "ta").edge("ab", "variant:B", "tb")
                .edge("ta", "next", "xa").edge("tb", "next", "xb").build();
        String journey = published(d);
        List<String> people = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            people.add(customer("P" + i));
        }
        enrol(journey, "s1", people.toArray(String[]::new));
        await("all finish", () -> jdbc.sql("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?::uuid AND state = 'active'")
                .param(journey).query(Long.class).single() == 0);
        Map<String, Long> byVariant = new HashMap<>();
        jdbc.sql("SELECT variant, count(*) FROM journey_enrolment WHERE journey_id = ?::uuid GROUP BY variant").param(journey)
                .query(rs -> {
                    byVariant.put(rs.getString(1), rs.getLong(2));
                });
        assertThat(byVariant.keySet()).containsAnyOf("A", "B");
        assertThat(byVariant.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(60);
        for (String p : people) {
            String variant = jdbc.sql("SELECT variant FROM journey_enrolment WHERE journey_id = ?::uuid AND customer_id = ?::uuid")
                    .params(journey, p).query(String.class).single();
            assertThat(hasTag(p, a)).isEqualTo("A".equals(variant));
            assertThat(hasTag(p, b)).isEqualTo("B".equals(variant));
            if ("holdout".equals(variant)) {
                assertThat(state(journey, p)).isEqualTo("exited");
            }
            assertThat(JourneyEngine.bucket(UUID.fromString(journey), "ab", UUID.fromString(p)))
                    .isEqualTo(JourneyEngine.bucket(UUID.fromString(journey), "ab", UUID.fromString(p)));
        }
        JsonNode variants = stats(journey).path("variants");
        assertThat(variants.valueStream().mapToLong(v -> v.path("enrolled").asLong()).sum()).isEqualTo(60);
    }

    @Test
    void aNewVersionTakesNewEntriesWhileRunningOnesFinishOnTheirsAndPauseAndStopHold() throws Exception {
        String t1 = tag();
        String t2 = tag();
        Map<String, Object> v1 = graph("api").node("w", "wait", Map.of("mode", "duration", "minutes", 30))
                .node("t", "add_tag", Map.of("tagId", t1)).node("x", "exit", Map.of())
                .edge("entry", "next", "w").edge("w", "next", "t").edge("t", "next", "x").build();
        String journey = published(v1);
        String erin = customer("Erin");
        enrol(journey, "v1", erin);
        await("Erin waits on v1", () -> "w".equals(node(journey, erin)));
        Map<String, Object> v2 = graph("api").node("w", "wait", Map.of("mode", "duration", "minutes", 30))
                .node("t", "add_tag", Map.of("tagId", t2)).node("x", "exit", Map.of())
                .edge("entry", "next", "w").edge("w", "next", "t").edge("t", "next", "x").build();
        ApiClient.Response put = operator.put("/api/v1/journeys/" + journey, Map.of("name", uniqueName("旅程v2"), "definition", v2));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().path("hasDraftChanges").asBoolean()).isTrue();
        assertThat(operator.post("/api/v1/journeys/" + journey + ":publish", Map.of()).json().path("currentVersion").asInt()).isEqualTo(2);
        String frank = customer("Frank");
        enrol(journey, "v2", frank);
        await("Frank waits on v2", () -> "w".equals(node(journey, frank)));

        assertThat(operator.post("/api/v1/journeys/" + journey + ":pause", Map.of()).json().path("status").asString()).isEqualTo("paused");
        fastForward(jdbc, journey, Duration.ofMinutes(31));
        Thread.sleep(1_000);
        assertThat(hasTag(erin, t1)).as("a paused journey runs no step").isFalse();
        ApiClient.Response refused = operator.post("/api/v1/journeys/" + journey + "/enrolments",
                Map.of("customerIds", List.of(customer("Gina")), "requestId", "p1"));
        assertThat(refused.status()).isEqualTo(409);

        operator.post("/api/v1/journeys/" + journey + ":resume", Map.of());
        await("both finish, each on their own version", () -> hasTag(erin, t1) && hasTag(frank, t2));
        assertThat(hasTag(erin, t2)).isFalse();
        assertThat(hasTag(frank, t1)).isFalse();

        String hank = customer("Hank");
        enrol(journey, "v3", hank);
        await("Hank waits", () -> "w".equals(node(journey, hank)));
        assertThat(operator.post("/api/v1/journeys/" + journey + ":stop", Map.of()).json().path("status").asString()).isEqualTo("stopped");
        assertThat(state(journey, hank)).isEqualTo("exited");
        assertThat(operator.post("/api/v1/journeys/" + journey + ":resume", Map.of()).status()).isEqualTo(409);
    }

    @Test
    void playbooksInstallAsDraftsThatSayWhatIsMissing() {
        JsonNode list = operator.get("/api/v1/journey-playbooks").json();
        assertThat(list.valueStream().map(p -> p.path("key").asString()).toList()).contains("first_order_thanks",
                "cart_abandonment", "coupon_unused_7_days", "coupon_expiring_reminder", "winback_90_days", "birthday_gift", "review_request",
                "refund_care_call", "live_stream_reminder");
        ApiClient.Response r = operator.post("/api/v1/journey-playbooks/cart_abandonment:install", Map.of("lang", "en"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("id").asString();
        assertThat(r.json().path("status").asString()).isEqualTo("draft");
        JsonNode v = operator.post("/api/v1/journeys/" + id + ":validate", Map.of()).json();
        assertThat(v.path("errors").valueStream().map(e -> e.path("field").asString()).toList())
                .containsExactly("nodes[remind].config.templateId");
        ApiClient.Response refund = operator.post("/api/v1/journey-playbooks/refund_care_call:install", Map.of());
        String care = refund.json().path("id").asString();
        assertThat(operator.post("/api/v1/journeys/" + care + ":validate", Map.of()).json().path("valid").asBoolean()).isTrue();
        assertThat(operator.post("/api/v1/journey-playbooks/nope:install", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void aCouponUnusedForSevenDaysGetsOneReminderAndUsingItEndsTheJourney() throws Exception {
        Map<String, Object> t = new HashMap<>();
        t.put("name", uniqueName("七天券"));
        t.put("kind", "amount_off");
        t.put("threshold", 100);
        t.put("amountOff", 10);
        t.put("validityType", "relative");
        t.put("validDays", 30);
        ApiClient.Response coupon = operator.post("/api/v1/coupon-templates", t);
        assertThat(coupon.status()).as(coupon.body()).isEqualTo(201);
        String couponTemplate = coupon.json().path("id").asString();
        String channel = operator.post("/api/v1/messaging/channels", Map.of("type", "webhook", "name", uniqueName("提醒回调"),
                "webhook", Map.of("url", "http://127.0.0.1:9/unused", "secret", "reminder-secret-0123"))).json().path("id").asString();
        String template = operator.post("/api/v1/messaging/templates", Map.of("channelId", channel, "purpose", "service",
                "name", uniqueName("用券提醒"), "body", "{{customer.name}}，您的券还没用")).json().path("id").asString();
        ApiClient.Response installed = operator.post("/api/v1/journey-playbooks/coupon_unused_7_days:install",
                Map.of("name", uniqueName("七天未用券")));
        String journey = installed.json().path("id").asString();
        tools.jackson.databind.node.ObjectNode d = (tools.jackson.databind.node.ObjectNode) installed.json().path("definition");
        ((tools.jackson.databind.node.ObjectNode) d.path("entry")).put("templateId", couponTemplate);
        for (JsonNode n : d.path("nodes")) {
            if (n.path("id").asString().equals("remind")) {
                ((tools.jackson.databind.node.ObjectNode) n.path("config")).put("templateId", template);
            }
        }
        assertThat(operator.put("/api/v1/journeys/" + journey, Map.of("name", installed.json().path("name").asString(),
                "definition", d)).status()).isEqualTo(200);
        ApiClient.Response published = operator.post("/api/v1/journeys/" + journey + ":publish", Map.of());
        assertThat(published.status()).as(published.body()).isEqualTo(200);

        String user = customer("用券的人");
        String forgetful = customer("忘了用券的人");
        JsonNode issued = operator.post("/api/v1/coupon-templates/" + couponTemplate + ":issue",
                Map.of("customerIds", List.of(user, forgetful), "requestId", UUID.randomUUID().toString())).json();
        String code = issued.path("results").get(0).path("code").asString();
        await("both wait for their coupon to be used", () -> {
            List<String> at = jdbc.sql("SELECT node_id FROM journey_enrolment WHERE journey_id = ?::uuid").param(journey)
                    .query(String.class).list();
            return at.size() == 2 && at.stream().allMatch("wait"::equals);
        }, () -> JourneyTestSupport.enrolments(jdbc, journey));
        ApiClient.Response redeemed = operator.post("/api/v1/coupons/" + code + ":redeem", Map.of("shopId", shop,
                "orderId", "U-" + UUID.randomUUID(), "orderAmount", 199, "customerId", user));
        assertThat(redeemed.status()).as(redeemed.body()).isEqualTo(200);
        await("using the coupon ends her journey", () -> "completed".equals(state(journey, user)),
                () -> JourneyTestSupport.enrolments(jdbc, journey));
        assertThat(node(journey, user)).isEqualTo("used");

        fastForward(jdbc, journey, Duration.ofDays(7).plusMinutes(1));
        await("the other gets the reminder and leaves", () -> "completed".equals(state(journey, forgetful)),
                () -> JourneyTestSupport.enrolments(jdbc, journey));
        assertThat(node(journey, forgetful)).isEqualTo("end");
        assertThat(jdbc.sql("SELECT count(*) FROM msg_delivery WHERE source_ref LIKE ? AND customer_id = ?::uuid")
                .params(journey + ":%", forgetful).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM msg_delivery WHERE source_ref LIKE ? AND customer_id = ?::uuid")
                .params(journey + ":%", user).query(Long.class).single()).isZero();
    }

    @Test
    void theEnrolmentLimitAndTheReentryWindowHold() throws Exception {
        Map<String, Object> limited = graph("api").limit(2).node("w", "wait", Map.of("mode", "duration", "minutes", 30))
                .node("x", "exit", Map.of()).edge("entry", "next", "w").edge("w", "next", "x").build();
        String journey = published(limited);
        JsonNode r = enrol(journey, "l1", customer("L1"), customer("L2"), customer("L3"));
        assertThat(r.path("enrolled").asInt()).isEqualTo(2);
        assertThat(r.path("skipped").get(0).path("reason").asString()).isEqualTo("limit_reached");

        Map<String, Object> weekly = graph("api").reentry("once_per_days", 7).node("x", "exit", Map.of())
                .edge("entry", "next", "x").build();
        String again = published(weekly);
        String ivy = customer("Ivy");
        assertThat(enrol(again, "w1", ivy).path("enrolled").asInt()).isEqualTo(1);
        await("Ivy finishes", () -> "completed".equals(state(again, ivy)));
        JsonNode second = enrol(again, "w2", ivy);
        assertThat(second.path("enrolled").asInt()).isZero();
        assertThat(second.path("skipped").get(0).path("reason").asString()).isEqualTo("reentry_rule");
        jdbc.sql("UPDATE journey_enrolment SET entered_at = entered_at - interval '8 days' WHERE journey_id = ?::uuid")
                .param(again).update();
        assertThat(enrol(again, "w3", ivy).path("enrolled").asInt()).as("a week later she may enter again").isEqualTo(1);
    }

    @Test
    void aFollowUpTaskIsCompletedByItsAssigneeButNotByAnotherAgent() throws Exception {
        String agentName = uniqueName("agent");
        createUser(agentName, List.of("AGENT"), false);
        ApiClient agent = new ApiClient(port);
        assertThat(agent.login(agentName, PASSWORD).status()).isEqualTo(200);
        ApiClient other = signedIn("AGENT");
        Map<String, Object> task = new HashMap<>();
        task.put("title", "退款回访");
        task.put("assignee", agentName);
        task.put("dueInHours", 24);
        String journey = published(graph("api").node("call", "create_task", task).node("x", "exit", Map.of())
                .edge("entry", "next", "call").edge("call", "next", "x").build());
        String customer = customer("Kim");
        enrol(journey, "t1", customer);
        await("the task is created", () -> jdbc.sql("SELECT count(*) FROM journey_task WHERE journey_id = ?::uuid")
                .param(journey).query(Long.class).single() == 1);
        JsonNode mine = agent.get("/api/v1/journey-tasks?status=open&assignee=" + agentName).json().path("items");
        assertThat(mine.size()).isEqualTo(1);
        String id = mine.get(0).path("id").asString();
        assertThat(mine.get(0).path("customerName").asString()).isEqualTo("Kim");
        assertThat(other.post("/api/v1/journey-tasks/" + id + ":complete", Map.of()).status()).isEqualTo(403);
        ApiClient.Response done = agent.post("/api/v1/journey-tasks/" + id + ":complete", Map.of());
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("status").asString()).isEqualTo("done");
        assertThat(done.json().path("doneBy").asString()).isEqualTo(agentName);
        assertThat(agent.post("/api/v1/journeys", Map.of("name", "x", "definition", graph("api").build())).status()).isEqualTo(403);
    }

    @Test
    void aWebhookNodePostsASignedBodyOnceAndRetriesAFailingReceiver() throws Exception {
        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> signatures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/crm-hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            // the first call fails: the dispatcher must try again
            int n = calls.incrementAndGet();
            if (n > 1) {
                bodies.add(body);
                signatures.add(exchange.getRequestHeaders().getFirst("X-Liuliang-Signature"));
            }
            exchange.sendResponseHeaders(n == 1 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String secret = "hook-secret-" + UUID.randomUUID();
            String journey = published(graph("api").node("hook", "webhook", Map.of("url",
                            "http://127.0.0.1:" + receiver.getAddress().getPort() + "/crm-hook", "secret", secret))
                    .node("x", "exit", Map.of()).edge("entry", "next", "hook").edge("hook", "next", "x").build());
            String lee = customer("Lee");
            enrol(journey, "h1", lee);
            await("the enrolment passes the webhook node", () -> "completed".equals(state(journey, lee)));
            // the failed call waits out its back-off; bring it forward instead of sleeping 15 s
            await("the first call fails", () -> calls.get() >= 1);
            jdbc.sql("UPDATE journey_webhook SET next_at = now() WHERE journey_id = ?::uuid AND status = 'queued'").param(journey).update();
            await("the retry is received", () -> bodies.size() == 1);
            // readers see the journey, not the receiver's secret
            JsonNode asRead = signedIn("ANALYST").get("/api/v1/journeys/" + journey).json();
            assertThat(asRead.path("definition").path("nodes").get(1).path("config").path("secret").asString()).isEqualTo("••••••");
            assertThat(operator.get("/api/v1/journeys/" + journey).json().path("definition").path("nodes").get(1)
                    .path("config").path("secret").asString()).isEqualTo(secret);
            JsonNode body = tools.jackson.databind.json.JsonMapper.builder().build().readTree(bodies.get(0));
            assertThat(body.path("customerId").asString()).isEqualTo(lee);
            assertThat(body.path("journeyId").asString()).isEqualTo(journey);
            assertThat(signatures.get(0)).isEqualTo(io.liuliang.shared.WebhookSignature.of(secret, bodies.get(0)));
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(signatures.get(0)).isEqualTo("sha256=" + java.util.HexFormat.of()
                    .formatHex(mac.doFinal(bodies.get(0).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            await("the call is marked sent", () -> "sent".equals(jdbc.sql("SELECT status FROM journey_webhook WHERE journey_id = ?::uuid")
                    .param(journey).query(String.class).single()));
            // the secret is encrypted at rest: in the draft, the published version and the outbox
            assertThat(jdbc.sql("SELECT draft::text FROM journey WHERE id = ?::uuid").param(journey).query(String.class)
                    .single()).doesNotContain(secret).contains("enc:v1:");
            assertThat(jdbc.sql("SELECT definition::text FROM journey_version WHERE journey_id = ?::uuid").param(journey)
                    .query(String.class).single()).doesNotContain(secret).contains("enc:v1:");
            assertThat(jdbc.sql("SELECT secret FROM journey_webhook WHERE journey_id = ?::uuid").param(journey)
                    .query(String.class).single()).doesNotContain(secret).startsWith("enc:v1:");
            Thread.sleep(1_500);
            assertThat(bodies).hasSize(1);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void readersCannotChangeJourneys() {
        ApiClient analyst = signedIn("ANALYST");
        assertThat(analyst.get("/api/v1/journeys").status()).isEqualTo(200);
        assertThat(analyst.post("/api/v1/journeys", Map.of("name", "x", "definition", graph("api").build())).status())
                .isEqualTo(403);
    }
}
