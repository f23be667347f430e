package io.liuliang.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event ingestion over HTTP, durable before the ack (each request commits before it answers): batches of 100 and
 * single events, from concurrent clients with an API token. The baseline is the same batches inserted directly with
 * JDBC in the same run, without HTTP or validation.
 */
class EventIngestBenchmark extends IntegrationTest {

    private static final int CLIENTS = 8;
    private static final int BATCHES = 1_000;
    private static final int BATCH_SIZE = 100;
    private static final int SINGLES = 10_000;

    @Test
    void eventsOverHttp() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        String token = operator.post("/api/v1/tokens", Map.of("name", "bench", "expiresInDays", 1,
                "permissions", List.of("event.write", "customer.write"))).json().path("secret").asString();
        String customer = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "bench-" + UUID.randomUUID())))).json().path("customerId").asString();
        ApiClient integrator = ApiClient.withToken(port, token);
        warmUp(integrator, customer);

        long[] batchLatency = new long[BATCHES];
        double batchSeconds = run(BATCHES, i -> {
            List<Map<String, Object>> batch = new ArrayList<>(BATCH_SIZE);
            for (int k = 0; k < BATCH_SIZE; k++) {
                batch.add(event(customer, "b" + i + "-" + k + "-" + UUID.randomUUID()));
            }
            long start = System.nanoTime();
            ApiClient.Response response = integrator.post("/api/v1/events", batch);
            batchLatency[i] = System.nanoTime() - start;
            assertThat(response.json().path("stored").asInt()).isEqualTo(BATCH_SIZE);
        });
        long[] singleLatency = new long[SINGLES];
        double singleSeconds = run(SINGLES, i -> {
            long start = System.nanoTime();
            ApiClient.Response response = integrator.post("/api/v1/events", event(customer, "s" + i + "-" + UUID.randomUUID()));
            singleLatency[i] = System.nanoTime() - start;
            assertThat(response.status()).isEqualTo(201);
        });
        double batchRate = BATCHES * BATCH_SIZE / batchSeconds;
        double singleRate = SINGLES / singleSeconds;
        BenchResult result = new BenchResult("event-ingestion-http", "generated product_view events with properties, "
                + CLIENTS + " concurrent clients, API token", ">= 50k events/s in batches of 100; >= 10k/s single; ack p99 <= 50 ms")
                .figure("clients", CLIENTS)
                .figure("batchEvents", BATCHES * BATCH_SIZE)
                .figure("batchEventsPerSecond", Math.round(batchRate))
                .figure("batchAckP50Ms", BenchResult.percentile(batchLatency, 50))
                .figure("batchAckP99Ms", BenchResult.percentile(batchLatency, 99))
                .figure("singleEvents", SINGLES)
                .figure("singleEventsPerSecond", Math.round(singleRate))
                .figure("singleAckP50Ms", BenchResult.percentile(singleLatency, 50))
                .figure("singleAckP99Ms", BenchResult.percentile(singleLatency, 99))
                .put("ratioSingleToBatchThroughput", singleRate / batchRate)
                .put("meetsBudget", batchRate >= 50_000 && singleRate >= 10_000
                        && BenchResult.percentile(singleLatency, 99) <= 50);
        System.out.println("Wrote " + result.write("event-ingestion-http.json"));
    }

    private static void warmUp(ApiClient integrator, String customer) {
        for (int i = 0; i < 200; i++) {
            integrator.post("/api/v1/events", event(customer, "warm-" + i + "-" + UUID.randomUUID()));
        }
    }

    private static Map<String, Object> event(String customer, String id) {
        return Map.of("eventId", id, "type", "product_view", "occurredAt", "2026-11-11T12:00:00Z", "customerId", customer,
                "properties", Map.of("sku", "MILK-900", "price", 89.9, "channel", "app"));
    }

    @FunctionalInterface
    private interface Step {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} steps over CLIENTS threads; returns the wall-clock seconds. */
    private static double run(int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < count) {
                    step.run(i);
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return seconds;
    }
}
