package io.liuliang.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event ingestion over HTTP, durable before the ack (each request commits before it answers): batches of 100 and
 * single events, from concurrent clients with an API token. The request bodies are serialised before the clock
 * starts (as a load generator would), so the figures measure the server, not the in-process client's JSON writing.
 * The baseline is the same batches and single events inserted directly with JDBC in the same run, from as many
 * threads, each insert its own durable transaction, without HTTP or validation. {@code -Dbench.clients=N} changes
 * the number of concurrent clients (default 8).
 * <p>
 * On a machine shared with other work the rates say little; the CPU time each phase costs per event (this JVM, client
 * included, and the PostgreSQL server's processes, from {@code /proc}) does not depend on the neighbours as much, and
 * bounds the rate on an idle machine: 2 cores / (JVM + PostgreSQL CPU per event).
 */
class EventIngestBenchmark extends IntegrationTest {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    /** The events' columns as arrays, unnested: what the store does, minus HTTP, validation and One-ID. */
    private static final String BASELINE_INSERT = """
            INSERT INTO behaviour_event (event_id, occurred_at, type, customer_id, properties, source)
            SELECT e.id, e.at::timestamptz, 'product_view', e.customer::uuid, e.properties::jsonb, 'baseline'
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS e(id, at, customer, properties)
            ON CONFLICT (event_id, occurred_at) DO NOTHING""";
    private static final int BATCHES = 1_000;
    private static final int BATCH_SIZE = 100;
    private static final int SINGLES = 10_000;
    private static final int WARM_UP_BATCHES = 50;
    private static final String OCCURRED_AT = "2026-11-11T12:00:00Z";
    private static final String PROPERTIES = "{\"sku\": \"MILK-900\", \"price\": 89.9, \"channel\": \"app\"}";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void eventsOverHttp() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        String token = operator.post("/api/v1/tokens", Map.of("name", "bench", "expiresInDays", 1,
                "permissions", List.of("event.write", "customer.write"))).json().path("secret").asString();
        String customer = operator.post("/api/v1/customers:identify", Map.of("identities",
                List.of(Map.of("type", "device_id", "value", "bench-" + UUID.randomUUID())))).json().path("customerId").asString();
        ApiClient integrator = ApiClient.withToken(port, token);
        warmUp(integrator, customer);

        String[] batchBodies = new String[BATCHES];
        for (int i = 0; i < BATCHES; i++) {
            List<Map<String, Object>> batch = new ArrayList<>(BATCH_SIZE);
            for (int k = 0; k < BATCH_SIZE; k++) {
                batch.add(event(customer, "b" + i + "-" + k + "-" + UUID.randomUUID()));
            }
            batchBodies[i] = JSON.writeValueAsString(batch);
        }
        String[] singleBodies = new String[SINGLES];
        for (int i = 0; i < SINGLES; i++) {
            singleBodies[i] = JSON.writeValueAsString(event(customer, "s" + i + "-" + UUID.randomUUID()));
        }

        EventCpuMeter cpu = new EventCpuMeter(jdbc);
        EventCpuMeter.Usage atStart = cpu.now();
        double jdbcBatchSeconds = run(BATCHES, i -> baselineInsert(customer, "jb" + i + "-", BATCH_SIZE));
        EventCpuMeter.Usage afterJdbcBatches = cpu.now();
        double jdbcSingleSeconds = run(SINGLES, i -> baselineInsert(customer, "js" + i + "-", 1));
        EventCpuMeter.Usage afterJdbcSingles = cpu.now();

        long[] batchLatency = new long[BATCHES];
        double batchSeconds = run(BATCHES, i -> {
            long start = System.nanoTime();
            ApiClient.Response response = integrator.post("/api/v1/events", batchBodies[i]);
            batchLatency[i] = System.nanoTime() - start;
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().path("stored").asInt()).isEqualTo(BATCH_SIZE);
        });
        EventCpuMeter.Usage afterBatches = cpu.now();
        long[] singleLatency = new long[SINGLES];
        double singleSeconds = run(SINGLES, i -> {
            long start = System.nanoTime();
            ApiClient.Response response = integrator.post("/api/v1/events", singleBodies[i]);
            singleLatency[i] = System.nanoTime() - start;
            assertThat(response.status()).as(response.body()).isEqualTo(201);
        });
        EventCpuMeter.Usage afterSingles = cpu.now();
        double jdbcBatchRate = BATCHES * BATCH_SIZE / jdbcBatchSeconds;
        double jdbcSingleRate = SINGLES / jdbcSingleSeconds;
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
                .figure("batchJvmCpuMicrosPerEvent", afterBatches.jvmMicrosSince(afterJdbcSingles) / (BATCHES * BATCH_SIZE))
                .figure("batchPostgresCpuMicrosPerEvent", afterBatches.postgresMicrosSince(afterJdbcSingles) / (BATCHES * BATCH_SIZE))
                .figure("singleJvmCpuMicrosPerEvent", afterSingles.jvmMicrosSince(afterBatches) / SINGLES)
                .figure("singlePostgresCpuMicrosPerEvent", afterSingles.postgresMicrosSince(afterBatches) / SINGLES)
                .figure("jdbcBaselineBatchPostgresCpuMicrosPerEvent", afterJdbcBatches.postgresMicrosSince(atStart) / (BATCHES * BATCH_SIZE))
                .figure("jdbcBaselineSinglePostgresCpuMicrosPerEvent", afterJdbcSingles.postgresMicrosSince(afterJdbcBatches) / SINGLES)
                .figure("jdbcBaselineBatchEventsPerSecond", Math.round(jdbcBatchRate))
                .figure("jdbcBaselineSingleEventsPerSecond", Math.round(jdbcSingleRate))
                .put("ratioSingleToBatchThroughput", singleRate / batchRate)
                .put("ratioBatchToJdbcBaseline", batchRate / jdbcBatchRate)
                .put("ratioSingleToJdbcBaseline", singleRate / jdbcSingleRate)
                .put("meetsBudget", batchRate >= 50_000 && singleRate >= 10_000
                        && BenchResult.percentile(singleLatency, 99) <= 50 && BenchResult.percentile(batchLatency, 99) <= 50);
        System.out.println("Wrote " + result.write("event-ingestion-http.json"));
    }

    private static void warmUp(ApiClient integrator, String customer) {
        for (int i = 0; i < 200; i++) {
            integrator.post("/api/v1/events", event(customer, "warm-" + i + "-" + UUID.randomUUID()));
        }
        for (int i = 0; i < WARM_UP_BATCHES; i++) {
            List<Map<String, Object>> batch = new ArrayList<>(BATCH_SIZE);
            for (int k = 0; k < BATCH_SIZE; k++) {
                batch.add(event(customer, "warm-b" + i + "-" + k + "-" + UUID.randomUUID()));
            }
            integrator.post("/api/v1/events", batch);
        }
    }

    /** One durable transaction inserting {@code size} events straight into the table. */
    private void baselineInsert(String customer, String prefix, int size) {
        String[] ids = new String[size];
        String[] times = new String[size];
        String[] customers = new String[size];
        String[] properties = new String[size];
        for (int k = 0; k < size; k++) {
            ids[k] = prefix + k + "-" + UUID.randomUUID();
            times[k] = OCCURRED_AT;
            customers[k] = customer;
            properties[k] = PROPERTIES;
        }
        assertThat(jdbc.sql(BASELINE_INSERT).params(ids, times, customers, properties).update()).isEqualTo(size);
    }

    private static Map<String, Object> event(String customer, String id) {
        return Map.of("eventId", id, "type", "product_view", "occurredAt", OCCURRED_AT, "customerId", customer,
                "properties", Map.of("sku", "MILK-900", "price", 89.9, "channel", "app"));
    }

    private static double run(int count, ConcurrentSteps.Step step) throws Exception {
        return ConcurrentSteps.run(CLIENTS, count, step);
    }
}
