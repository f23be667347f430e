package io.liuliang.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent event requests are stored together (group commit), yet each is answered as if it were alone. */
class EventGroupCommitIntegrationTests extends IntegrationTest {

    private static final int CLIENTS = 16;
    private static final int EVENTS = 400;
    private static final String AT = "2026-11-11T12:00:00Z";

    private ApiClient integrator;
    private String customer;

    @BeforeEach
    void setUp() {
        ApiClient operator = signedIn("OPERATOR");
        String token = operator.post("/api/v1/tokens", Map.of("name", uniqueName("group"), "expiresInDays", 1,
                "permissions", List.of("event.write"))).json().path("secret").asString();
        customer = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "g-" + UUID.randomUUID())))).json().path("customerId").asString();
        integrator = ApiClient.withToken(port, token);
    }

    private Map<String, Object> event(String id) {
        return Map.of("eventId", id, "type", "product_view", "occurredAt", AT, "customerId", customer,
                "properties", Map.of("sku", "MILK-900"));
    }

    /** Posts each body from {@link #CLIENTS} threads at once; the responses in the bodies' order. */
    private List<ApiClient.Response> concurrently(List<Object> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<ApiClient.Response>> futures = new ArrayList<>();
            for (Object body : bodies) {
                futures.add(pool.submit(() -> integrator.post("/api/v1/events", body)));
            }
            List<ApiClient.Response> responses = new ArrayList<>();
            for (Future<ApiClient.Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private long stored(String prefix) {
        return jdbc.sql("SELECT count(*) FROM behaviour_event WHERE event_id LIKE ? AND customer_id = ?::uuid")
                .params(prefix + "%", customer).query(Long.class).single();
    }

    @Test
    void concurrentSingleEventsAreEachStoredOnceAndTheirReplaysAreDuplicates() throws Exception {
        String prefix = "grp-" + UUID.randomUUID() + "-";
        List<Object> bodies = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            bodies.add(event(prefix + i));
        }
        List<ApiClient.Response> first = concurrently(bodies);
        for (int i = 0; i < EVENTS; i++) {
            ApiClient.Response r = first.get(i);
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            assertThat(r.json().path("eventId").asString()).isEqualTo(prefix + i);
            assertThat(r.json().path("status").asString()).isEqualTo("STORED");
            assertThat(r.json().path("customerId").asString()).isEqualTo(customer);
        }
        assertThat(stored(prefix)).isEqualTo(EVENTS);

        // every event sent again, twice, at once: nothing new, and every answer says so
        List<Object> replays = new ArrayList<>(bodies);
        replays.addAll(bodies);
        for (ApiClient.Response r : concurrently(replays)) {
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            assertThat(r.json().path("status").asString()).isEqualTo("DUPLICATE");
        }
        assertThat(stored(prefix)).isEqualTo(EVENTS);
    }

    @Test
    void anEventSentByManyRequestsAtOnceIsStoredForExactlyOneOfThem() throws Exception {
        String id = "same-" + UUID.randomUUID();
        List<Object> bodies = new ArrayList<>();
        for (int i = 0; i < CLIENTS * 2; i++) {
            bodies.add(event(id));
        }
        List<ApiClient.Response> responses = concurrently(bodies);
        assertThat(responses).extracting(ApiClient.Response::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(stored(id)).isEqualTo(1);
    }

    @Test
    void badRequestsAmongConcurrentOnesFailAloneAndBatchesKeepTheirPerItemResults() throws Exception {
        String prefix = "mixed-" + UUID.randomUUID() + "-";
        List<Object> bodies = new ArrayList<>();
        for (int i = 0; i < EVENTS / 4; i++) {
            switch (i % 4) {
                case 0 -> bodies.add(event(prefix + i));
                // no occurredAt: a problem for this request only
                case 1 -> bodies.add(Map.of("eventId", prefix + i, "type", "product_view", "customerId", customer));
                // an unknown customer: found out in the group's look-up of customer ids
                case 2 -> bodies.add(Map.of("eventId", prefix + i, "type", "product_view", "occurredAt", AT,
                        "customerId", UUID.randomUUID().toString()));
                default -> bodies.add(List.of(event(prefix + i + "-a"), Map.of("eventId", prefix + i + "-b", "type", "nope",
                        "occurredAt", AT, "customerId", customer), event(prefix + i + "-a")));
            }
        }
        List<ApiClient.Response> responses = concurrently(bodies);
        long expected = 0;
        for (int i = 0; i < bodies.size(); i++) {
            ApiClient.Response r = responses.get(i);
            switch (i % 4) {
                case 0 -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(201);
                    expected++;
                }
                case 1 -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(400);
                    assertThat(r.body()).contains("occurredAt");
                }
                case 2 -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(400);
                    assertThat(r.body()).contains("unknown customer");
                }
                default -> {
                    assertThat(r.status()).as(r.body()).isEqualTo(200);
                    assertThat(r.json().path("stored").asInt()).isEqualTo(1);
                    assertThat(r.json().path("duplicates").asInt()).isEqualTo(1);
                    assertThat(r.json().path("rejected").asInt()).isEqualTo(1);
                    assertThat(r.json().path("results").get(0).path("status").asString()).isEqualTo("STORED");
                    assertThat(r.json().path("results").get(1).path("status").asString()).isEqualTo("REJECTED");
                    assertThat(r.json().path("results").get(1).path("errors").get(0).path("field").asString())
                            .isEqualTo("type");
                    assertThat(r.json().path("results").get(2).path("status").asString()).isEqualTo("DUPLICATE");
                    expected++;
                }
            }
        }
        assertThat(stored(prefix)).isEqualTo(expected);
    }
}
