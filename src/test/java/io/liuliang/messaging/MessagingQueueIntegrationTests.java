package io.liuliang.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's guarantees: the per-second send budget, an expired lease is never re-sent, One-ID merges. */
class MessagingQueueIntegrationTests extends MessagingTestSupport {

    private ProviderStandIn standIn;
    private final List<Instant> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, List<Instant>> arrivalsByPath = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        operator = signedIn("OPERATOR");
        standIn = new ProviderStandIn();
        standIn.responder = r -> {
            Instant at = Instant.now();
            arrivals.add(at);
            arrivalsByPath.computeIfAbsent(r.path(), p -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(at);
            return new ProviderStandIn.Answer(200, "{}");
        };
    }

    @AfterEach
    void tearDown() {
        standIn.close();
    }

    private String webhook(int ratePerSecond) {
        return webhook(ratePerSecond, "/in");
    }

    private String webhook(int ratePerSecond, String path) {
        return createChannel(Map.of("type", "webhook", "name", uniqueName("hook"), "ratePerSecond", ratePerSecond,
                "webhook", Map.of("url", standIn.url() + path, "secret", "queue-secret-0123456789"))).path("id").asString();
    }

    private long received(String path) {
        return arrivalsByPath.getOrDefault(path, List.of()).size();
    }

    @Test
    void aSlowChannelsBacklogDoesNotHoldUpAnotherChannelsMessages() throws Exception {
        String slow = createTemplate(webhook(1, "/slow"), "service", "s", "{{customer.name}}", null, null);
        String fast = createTemplate(webhook(50, "/fast"), "service", "s", "{{customer.name}}", null, null);
        String customer = customer("韩慢", null, null);
        int backlog = 20;
        List<String> slowDeliveries = new ArrayList<>();
        for (int i = 0; i < backlog; i++) {
            slowDeliveries.add(send(slow, customer, UUID.randomUUID().toString()).path("deliveryId").asString());
        }
        List<String> fastDeliveries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            fastDeliveries.add(send(fast, customer, UUID.randomUUID().toString()).path("deliveryId").asString());
        }
        for (String d : fastDeliveries) {
            awaitDelivery(d, x -> x.path("status").asString().equals("sent"), Duration.ofSeconds(30));
        }
        // the slow channel sends one a second, so its backlog takes twenty seconds; the other channel's messages,
        // queued behind it, went out long before it was through
        assertThat(received("/fast")).isEqualTo(5);
        assertThat(received("/slow")).isLessThan(backlog / 2);
        for (String d : slowDeliveries) {
            awaitDelivery(d, x -> x.path("status").asString().equals("sent"), Duration.ofSeconds(60));
        }
        assertThat(received("/slow")).isEqualTo(backlog);
        List<Instant> slowArrivals = arrivalsByPath.get("/slow").stream().sorted().toList();
        // twenty at one a second: at least nineteen seconds from the first to the last
        assertThat(Duration.between(slowArrivals.get(0), slowArrivals.get(backlog - 1))).isGreaterThan(Duration.ofSeconds(18));
    }

    @Test
    void aChannelSendsNoMoreThanItsRatePerSecond() throws Exception {
        String template = createTemplate(webhook(2), "service", "s", "{{customer.name}}", null, null);
        String customer = customer("蒋一", null, null);
        List<String> deliveries = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            deliveries.add(send(template, customer, UUID.randomUUID().toString()).path("deliveryId").asString());
        }
        for (String d : deliveries) {
            awaitDelivery(d, x -> x.path("status").asString().equals("sent"), Duration.ofSeconds(20));
        }
        assertThat(arrivals).hasSize(6);
        List<Instant> sorted = arrivals.stream().sorted().toList();
        // six messages at two a second take three seconds of budget, so more than a second passes from the first to
        // the last (they would go out within milliseconds otherwise)
        assertThat(Duration.between(sorted.get(0), sorted.get(5))).isGreaterThan(Duration.ofMillis(900));
    }

    @Test
    void aDeliveryWhoseSenderStoppedMidSendIsDeadAndNotSentAgain() throws Exception {
        String template = createTemplate(webhook(50), "service", "s", "{{customer.name}}", null, null);
        String customer = customer("沈二", null, null);
        String delivery = send(template, customer, UUID.randomUUID().toString()).path("deliveryId").asString();
        awaitStatus(delivery, "sent");
        // deliveries live in monthly partitions, created ahead
        assertThat(jdbc.sql("SELECT tableoid::regclass::text FROM msg_delivery WHERE id = ?::uuid").param(delivery)
                .query(String.class).single()).isEqualTo(io.liuliang.shared.MonthlyPartitions.name("msg_delivery",
                java.time.YearMonth.now(java.time.ZoneOffset.UTC)));
        int before = standIn.requests.size();
        // as if an instance had claimed it and stopped before recording the outcome
        jdbc.sql("UPDATE msg_delivery SET status = 'sending', lease_until = now() - interval '1 second' WHERE id = ?::uuid")
                .param(delivery).update();
        JsonNode dead = awaitStatus(delivery, "dead");
        assertThat(dead.path("error").asString()).contains("lease expired");
        Thread.sleep(1_000);
        assertThat(standIn.requests).hasSize(before);
    }

    @Test
    void consentsAndMessagesFollowOneIdMergesAndAnOptOutWins() throws Exception {
        String template = createTemplate(webhook(50), "service", "s", "{{customer.name}}", null, null);
        String email = "merge-" + UUID.randomUUID().toString().substring(0, 8) + "@liuliang-buyers.cn";
        String phone = randomMobile();
        // (no WeChat UnionIDs here: two of them on one person would stop One-ID from merging)
        String a = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(Map.of("type", "email",
                "value", email)), "traits", Map.of("displayName", "韩三"))).json().path("customerId").asString();
        String b = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(Map.of("type", "phone",
                "value", phone)), "traits", Map.of("displayName", "韩三"))).json().path("customerId").asString();
        operator.put("/api/v1/customers/" + a + "/consents/sms/marketing", Map.of("status", "opted_in", "source", "form"));
        operator.put("/api/v1/customers/" + b + "/consents/sms/marketing", Map.of("status", "opted_out", "source", "store"));
        String delivery = send(template, b, UUID.randomUUID().toString()).path("deliveryId").asString();
        awaitStatus(delivery, "sent");
        String survivor = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                Map.of("type", "email", "value", email), Map.of("type", "phone", "value", phone)))).json()
                .path("customerId").asString();
        assertThat(survivor).isEqualTo(a);
        String merged = b;
        JsonNode consents = operator.get("/api/v1/messaging/consents?customerId=" + survivor).json();
        assertThat(consents.toString()).contains("\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"opted_out\"");
        assertThat(operator.get("/api/v1/customers/" + survivor + "/messages").json().path("items").get(0).path("id")
                .asString()).isEqualTo(delivery);
        // the merged-away id answers for its survivor
        assertThat(operator.get("/api/v1/messaging/consents?customerId=" + merged).json().toString())
                .contains("\"status\":\"opted_out\"");
        // an unmerge gives b back its delivery and its own latest choice
        assertThat(operator.post("/api/v1/customers/" + b + ":unmerge", null).status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/customers/" + b + "/messages").json().path("items").get(0).path("id")
                .asString()).isEqualTo(delivery);
        assertThat(operator.get("/api/v1/messaging/consents?customerId=" + b).json().toString())
                .contains("\"channel\":\"sms\",\"purpose\":\"marketing\",\"status\":\"opted_out\"");
    }
}
