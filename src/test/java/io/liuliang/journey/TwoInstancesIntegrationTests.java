package io.liuliang.journey;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.sun.net.httpserver.HttpServer;

import io.liuliang.LiuliangApplication;
import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;

import static io.liuliang.journey.JourneyTestSupport.graph;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The must-hold: two app instances over the same database (the test's application and a second one started
 * here on the same embedded PostgreSQL) work one journey of 100,000 enrolments, a segment send whose one step is a
 * webhook message, and every message reaches the receiver exactly once, with both instances taking steps.
 */
class TwoInstancesIntegrationTests extends IntegrationTest {

    static final int CUSTOMERS = 100_000;
    private static HttpServer receiver;
    private static final Map<String, AtomicInteger> RECEIVED = new ConcurrentHashMap<>();
    private static ConfigurableApplicationContext second;

    @Autowired
    private MeterRegistry meters;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String delivery = exchange.getRequestHeaders().getFirst("X-Liuliang-Delivery");
            RECEIVED.computeIfAbsent(delivery + "|" + body.hashCode(), k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        second = new SpringApplicationBuilder(LiuliangApplication.class)
                // command-line arguments, so they win over application.yml (which sets the port to 8080)
                .run("--server.port=0", "--liuliang.jobs.poll-interval=200ms", "--liuliang.jobs.heartbeat-interval=500ms",
                        "--liuliang.jobs.stale-after=3s");
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        receiver.stop(0);
    }

    @Test
    void twoInstancesSendEachOfOneHundredThousandMessagesExactlyOnce() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        String channel = operator.post("/api/v1/messaging/channels", Map.of("type", "webhook", "name", uniqueName("回调"),
                "ratePerSecond", 10_000, "webhook", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                        "secret", "two-instances-secret"))).json().path("id").asString();
        ApiClient.Response template = operator.post("/api/v1/messaging/templates", Map.of("channelId", channel,
                "purpose", "service", "name", uniqueName("通知"), "body", "{{customer.name}} 的订单通知"));
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        // set-up only: 100,000 customers and a static segment of them, written directly
        String tag = "two-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("INSERT INTO customer (id, display_name, first_seen_at, last_seen_at, source) "
                + "SELECT md5(? || g)::uuid, '客户' || g, now(), now(), 'test' FROM generate_series(1, ?) g")
                .params(tag, CUSTOMERS).update();
        UUID segment = UUID.randomUUID();
        jdbc.sql("INSERT INTO segment (id, name, kind, condition, member_count) VALUES (?, ?, 'static', "
                + "'{\"type\":\"field\",\"field\":\"province\",\"op\":\"eq\",\"value\":\"浙江\"}'::jsonb, ?)").params(segment, uniqueName("两实例"), CUSTOMERS).update();
        jdbc.sql("INSERT INTO segment_member (segment_id, customer_id) SELECT ?, md5(? || g)::uuid FROM generate_series(1, ?) g")
                .params(segment, tag, CUSTOMERS).update();

        Map<String, Object> entry = new java.util.HashMap<>();
        entry.put("kind", "segment_send");
        entry.put("segmentId", segment.toString());
        entry.put("recurrence", "none");
        Map<String, Object> d = graph(entry).node("send", "send_message", Map.of("templateId", template.json().path("id").asString()))
                .node("x", "exit", Map.of()).edge("entry", "next", "send").edge("send", "next", "x").build();
        String journey = operator.post("/api/v1/journeys", Map.of("name", uniqueName("两实例旅程"), "definition", d)).json()
                .path("id").asString();
        ApiClient.Response published = operator.post("/api/v1/journeys/" + journey + ":publish", Map.of());
        assertThat(published.status()).as(published.body()).isEqualTo(200);

        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (RECEIVED.size() < CUSTOMERS && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        Thread.sleep(2_000);
        long enrolments = jdbc.sql("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?::uuid").param(journey)
                .query(Long.class).single();
        long completed = jdbc.sql("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?::uuid AND state = 'completed'")
                .param(journey).query(Long.class).single();
        assertThat(enrolments).isEqualTo(CUSTOMERS);
        assertThat(completed).isEqualTo(CUSTOMERS);
        assertThat(RECEIVED).hasSize(CUSTOMERS);
        assertThat(RECEIVED.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        long deliveries = jdbc.sql("SELECT count(*) FROM msg_delivery WHERE source_ref LIKE ?").param(journey + ":%")
                .query(Long.class).single();
        assertThat(deliveries).isEqualTo(CUSTOMERS);
        double here = meters.counter("liuliang.journey.claimed").count();
        double there = second.getBean(MeterRegistry.class).counter("liuliang.journey.claimed").count();
        assertThat(here).as("this instance claimed enrolments").isPositive();
        assertThat(there).as("the second instance claimed enrolments").isPositive();
        assertThat(here + there).isGreaterThanOrEqualTo(CUSTOMERS);
    }
}
