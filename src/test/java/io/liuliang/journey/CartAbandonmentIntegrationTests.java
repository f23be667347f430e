package io.liuliang.journey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static io.liuliang.journey.JourneyTestSupport.await;
import static io.liuliang.journey.JourneyTestSupport.fastForward;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The must-hold, end to end: the cart-abandonment playbook installed from the gallery, its reminder e-mail
 * template chosen, published; an {@code add_to_cart} event through the ingestion API; two hours pass (the
 * enrolment's timeline is moved back two hours) with no order, and exactly one reminder reaches the SMTP server
 * (GreenMail, in process); when an order is placed within the two hours, none does.
 */
class CartAbandonmentIntegrationTests extends IntegrationTest {

    private static GreenMail smtp;
    private static int smtpPort;

    private ApiClient operator;
    private String shop;
    private String journey;

    @BeforeAll
    static void startSmtp() {
        smtp = io.liuliang.support.LocalSmtp.start();
        smtpPort = smtp.getSmtp().getPort();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void setUp() {
        operator = signedIn("OPERATOR");
        shop = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("购物车店"))).json()
                .path("id").asString();
        ApiClient.Response channel = operator.post("/api/v1/messaging/channels", Map.of("type", "email",
                "name", uniqueName("邮件"), "ratePerSecond", 50, "email", Map.of("host", "127.0.0.1", "port", smtpPort,
                        "security", "none", "fromAddress", "hello@liuliang-shop.cn", "fromName", "留量小店")));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        Map<String, Object> t = new HashMap<>();
        t.put("channelId", channel.json().path("id").asString());
        t.put("purpose", "marketing");
        t.put("name", uniqueName("购物车提醒"));
        t.put("subject", "{{customer.name}}，您的购物车还在等您");
        t.put("body", "<p>{{customer.name}}，您加购的宝贝库存不多了。</p>");
        ApiClient.Response template = operator.post("/api/v1/messaging/templates", t);
        assertThat(template.status()).as(template.body()).isEqualTo(201);

        ApiClient.Response installed = operator.post("/api/v1/journey-playbooks/cart_abandonment:install",
                Map.of("name", uniqueName("购物车挽回")));
        assertThat(installed.status()).as(installed.body()).isEqualTo(201);
        journey = installed.json().path("id").asString();
        ObjectNode definition = (ObjectNode) installed.json().path("definition");
        for (JsonNode n : definition.path("nodes")) {
            if (n.path("id").asString().equals("remind")) {
                ((ObjectNode) n.path("config")).put("templateId", template.json().path("id").asString());
            }
        }
        ApiClient.Response put = operator.put("/api/v1/journeys/" + journey,
                Map.of("name", installed.json().path("name").asString(), "definition", definition));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        ApiClient.Response published = operator.post("/api/v1/journeys/" + journey + ":publish", Map.of());
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    private String shopper(String name, String email, String buyer) {
        ApiClient.Response r = operator.post("/api/v1/customers:identify", Map.of("identities", List.of(
                        Map.of("type", "email", "value", email), Map.of("type", "platform_buyer_id", "value", buyer, "shopId", shop)),
                "traits", Map.of("displayName", name)));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        String id = r.json().path("customerId").asString();
        assertThat(operator.put("/api/v1/customers/" + id + "/consents/email/marketing",
                Map.of("status", "opted_in", "source", "checkout")).status()).isEqualTo(200);
        return id;
    }

    private void addToCart(String customer) {
        ApiClient.Response r = operator.post("/api/v1/events", Map.of("eventId", "cart-" + UUID.randomUUID(),
                "type", "add_to_cart", "occurredAt", Instant.now().toString(), "customerId", customer,
                "properties", Map.of("sku", "SKU-面霜", "price", 288)));
        assertThat(r.status()).as(r.body()).isIn(200, 201);
    }

    private List<MimeMessage> mailTo(String address) throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            if (m.getAllRecipients()[0].toString().equals(address)) {
                out.add(m);
            }
        }
        return out;
    }

    private String node(String customer) {
        return jdbc.sql("SELECT node_id FROM journey_enrolment WHERE journey_id = ?::uuid AND customer_id = ?::uuid")
                .params(journey, customer).query(String.class).optional().orElse(null);
    }

    private String state(String customer) {
        return jdbc.sql("SELECT state FROM journey_enrolment WHERE journey_id = ?::uuid AND customer_id = ?::uuid")
                .params(journey, customer).query(String.class).optional().orElse(null);
    }

    @Test
    void noOrderForTwoHoursSendsExactlyOneReminder() throws Exception {
        String address = "cart-" + UUID.randomUUID().toString().substring(0, 8) + "@liuliang-buyers.cn";
        String customer = shopper("林小雨", address, "buyer-" + UUID.randomUUID());
        addToCart(customer);
        await("the cart enrols her and she waits for an order", () -> "wait".equals(node(customer)),
                () -> JourneyTestSupport.enrolments(jdbc, journey));
        Thread.sleep(1_000);
        assertThat(mailTo(address)).as("nothing before the two hours are up").isEmpty();

        fastForward(jdbc, journey, Duration.ofHours(2).plusSeconds(1));
        await("the reminder arrives", () -> {
            try {
                return !mailTo(address).isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, () -> JourneyTestSupport.enrolments(jdbc, journey));
        await("she leaves the journey", () -> "completed".equals(state(customer)));
        Thread.sleep(1_500);
        List<MimeMessage> mails = mailTo(address);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).isEqualTo("林小雨，您的购物车还在等您");
        assertThat(GreenMailUtil.getBody(mails.get(0))).isNotBlank();
        // the same cart event again the same day: once a day at most
        addToCart(customer);
        Thread.sleep(1_500);
        assertThat(jdbc.sql("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?::uuid AND customer_id = ?::uuid")
                .params(journey, customer).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void anOrderWithinTheTwoHoursMeansNoReminder() throws Exception {
        String address = "buy-" + UUID.randomUUID().toString().substring(0, 8) + "@liuliang-buyers.cn";
        String buyer = "buyer-" + UUID.randomUUID();
        String customer = shopper("王大锤", address, buyer);
        addToCart(customer);
        await("the cart enrols him", () -> "wait".equals(node(customer)), () -> JourneyTestSupport.enrolments(jdbc, journey));
        // an hour later he buys
        fastForward(jdbc, journey, Duration.ofHours(1));
        Map<String, Object> order = JourneyTestSupport.paidOrder(buyer, 288.0, "SKU-面霜", "面霜");
        ApiClient.Response put = operator.put("/api/v1/shops/" + shop + "/orders/C-" + UUID.randomUUID(), order);
        assertThat(put.status()).as(put.body()).isIn(200, 201);
        assertThat(put.json().path("customerId").asString()).isEqualTo(customer);
        await("the order ends his journey", () -> !"active".equals(state(customer)),
                () -> JourneyTestSupport.enrolments(jdbc, journey));
        assertThat(state(customer)).isIn("converted", "completed");
        // the rest of the two hours pass
        fastForward(jdbc, journey, Duration.ofHours(2));
        Thread.sleep(2_000);
        assertThat(mailTo(address)).isEmpty();
        JsonNode stats = operator.get("/api/v1/journeys/" + journey + "/stats").json();
        assertThat(stats.path("totals").path("converted").asLong()).isEqualTo(1);
    }
}
