package io.liuliang.segment;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.shared.CustomerId;
import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentIntegrationTests extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private ApplicationEventPublisher publisher;
    @Autowired
    private TransactionTemplate tx;

    private ApiClient operator;
    private SegmentFixtures data;
    private String province;

    @BeforeEach
    void setUp() {
        operator = signedIn("OPERATOR");
        data = new SegmentFixtures(operator, jdbc, uniqueName("分群店"));
        province = uniqueName("省");
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private String inProvince(String... more) {
        StringBuilder sb = new StringBuilder("{\"type\":\"and\",\"children\":[{\"type\":\"field\",\"field\":\"province\",\"op\":\"eq\",\"value\":\"")
                .append(province).append("\"}");
        for (String m : more) {
            sb.append(",").append(m);
        }
        return sb.append("]}").toString();
    }

    private JsonNode createSegment(String name, String kind, String condition) {
        ApiClient.Response r = operator.post("/api/v1/segments", Map.of("name", name, "kind", kind, "condition", json(condition)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        SegmentFixtures.awaitJob(operator, r.json().path("refreshJobId").asString());
        return r.json();
    }

    private boolean member(String segment, UUID customer) {
        return jdbc.sql("SELECT count(*) FROM segment_member WHERE segment_id = ?::uuid AND customer_id = ?")
                .params(segment, customer).query(Long.class).single() > 0;
    }

    @Test
    void badConditionsAreRejectedWithTheirPath() {
        ApiClient.Response r = operator.post("/api/v1/segments:preview", Map.of("condition", json("""
                {"type":"and","children":[
                  {"type":"field","field":"province","op":"eq","value":"浙江"},
                  {"type":"field","field":"net_spent","op":"gte","value":"lots"},
                  {"type":"field","field":"shoe_size","op":"eq","value":42},
                  {"type":"or","children":[]},
                  {"type":"event","event":"add_to_cart","times":0},
                  {"type":"field","field":"lifecycle_stage","op":"in","value":["active","sleepy"]}]}""")));
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.problemSlug()).isEqualTo("validation");
        List<String> errors = new ArrayList<>();
        r.json().path("errors").forEach(e -> errors.add(e.path("field").asString() + ": " + e.path("message").asString()));
        assertThat(errors).contains("condition.children[1].value: must be a number",
                "condition.children[2].field: unknown field shoe_size",
                "condition.children[3].children: must hold at least one condition",
                "condition.children[5].value[1]: must be one of prospect, new, active, at_risk, dormant, lost");
        assertThat(errors).anyMatch(e -> e.startsWith("condition.children[4].times:"));
        assertThat(errors).anyMatch(e -> e.startsWith("condition.children[4].withinDays:"));
        // each also has a stable code and the values of its wording, for the console to word it in the user's language
        List<String> codes = new ArrayList<>();
        r.json().path("errors").forEach(e -> codes.add(e.path("field").asString() + " " + e.path("code").asString() + " "
                + (e.has("params") ? e.path("params").toString() : "{}")));
        assertThat(codes).containsExactlyInAnyOrder("condition.children[1].value segment.number {}",
                "condition.children[2].field segment.unknownField {\"field\":\"shoe_size\"}",
                "condition.children[3].children segment.childrenEmpty {}",
                "condition.children[4].times segment.times {\"max\":\"10000\"}",
                "condition.children[4].withinDays segment.daysRequired {\"max\":\"3650\"}",
                "condition.children[5].value[1] segment.option {\"choices\":\"prospect, new, active, at_risk, dormant, lost\"}");
        // not JSON objects at all, and a reference to a segment that does not exist
        assertThat(operator.post("/api/v1/segments:preview", Map.of("condition", "x")).status()).isEqualTo(400);
        ApiClient.Response missing = operator.post("/api/v1/segments:preview", Map.of("condition", json(
                "{\"type\":\"field\",\"field\":\"segments\",\"op\":\"includes\",\"value\":\"" + UUID.randomUUID() + "\"}")));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("does not exist");
        assertThat(missing.json().path("errors").get(0).path("code").asString()).isEqualTo("segment.segmentMissing");
        assertThat(signedIn("AGENT").post("/api/v1/segments:preview", Map.of("condition", json(inProvince()))).status())
                .isEqualTo(403);
    }

    @Test
    void aPreviewCountsAndShowsMaskedSamples() {
        UUID rich = data.customer("富客", province, "杭州");
        UUID rich2 = data.customer("富客二", province, "宁波");
        UUID poor = data.customer("穷客", province, "杭州");
        data.metrics(rich, 3, "900.00", "active", Instant.now(), "high_value", "美妆");
        data.metrics(rich2, 2, "300.00", "active", Instant.now(), "high_value", "美妆");
        data.metrics(poor, 1, "20.00", "new", Instant.now(), "new_customer", "食品");
        ApiClient.Response r = operator.post("/api/v1/segments:preview", Map.of("condition", json(inProvince(
                "{\"type\":\"field\",\"field\":\"net_spent\",\"op\":\"gte\",\"value\":100}",
                "{\"type\":\"field\",\"field\":\"lifecycle_stage\",\"op\":\"in\",\"value\":[\"active\",\"at_risk\"]}"))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("count").asLong()).isEqualTo(2);
        JsonNode sample = r.json().path("sample");
        assertThat(sample.size()).isEqualTo(2);
        List<String> ids = new ArrayList<>();
        sample.forEach(s -> ids.add(s.path("id").asString()));
        assertThat(ids).containsExactlyInAnyOrder(rich.toString(), rich2.toString());
        assertThat(sample.get(0).path("phone").asString()).contains("****");
        // a customer without a metrics row is a prospect
        UUID prospect = data.customer("路人", province, null);
        JsonNode prospects = operator.post("/api/v1/segments:preview", Map.of("condition", json(inProvince(
                "{\"type\":\"field\",\"field\":\"lifecycle_stage\",\"op\":\"eq\",\"value\":\"prospect\"}")))).json();
        assertThat(prospects.path("count").asLong()).isEqualTo(1);
        assertThat(prospects.path("sample").get(0).path("id").asString()).isEqualTo(prospect.toString());
    }

    @Test
    void newEventsMoveACustomerIntoADynamicSegmentAndTheEntryIsLogged() {
        UUID shopper = data.customer("加购达人", province, "上海");
        UUID other = data.customer("看客", province, "上海");
        JsonNode segment = createSegment(uniqueName("加购两次"), "dynamic", inProvince("""
                {"type":"event","event":"add_to_cart","did":true,"times":2,"withinDays":7,
                 "properties":[{"property":"price","op":"gt","value":50}]}"""));
        String id = segment.path("id").asString();
        assertThat(segment.path("memberCount").asLong()).isZero();
        // whole milliseconds, as clients send them
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        data.event(shopper, "add_to_cart", now.minus(1, ChronoUnit.HOURS), Map.of("sku", "A1", "price", 89.9));
        data.event(other, "add_to_cart", now.minus(1, ChronoUnit.HOURS), Map.of("sku", "A1", "price", 19.9));
        data.event(other, "add_to_cart", now.minus(2, ChronoUnit.HOURS), Map.of("sku", "A2", "price", 29.9));
        data.event(shopper, "add_to_cart", now.minus(2, ChronoUnit.HOURS), Map.of("sku", "A2", "price", 99));
        SegmentFixtures.await("the shopper enters", Duration.ofSeconds(5), () -> member(id, shopper));
        assertThat(member(id, other)).isFalse();
        JsonNode changes = operator.get("/api/v1/segments/" + id + "/changes").json().path("items");
        assertThat(changes.size()).isEqualTo(1);
        assertThat(changes.get(0).path("customerId").asString()).isEqualTo(shopper.toString());
        assertThat(changes.get(0).path("change").asString()).isEqualTo("entered");
        assertThat(operator.get("/api/v1/segments/" + id).json().path("memberCount").asLong()).isEqualTo(1);
        JsonNode members = operator.get("/api/v1/segments/" + id + "/members").json().path("items");
        assertThat(members.get(0).path("customerId").asString()).isEqualTo(shopper.toString());
    }

    @Test
    void changedMetricsMoveCustomersInAndOutWithinSeconds() {
        UUID customer = data.customer("活跃客", province, "苏州");
        data.metrics(customer, 1, "50.00", "new", Instant.now(), "new_customer", null);
        JsonNode segment = createSegment(uniqueName("活跃客户"), "dynamic", inProvince(
                "{\"type\":\"field\",\"field\":\"lifecycle_stage\",\"op\":\"eq\",\"value\":\"active\"}"));
        String id = segment.path("id").asString();
        assertThat(member(id, customer)).isFalse();

        metricsChange(customer, "active");
        SegmentFixtures.await("the customer enters", Duration.ofSeconds(5), () -> member(id, customer));
        metricsChange(customer, "dormant");
        SegmentFixtures.await("the customer exits", Duration.ofSeconds(5), () -> !member(id, customer));

        List<String> log = jdbc.sql("SELECT change FROM segment_membership_change WHERE segment_id = ?::uuid ORDER BY seq")
                .param(id).query(String.class).list();
        assertThat(log).containsExactly("entered", "exited");
        JsonNode sizes = operator.get("/api/v1/segments/" + id + "/sizes").json();
        assertThat(sizes.size()).isPositive();
        assertThat(sizes.get(sizes.size() - 1).path("size").asLong()).isZero();
        // the same data, the same answer: a full refresh changes nothing
        SegmentFixtures.awaitJob(operator, operator.post("/api/v1/segments/" + id + ":refresh", null).json().path("jobId").asString());
        assertThat(jdbc.sql("SELECT count(*) FROM segment_membership_change WHERE segment_id = ?::uuid").param(id)
                .query(Long.class).single()).isEqualTo(2);
    }

    private void metricsChange(UUID customer, String stage) {
        tx.executeWithoutResult(s -> {
            jdbc.sql("UPDATE customer_metrics_base SET lifecycle_stage = ? WHERE customer_id = ?").params(stage, customer).update();
            publisher.publishEvent(new CustomerMetricsChanged(java.util.Set.of(new CustomerId(customer))));
        });
    }

    @Test
    void segmentsReferringToEachOtherInACycleAreRefusedAndUsedSegmentsStay() {
        JsonNode a = createSegment(uniqueName("A"), "dynamic", inProvince());
        JsonNode b = createSegment(uniqueName("B"), "dynamic", inProvince(
                "{\"type\":\"field\",\"field\":\"segments\",\"op\":\"includes\",\"value\":\"" + a.path("id").asString() + "\"}"));
        ApiClient.Response cycle = operator.put("/api/v1/segments/" + a.path("id").asString(), Map.of("name", a.path("name").asString(),
                "condition", json(inProvince("{\"type\":\"field\",\"field\":\"segments\",\"op\":\"excludes\",\"value\":\""
                        + b.path("id").asString() + "\"}"))));
        assertThat(cycle.status()).as(cycle.body()).isEqualTo(400);
        assertThat(cycle.body()).contains("cycle");
        assertThat(cycle.json().path("errors").get(0).path("code").asString()).isEqualTo("segment.cycle");
        assertThat(operator.delete("/api/v1/segments/" + a.path("id").asString()).status()).isEqualTo(409);
        assertThat(operator.delete("/api/v1/segments/" + b.path("id").asString()).status()).isEqualTo(204);
        assertThat(operator.delete("/api/v1/segments/" + a.path("id").asString()).status()).isEqualTo(204);
    }

    @Test
    void exportsAreMaskedUnlessTheCallerMayReadPersonalData() {
        UUID customer = data.customer("导出客", province, "杭州");
        String phone = jdbc.sql("SELECT value_masked FROM customer_identity WHERE customer_id = ? AND type = 'phone'")
                .param(customer).query(String.class).single();
        JsonNode segment = createSegment(uniqueName("导出"), "static", inProvince());
        String id = segment.path("id").asString();
        assertThat(member(id, customer)).isTrue();

        String masked = download(operator, operator.post("/api/v1/segments/" + id + ":export", null).json().path("jobId").asString());
        assertThat(masked).contains(customer.toString()).contains(phone).contains("导出客");

        ApiClient admin = signedIn("ADMIN");
        String revealedJob = admin.post("/api/v1/segments/" + id + ":export", null).json().path("jobId").asString();
        String revealed = download(admin, revealedJob);
        assertThat(revealed).contains(customer.toString()).doesNotContain(phone).containsPattern("\\+8613\\d{9}");
        SegmentFixtures.awaitJob(operator, revealedJob);
        assertThat(operator.getBytes("/api/v1/jobs/" + revealedJob + "/result").statusCode()).isEqualTo(403);
    }

    private static String download(ApiClient api, String jobId) {
        SegmentFixtures.awaitJob(api, jobId);
        var response = api.getBytes("/api/v1/jobs/" + jobId + "/result");
        assertThat(response.statusCode()).isEqualTo(200);
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    @Test
    void theFieldCatalogListsTypedFields() {
        JsonNode catalog = operator.get("/api/v1/segments/fields").json();
        JsonNode netSpent = null;
        for (JsonNode f : catalog.path("fields")) {
            if (f.path("key").asString().equals("net_spent")) {
                netSpent = f;
            }
        }
        assertThat(netSpent).isNotNull();
        assertThat(netSpent.path("type").asString()).isEqualTo("number");
        assertThat(netSpent.path("operators").toString()).contains("gte", "between");
        assertThat(catalog.path("eventTypes").toString()).contains("add_to_cart");
    }
}
