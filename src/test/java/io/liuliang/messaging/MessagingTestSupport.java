package io.liuliang.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What the messaging integration tests share: customers, channels, templates, sends, settings, waiting. */
abstract class MessagingTestSupport extends IntegrationTest {

    protected ApiClient operator;

    protected static String randomMobile() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    protected String customer(String name, String email, String phone) {
        List<Map<String, String>> identities = new java.util.ArrayList<>();
        identities.add(Map.of("type", "wechat_unionid", "value", "u-" + UUID.randomUUID()));
        if (email != null) {
            identities.add(Map.of("type", "email", "value", email));
        }
        if (phone != null) {
            identities.add(Map.of("type", "phone", "value", phone));
        }
        ApiClient.Response r = operator.post("/api/v1/customers:identify", Map.of("identities", identities,
                "traits", Map.of("displayName", name)));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json().path("customerId").asString();
    }

    protected JsonNode createChannel(Map<String, Object> channel) {
        ApiClient.Response r = operator.post("/api/v1/messaging/channels", channel);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    protected String createTemplate(String channelId, String purpose, String subject, String body, String smsCode,
                                    List<Map<String, String>> params) {
        Map<String, Object> t = new HashMap<>();
        t.put("channelId", channelId);
        t.put("purpose", purpose);
        t.put("name", uniqueName("模板"));
        t.put("subject", subject);
        t.put("body", body);
        t.put("smsTemplateCode", smsCode);
        t.put("smsParams", params);
        ApiClient.Response r = operator.post("/api/v1/messaging/templates", t);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("id").asString();
    }

    protected JsonNode send(String template, String customer, String key) {
        Map<String, Object> body = new HashMap<>();
        body.put("templateId", template);
        body.put("customerId", customer);
        body.put("idempotencyKey", key);
        body.put("couponCode", "QUAN-8888");
        ApiClient.Response r = operator.post("/api/v1/messaging/sends", body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    protected JsonNode delivery(String id) {
        ApiClient.Response r = operator.get("/api/v1/messaging/deliveries/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /** The delivery once it matches, failing after {@code timeout}. */
    protected JsonNode awaitDelivery(String id, Predicate<JsonNode> until, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode d = delivery(id);
        while (!until.test(d) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            d = delivery(id);
        }
        assertThat(until.test(d)).as("delivery never got there: " + d).isTrue();
        return d;
    }

    protected JsonNode awaitStatus(String id, String status) throws InterruptedException {
        return awaitDelivery(id, d -> d.path("status").asString().equals(status), Duration.ofSeconds(30));
    }

    protected JsonNode settings() {
        return operator.get("/api/v1/messaging/settings").json();
    }

    /** Runs {@code steps} with these settings (the rest as they are), and puts the previous ones back afterwards. */
    protected void withSettings(Map<String, Object> changes, ThrowingRunnable steps) throws Exception {
        JsonNode before = settings();
        Map<String, Object> next = new HashMap<>();
        next.put("shopName", before.path("shopName").asString());
        next.put("caps", before.path("caps"));
        next.put("quietHours", before.path("quietHours"));
        next.put("retry", before.path("retry"));
        next.putAll(changes);
        ApiClient.Response r = operator.put("/api/v1/messaging/settings", next);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        try {
            steps.run();
        } finally {
            Map<String, Object> restore = new HashMap<>();
            restore.put("shopName", before.path("shopName").asString());
            restore.put("caps", before.path("caps"));
            restore.put("quietHours", before.path("quietHours"));
            restore.put("retry", before.path("retry"));
            assertThat(operator.put("/api/v1/messaging/settings", restore).status()).isEqualTo(200);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
