package io.liuliang.messaging;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code marketing-default=opt_in_required} marketing waits for an explicit opt-in (service messages do not), and
 * the module announces what it did: consents changed, messages sent, messages dead.
 */
@TestPropertySource(properties = "liuliang.messaging.marketing-default=opt_in_required")
class MessagingOptInIntegrationTests extends MessagingTestSupport {

    /** Records the messaging module's events as another module would receive them. */
    static final class Announcements {
        final List<ConsentsChanged> consents = new CopyOnWriteArrayList<>();
        final List<MessagesSent> sent = new CopyOnWriteArrayList<>();
        final List<MessagesFailed> failed = new CopyOnWriteArrayList<>();

        @EventListener
        void on(ConsentsChanged e) {
            consents.add(e);
        }

        @EventListener
        void on(MessagesSent e) {
            sent.add(e);
        }

        @EventListener
        void on(MessagesFailed e) {
            failed.add(e);
        }

        boolean sent(String delivery) {
            return sent.stream().flatMap(e -> e.messages().stream()).anyMatch(m -> m.deliveryId().toString().equals(delivery));
        }
    }

    @TestConfiguration
    static class Listening {
        @Bean
        Announcements announcements() {
            return new Announcements();
        }
    }

    @Autowired
    private Announcements announcements;

    private ProviderStandIn standIn;

    @BeforeEach
    void setUp() throws Exception {
        operator = signedIn("OPERATOR");
        standIn = new ProviderStandIn();
    }

    @AfterEach
    void tearDown() {
        standIn.close();
    }

    @Test
    void marketingWaitsForAnExplicitOptInAndEveryOutcomeIsAnnounced() throws Exception {
        String channel = createChannel(Map.of("type", "webhook", "name", uniqueName("opt-in hook"), "ratePerSecond", 50,
                "webhook", Map.of("url", standIn.url() + "/in", "secret", "opt-in-secret-0123456789"))).path("id").asString();
        String marketing = createTemplate(channel, "marketing", "新品", "{{customer.name}} 新品上市", null, null);
        String service = createTemplate(channel, "service", "物流", "{{customer.name}} 您的包裹已发出", null, null);
        String customer = customer("杨八", null, null);

        // no recorded choice: marketing is skipped as opted out, a service message goes out
        JsonNode skipped = send(marketing, customer, UUID.randomUUID().toString());
        assertThat(skipped.path("outcome").asString()).isEqualTo("skipped");
        assertThat(skipped.path("skipReason").asString()).isEqualTo("opted_out");
        String serviceDelivery = send(service, customer, UUID.randomUUID().toString()).path("deliveryId").asString();
        awaitStatus(serviceDelivery, "sent");
        eventually(() -> announcements.sent(serviceDelivery), "the sent message announced");
        MessagesSent.Sent sent = announcements.sent.stream().flatMap(e -> e.messages().stream())
                .filter(m -> m.deliveryId().toString().equals(serviceDelivery)).findFirst().orElseThrow();
        assertThat(sent.customerId().toString()).isEqualTo(customer);
        assertThat(sent.templateId().toString()).isEqualTo(service);
        assertThat(sent.channel()).isEqualTo("webhook");
        assertThat(sent.purpose()).isEqualTo("service");

        // the effective consent says why, and an opt-in is announced
        String effective = operator.get("/api/v1/messaging/consents?customerId=" + customer).json().toString();
        assertThat(effective).contains("\"marketingDefault\":\"opt_in_required\"")
                .contains("\"channel\":\"webhook\",\"purpose\":\"marketing\",\"status\":\"not_opted_in\",\"recorded\":false")
                .contains("\"channel\":\"webhook\",\"purpose\":\"service\",\"status\":\"allowed_by_default\"");
        assertThat(operator.put("/api/v1/customers/" + customer + "/consents/webhook/marketing",
                Map.of("status", "opted_in", "source", "member-form")).status()).isEqualTo(200);
        eventually(() -> announcements.consents.stream().flatMap(e -> e.changes().stream())
                .anyMatch(c -> c.customerId().toString().equals(customer) && c.channel().equals("webhook")
                        && c.purpose().equals("marketing") && c.status() == ConsentStatus.OPTED_IN
                        && c.source().equals("member-form")), "the opt-in announced");

        // now marketing goes out; one the provider refuses for good is dead, and that is announced too
        String marketingDelivery = send(marketing, customer, UUID.randomUUID().toString()).path("deliveryId").asString();
        awaitStatus(marketingDelivery, "sent");
        standIn.responder = r -> new ProviderStandIn.Answer(400, "{\"error\":\"bad request\"}");
        String refused = send(service, customer, UUID.randomUUID().toString()).path("deliveryId").asString();
        awaitStatus(refused, "dead");
        eventually(() -> announcements.failed.stream().flatMap(e -> e.messages().stream())
                .anyMatch(f -> f.deliveryId().toString().equals(refused) && f.status().equals("dead")
                        && f.error().contains("HTTP 400")), "the dead message announced");
    }

    private static void eventually(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(15);
        while (!condition.getAsBoolean() && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what).isTrue();
    }
}
