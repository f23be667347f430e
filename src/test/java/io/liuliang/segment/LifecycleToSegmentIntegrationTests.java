package io.liuliang.segment;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lifecycle stage moved by the passage of time (the daily recompute), not by a new order: the customer enters a
 * dynamic segment on that stage within seconds, not at the next hourly full pass.
 */
class LifecycleToSegmentIntegrationTests extends IntegrationTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);

    @Autowired
    private MetricsService metrics;
    @Autowired
    private MetricsSettingsStore settings;

    @Test
    void aCustomerWhoseStageTheDailyRecomputeMovesEntersTheSegmentOfThatStage() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        String shop = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("沉睡店")))
                .json().path("id").asString();
        String province = uniqueName("省");
        String buyer = uniqueName("tm");
        ApiClient.Response order = operator.put("/api/v1/shops/" + shop + "/orders/" + uniqueName("TM"), Map.of(
                "status", "completed", "orderedAt", Instant.now().minus(40, ChronoUnit.DAYS).toString(), "paidAmount", 100,
                "customer", Map.of("identities", List.of(Map.of("type", "platform_buyer_id", "value", buyer)),
                        "traits", Map.of("province", province)),
                "items", List.of(Map.of("sku", "MILK-900", "productName", "奶粉", "category", "母婴", "quantity", 1,
                        "unitPrice", 100))));
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        String customer = order.json().path("customerId").asString();
        SegmentFixtures.await("the customer's metrics", Duration.ofSeconds(10), () -> "active".equals(stage(customer)));

        String condition = "{\"type\":\"and\",\"children\":["
                + "{\"type\":\"field\",\"field\":\"province\",\"op\":\"eq\",\"value\":\"" + province + "\"},"
                + "{\"type\":\"field\",\"field\":\"lifecycle_stage\",\"op\":\"eq\",\"value\":\"dormant\"}]}";
        ApiClient.Response created = operator.post("/api/v1/segments", Map.of("name", uniqueName("沉睡待唤醒"),
                "kind", "dynamic", "condition", SegmentIntegrationTests.json(condition)));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String segment = created.json().path("id").asString();
        SegmentFixtures.awaitJob(operator, created.json().path("refreshJobId").asString());
        assertThat(changes(operator, segment).size()).isZero();

        // sixty days pass: the customer's last purchase is now a hundred days old (dormant after 90 by default)
        jdbc.sql("UPDATE customer_metrics_base SET first_order_date = first_order_date - 60, "
                + "last_order_date = last_order_date - 60 WHERE customer_id = ?::uuid").param(customer).update();
        Instant recomputed = Instant.now();
        MetricsService.Recompute daily = metrics.recomputeAll(settings.get());
        assertThat(daily.stageChanges()).isPositive();
        assertThat(stage(customer)).isEqualTo("dormant");

        Instant deadline = recomputed.plus(WITHIN);
        while (changes(operator, segment).size() == 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        JsonNode changes = changes(operator, segment);
        assertThat(changes.size()).as("entered within %s", WITHIN).isEqualTo(1);
        assertThat(changes.get(0).path("customerId").asString()).isEqualTo(customer);
        assertThat(changes.get(0).path("change").asString()).isEqualTo("entered");
    }

    private String stage(String customer) {
        return jdbc.sql("SELECT lifecycle_stage FROM customer_metrics_base WHERE customer_id = ?::uuid").param(customer)
                .query(String.class).optional().orElse(null);
    }

    private static JsonNode changes(ApiClient operator, String segment) {
        return operator.get("/api/v1/segments/" + segment + "/changes").json().path("items");
    }
}
