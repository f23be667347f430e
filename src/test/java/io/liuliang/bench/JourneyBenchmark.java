package io.liuliang.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey engine at scale, on one app instance.
 * <ul>
 * <li><b>Bulk enrolment</b>: a static segment of {@code -Dbench.customers} (default 1,000,000) customers, inserted
 * with SQL, sent into a journey (entry → wait 60 min → A/B split → exits) by publishing it: the time from publication
 * until every member is enrolled (the segment-send job, pages of 10,000 set-based INSERTs).</li>
 * <li><b>Step transitions</b>: the engine taking every enrolment from the entry into the wait (2 steps each), then,
 * with the wait moved into the past, through the split to an exit (3 steps each); steps per second of durable
 * progress. The in-run baseline is single-row durable UPDATEs of enrolment rows from 8 threads.</li>
 * <li><b>Event to action</b>: {@value #EVENTS} single {@code custom} events over HTTP (4 clients) into a journey that
 * tags the customer; the latency of each is the tag's time minus the event's receipt, from the database.</li>
 * <li><b>Message steps</b>: a segment send of {@value #MESSAGES} enrolments whose one step queues a marketing webhook message
 * (lock, consent, suppression, caps, quiet hours, rendering, the delivery row), and the dispatcher posting them to a local receiver:
 * enrolments completed per second, and messages received per second end to end.</li>
 * </ul>
 */
class JourneyBenchmark extends IntegrationTest {

    private static final int CUSTOMERS = Integer.getInteger("bench.customers", 1_000_000);
    private static final int BASELINE_UPDATES = 20_000;
    private static final int BASELINE_CLIENTS = 8;
    private static final int EVENTS = 1_000;
    private static final int EVENT_CLIENTS = 4;
    private static final int MESSAGES = 20_000;

    private long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }

    private static Map<String, Object> node(String id, String type, Map<String, Object> config) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("id", id);
        n.put("type", type);
        n.put("position", Map.of("x", 0, "y", 0));
        n.put("config", config);
        return n;
    }

    private static Map<String, Object> edge(String s, String h, String t) {
        return Map.of("id", s + "-" + h.replace(':', '_'), "source", s, "sourceHandle", h, "target", t);
    }

    private String publish(ApiClient admin, Map<String, Object> entry, List<Map<String, Object>> nodes,
                           List<Map<String, Object>> edges) {
        Map<String, Object> d = new HashMap<>();
        d.put("entry", entry);
        d.put("reentry", Map.of("rule", "always"));
        d.put("nodes", nodes);
        d.put("edges", edges);
        ApiClient.Response created = admin.post("/api/v1/journeys", Map.of("name", uniqueName("bench"), "definition", d));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asString();
        ApiClient.Response p = admin.post("/api/v1/journeys/" + id + ":publish", Map.of());
        assertThat(p.status()).as(p.body()).isEqualTo(200);
        return id;
    }

    /** How many app instances work the journeys (the test's application, plus those a subclass starts). */
    protected int instances() {
        return 1;
    }

    protected String resultFile() {
        return "journey-engine.json";
    }

    @Test
    void bulkEnrolmentStepTransitionsAndEventToAction() throws Exception {
        ApiClient admin = signedIn("ADMIN");
        BenchResult result = new BenchResult("journey-engine", CUSTOMERS + " customers (SQL-generated) in a static segment",
                "≥ 2,000 durable step transitions/s; event-to-action p99 ≤ 1 s; 1M-customer enrolment ≤ 2 min");
        result.put("appInstances", instances());
        String tag = "bench-journey";
        long t0 = System.nanoTime();
        if (count("SELECT count(*) FROM customer WHERE source = ?", tag) < CUSTOMERS) {
            jdbc.sql("INSERT INTO customer (id, display_name, first_seen_at, last_seen_at, source) "
                    + "SELECT md5(? || g)::uuid, '客户' || g, now(), now(), ? FROM generate_series(1, ?) g ON CONFLICT DO NOTHING")
                    .params(tag, tag, CUSTOMERS).update();
        }
        UUID segment = UUID.randomUUID();
        jdbc.sql("INSERT INTO segment (id, name, kind, condition, member_count) VALUES (?, ?, 'static', "
                + "'{\"type\":\"field\",\"field\":\"province\",\"op\":\"eq\",\"value\":\"浙江\"}'::jsonb, ?)").params(segment, uniqueName("bench"), CUSTOMERS).update();
        jdbc.sql("INSERT INTO segment_member (segment_id, customer_id) SELECT ?, md5(? || g)::uuid FROM generate_series(1, ?) g")
                .params(segment, tag, CUSTOMERS).update();
        jdbc.sql("ANALYZE segment_member").update();
        result.figure("setupSeconds", (System.nanoTime() - t0) / 1e9);

        // bulk enrolment and the first steps
        Map<String, Object> entry = new HashMap<>();
        entry.put("kind", "segment_send");
        entry.put("segmentId", segment.toString());
        entry.put("recurrence", "none");
        List<Map<String, Object>> nodes = List.of(node("entry", "entry", Map.of()),
                node("wait", "wait", Map.of("mode", "duration", "minutes", 60)),
                node("ab", "split", Map.of("variants", List.of(Map.of("key", "A", "percent", 50), Map.of("key", "B", "percent", 50)),
                        "holdoutPercent", 0)),
                node("xa", "exit", Map.of()), node("xb", "exit", Map.of()));
        List<Map<String, Object>> edges = List.of(edge("entry", "next", "wait"), edge("wait", "next", "ab"),
                edge("ab", "variant:A", "xa"), edge("ab", "variant:B", "xb"));
        long published = System.nanoTime();
        String journey = publish(admin, entry, nodes, edges);
        long enrolledAt = 0;
        long waitingAt = 0;
        while (true) {
            long enrolled = count("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?::uuid", journey);
            if (enrolledAt == 0 && enrolled >= CUSTOMERS) {
                enrolledAt = System.nanoTime();
            }
            if (enrolledAt != 0 && count("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?::uuid AND wait_since IS NULL "
                    + "AND state = 'active'", journey) == 0) {
                waitingAt = System.nanoTime();
                break;
            }
            assertThat((System.nanoTime() - published) / 1e9).as("enrolment and first steps within 20 minutes").isLessThan(1_200);
            Thread.sleep(250);
        }
        double enrolSeconds = (enrolledAt - published) / 1e9;
        double phase1Seconds = (waitingAt - published) / 1e9;
        long phase1Steps = count("SELECT sum(steps) FROM journey_enrolment WHERE journey_id = ?::uuid", journey);
        result.figure("bulkEnrolmentSeconds", enrolSeconds);
        result.figure("bulkEnrolmentPerSecond", CUSTOMERS / enrolSeconds);
        result.figure("enrolAndFirstStepsSeconds", phase1Seconds);
        result.figure("firstStepsPerSecond", phase1Steps / phase1Seconds);

        // the wait passes: through the split to the exits
        jdbc.sql("UPDATE journey_enrolment SET due_at = due_at - interval '61 minutes', wait_since = wait_since - interval "
                + "'61 minutes' WHERE journey_id = ?::uuid").param(journey).update();
        long resumed = System.nanoTime();
        while (count("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?::uuid AND state = 'active'", journey) > 0) {
            assertThat((System.nanoTime() - resumed) / 1e9).as("the rest within 20 minutes").isLessThan(1_200);
            Thread.sleep(250);
        }
        double phase2Seconds = (System.nanoTime() - resumed) / 1e9;
        long phase2Steps = count("SELECT sum(steps) FROM journey_enrolment WHERE journey_id = ?::uuid", journey) - phase1Steps;
        result.figure("secondStepsSeconds", phase2Seconds);
        result.figure("stepTransitionsPerSecond", phase2Steps / phase2Seconds);

        // baseline: single-row durable updates of enrolment rows, 8 threads
        List<UUID> ids = jdbc.sql("SELECT id FROM journey_enrolment WHERE journey_id = ?::uuid LIMIT ?")
                .params(journey, BASELINE_UPDATES).query(UUID.class).list();
        double baseline = ConcurrentSteps.run(BASELINE_CLIENTS, ids.size(), i -> jdbc.sql(
                "UPDATE journey_enrolment SET steps = steps + 1, due_at = now() WHERE id = ?").param(ids.get(i)).update());
        double baselinePerSecond = ids.size() / baseline;
        result.figure("baselineSingleRowUpdatesPerSecond", baselinePerSecond);
        result.figure("ratioStepsToSingleRowUpdates", (phase2Steps / phase2Seconds) / baselinePerSecond);

        // event to action
        String tagId = admin.post("/api/v1/tags", Map.of("name", uniqueName("bench-ping"), "kind", "manual")).json()
                .path("id").asString();
        Map<String, Object> eventEntry = new HashMap<>();
        eventEntry.put("kind", "event");
        eventEntry.put("eventType", "custom");
        eventEntry.put("customName", "bench_ping");
        String pingJourney = publish(admin, eventEntry, List.of(node("entry", "entry", Map.of()),
                node("t", "add_tag", Map.of("tagId", tagId)), node("x", "exit", Map.of())),
                List.of(edge("entry", "next", "t"), edge("t", "next", "x")));
        Thread.sleep(1_500);
        List<String> customers = jdbc.sql("SELECT id::text FROM customer WHERE source = ? LIMIT ?").params(tag, EVENTS)
                .query(String.class).list();
        double sendSeconds = ConcurrentSteps.run(EVENT_CLIENTS, customers.size(), i -> {
            ApiClient.Response r = admin.post("/api/v1/events", Map.of("eventId", "ping-" + UUID.randomUUID(),
                    "type", "custom", "name", "bench_ping", "occurredAt", Instant.now().toString(), "customerId", customers.get(i)));
            assertThat(r.status()).as(r.body()).isIn(200, 201);
        });
        long until = System.nanoTime() + 60_000_000_000L;
        while (count("SELECT count(*) FROM customer_tag WHERE tag_id = ?::uuid", tagId) < customers.size()
                && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        List<Double> latencies = jdbc.sql("SELECT extract(epoch FROM t.tagged_at - e.received_at) * 1000 FROM customer_tag t "
                        + "JOIN behaviour_event e ON e.customer_id = t.customer_id AND e.type = 'custom' AND e.custom_name = 'bench_ping' "
                        + "WHERE t.tag_id = ?::uuid ORDER BY 1")
                .param(tagId).query(Double.class).list();
        assertThat(latencies).hasSize(customers.size());
        result.figure("eventsSent", customers.size());
        result.figure("eventsPerSecondSent", customers.size() / sendSeconds);
        result.figure("eventToActionP50Ms", latencies.get(latencies.size() / 2));
        result.figure("eventToActionP99Ms", latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1));
        result.figure("eventToActionMaxMs", latencies.get(latencies.size() - 1));
        result.put("pingJourney", pingJourney);

        // message steps: a segment send whose step queues a webhook message, and the dispatcher sending them
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        java.util.concurrent.atomic.AtomicInteger received = new java.util.concurrent.atomic.AtomicInteger();
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            received.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String channel = admin.post("/api/v1/messaging/channels", Map.of("type", "webhook", "name", uniqueName("bench-hook"),
                    "ratePerSecond", 10_000, "webhook", Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook",
                            "secret", "bench-secret-0123456789"))).json().path("id").asString();
            // marketing: the heavier path (the customer's lock, consent, caps and quiet hours at queueing and at sending)
            String template = admin.post("/api/v1/messaging/templates", Map.of("channelId", channel, "purpose", "marketing",
                    "name", uniqueName("bench-notice"), "body", "{{customer.name}} 的通知")).json().path("id").asString();
            UUID messageSegment = UUID.randomUUID();
            jdbc.sql("INSERT INTO segment (id, name, kind, condition, member_count) VALUES (?, ?, 'static', "
                    + "'{\"type\":\"field\",\"field\":\"province\",\"op\":\"eq\",\"value\":\"浙江\"}'::jsonb, ?)").params(messageSegment, uniqueName("bench-msg"), MESSAGES).update();
            jdbc.sql("INSERT INTO segment_member (segment_id, customer_id) SELECT ?, md5(? || g)::uuid FROM generate_series(1, ?) g")
                    .params(messageSegment, tag, MESSAGES).update();
            Map<String, Object> sendEntry = new HashMap<>();
            sendEntry.put("kind", "segment_send");
            sendEntry.put("segmentId", messageSegment.toString());
            sendEntry.put("recurrence", "none");
            long start = System.nanoTime();
            String messageJourney = publish(admin, sendEntry, List.of(node("entry", "entry", Map.of()),
                    node("m", "send_message", Map.of("templateId", template)), node("x", "exit", Map.of())),
                    List.of(edge("entry", "next", "m"), edge("m", "next", "x")));
            long queuedAt = 0;
            while (true) {
                if (queuedAt == 0 && count("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?::uuid AND state = 'completed'",
                        messageJourney) >= MESSAGES) {
                    queuedAt = System.nanoTime();
                }
                if (queuedAt != 0 && received.get() >= MESSAGES) {
                    break;
                }
                assertThat((System.nanoTime() - start) / 1e9).as("messages within 20 minutes").isLessThan(1_200);
                Thread.sleep(250);
            }
            double queuedSeconds = (queuedAt - start) / 1e9;
            double sentSeconds = (System.nanoTime() - start) / 1e9;
            result.figure("messageEnrolments", MESSAGES);
            result.put("messagePurpose", "marketing");
            result.figure("messageStepsQueuedPerSecond", MESSAGES / queuedSeconds);
            result.figure("messagesSentPerSecond", MESSAGES / sentSeconds);
            result.figure("messagesReceived", received.get());
        } finally {
            receiver.stop(0);
        }
        result.figure("loadAverageAtEnd", java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());
        result.write(resultFile());
    }
}
