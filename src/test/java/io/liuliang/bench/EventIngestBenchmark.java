package io.liuliang.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Instant;
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
 * The clients are {@link BenchHttpClient}s (one keep-alive connection per client thread, as a load generator keeps):
 * their CPU time is measured on their own threads and reported apart, so the server's share of this JVM's CPU is
 * known. Right before each measured phase, its request shape runs from as many clients in rounds until the JIT
 * compilers are nearly idle, so that the figures are those of the compiled request path (the compilation time spent
 * while measuring is reported too, and the CPU of the compiler threads: on a machine shared with other builds the
 * JIT keeps compiling the application's warm methods for minutes, however long the warm-up). Each phase
 * prints when it starts and ends, to find it in a flight recording taken with {@code -Dbench.jvmArgs}.
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
    /**
     * Measured rounds of each shape: one round of batches lasts about two seconds, so the rate is the median round's,
     * not one short run's that the JIT's last compilations and a neighbour's burst can swing.
     */
    private static final int ROUNDS = Integer.getInteger("liuliang.bench.rounds", 5);
    private static final int WARM_UP_BATCHES = BATCHES / 2;
    private static final int WARM_UP_SINGLES = SINGLES / 2;
    private static final String EVENTS = "/api/v1/events";
    private static final int WARM_UP_ROUNDS = 4;
    /** Compilation time, as a share of a warm-up round's wall time, below which the JIT counts as settled. */
    private static final double JIT_QUIET_SHARE = 0.05;
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
        try (BenchHttpClient integrator = new BenchHttpClient(port, token)) {
            measure(integrator, customer);
        }
    }

    private void measure(BenchHttpClient integrator, String customer) throws Exception {
        byte[][] warmUpBatches = batchBodies(customer, "warm-b", WARM_UP_BATCHES * WARM_UP_ROUNDS);
        byte[][] warmUpSingles = singleBodies(customer, "warm-s", WARM_UP_SINGLES * WARM_UP_ROUNDS);
        byte[][] batchBodies = batchBodies(customer, "b", BATCHES);
        byte[][] singleBodies = singleBodies(customer, "s", SINGLES);
        // the first event stored creates the partition of the events' month, which the baseline inserts into too
        assertThat(integrator.post(EVENTS, singleBodies(customer, "first", 1)[0]).status()).isEqualTo(201);

        EventCpuMeter cpu = new EventCpuMeter(jdbc);
        EventCpuMeter.Usage atStart = cpu.now();
        double jdbcBatchSeconds = run(BATCHES, i -> baselineInsert(customer, "jb" + i + "-", BATCH_SIZE));
        EventCpuMeter.Usage afterJdbcBatches = cpu.now();
        double jdbcSingleSeconds = run(SINGLES, i -> baselineInsert(customer, "js" + i + "-", 1));
        EventCpuMeter.Usage afterJdbcSingles = cpu.now();

        warmUp(WARM_UP_BATCHES, i -> assertThat(integrator.post(EVENTS, warmUpBatches[i]).status()).isEqualTo(200));
        long[] batchLatency = new long[BATCHES * ROUNDS];
        double[] batchRates = new double[ROUNDS];
        EventCpuMeter.Usage atBatches = cpu.now();
        long clientAtBatches = integrator.cpuNanos();
        long compileAtBatches = compileMillis();
        System.out.println("Batches start " + Instant.now());
        for (int round = 0; round < ROUNDS; round++) {
            byte[][] bodies = round == 0 ? batchBodies : batchBodies(customer, "b" + round + "-", BATCHES);
            int offset = round * BATCHES;
            double seconds = run(BATCHES, i -> {
                long start = System.nanoTime();
                BenchHttpClient.Reply response = integrator.post(EVENTS, bodies[i]);
                batchLatency[offset + i] = System.nanoTime() - start;
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(JSON.readTree(response.body()).path("stored").asInt()).isEqualTo(BATCH_SIZE);
            });
            batchRates[round] = BATCHES * BATCH_SIZE / seconds;
        }
        EventCpuMeter.Usage afterBatches = cpu.now();
        long clientAfterBatches = integrator.cpuNanos();
        long compileAfterBatches = compileMillis();
        System.out.println("Batches end " + Instant.now());
        warmUp(WARM_UP_SINGLES, i -> assertThat(integrator.post(EVENTS, warmUpSingles[i]).status()).isEqualTo(201));
        EventCpuMeter.Usage atSingles = cpu.now();
        long clientAtSingles = integrator.cpuNanos();
        long compileAtSingles = compileMillis();
        System.out.println("Singles start " + Instant.now());
        long[] singleLatency = new long[SINGLES * ROUNDS];
        double[] singleRates = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            byte[][] bodies = round == 0 ? singleBodies : singleBodies(customer, "s" + round + "-", SINGLES);
            int offset = round * SINGLES;
            double seconds = run(SINGLES, i -> {
                long start = System.nanoTime();
                BenchHttpClient.Reply response = integrator.post(EVENTS, bodies[i]);
                singleLatency[offset + i] = System.nanoTime() - start;
                assertThat(response.status()).as(response.body()).isEqualTo(201);
            });
            singleRates[round] = SINGLES / seconds;
        }
        EventCpuMeter.Usage afterSingles = cpu.now();
        long clientAfterSingles = integrator.cpuNanos();
        long compileAfterSingles = compileMillis();
        System.out.println("Singles end " + Instant.now());
        long batchEvents = (long) BATCHES * BATCH_SIZE * ROUNDS;
        long singleEvents = (long) SINGLES * ROUNDS;
        double batchClientMicros = (clientAfterBatches - clientAtBatches) / 1_000.0 / batchEvents;
        double singleClientMicros = (clientAfterSingles - clientAtSingles) / 1_000.0 / singleEvents;
        double batchJvmMicros = afterBatches.jvmMicrosSince(atBatches) / batchEvents;
        double singleJvmMicros = afterSingles.jvmMicrosSince(atSingles) / singleEvents;
        double jdbcBatchRate = BATCHES * BATCH_SIZE / jdbcBatchSeconds;
        double jdbcSingleRate = SINGLES / jdbcSingleSeconds;
        double batchRate = BenchResult.median(batchRates);
        double singleRate = BenchResult.median(singleRates);
        BenchResult result = new BenchResult("event-ingestion-http", "generated product_view events with properties, "
                + CLIENTS + " concurrent clients, API token", ">= 50k events/s in batches of 100; >= 10k/s single; ack p99 <= 50 ms")
                .figure("clients", CLIENTS)
                .figure("rounds", ROUNDS)
                .figure("batchEvents", batchEvents)
                .figure("batchEventsPerSecond", Math.round(batchRate))
                .figure("batchEventsPerSecondByRound", java.util.Arrays.stream(batchRates).map(Math::rint).toArray())
                .figure("batchAckP50Ms", BenchResult.percentile(batchLatency, 50))
                .figure("batchAckP99Ms", BenchResult.percentile(batchLatency, 99))
                .figure("singleEvents", singleEvents)
                .figure("singleEventsPerSecond", Math.round(singleRate))
                .figure("singleEventsPerSecondByRound", java.util.Arrays.stream(singleRates).map(Math::rint).toArray())
                .figure("singleAckP50Ms", BenchResult.percentile(singleLatency, 50))
                .figure("singleAckP99Ms", BenchResult.percentile(singleLatency, 99))
                .figure("batchJvmCpuMicrosPerEvent", batchJvmMicros)
                .figure("batchClientCpuMicrosPerEvent", round(batchClientMicros))
                .figure("batchServerJvmCpuMicrosPerEvent", round(batchJvmMicros - batchClientMicros))
                .figure("batchJitCpuMicrosPerEvent", round(afterBatches.jitMicrosSince(atBatches) / batchEvents))
                .figure("batchPostgresCpuMicrosPerEvent", afterBatches.postgresMicrosSince(atBatches) / batchEvents)
                .figure("singleJvmCpuMicrosPerEvent", singleJvmMicros)
                .figure("singleClientCpuMicrosPerEvent", round(singleClientMicros))
                .figure("singleServerJvmCpuMicrosPerEvent", round(singleJvmMicros - singleClientMicros))
                .figure("singleJitCpuMicrosPerEvent", round(afterSingles.jitMicrosSince(atSingles) / singleEvents))
                .figure("singlePostgresCpuMicrosPerEvent", afterSingles.postgresMicrosSince(atSingles) / singleEvents)
                .figure("jitCompileMillisDuringBatches", compileAfterBatches - compileAtBatches)
                .figure("jitCompileMillisDuringSingles", compileAfterSingles - compileAtSingles)
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

    /** Request bodies of {@code count} batches of new events, serialised before the clock starts. */
    private static byte[][] batchBodies(String customer, String prefix, int count) {
        byte[][] bodies = new byte[count][];
        for (int i = 0; i < count; i++) {
            List<Map<String, Object>> batch = new ArrayList<>(BATCH_SIZE);
            for (int k = 0; k < BATCH_SIZE; k++) {
                batch.add(event(customer, prefix + i + "-" + k + "-" + UUID.randomUUID()));
            }
            bodies[i] = JSON.writeValueAsBytes(batch);
        }
        return bodies;
    }

    private static byte[][] singleBodies(String customer, String prefix, int count) {
        byte[][] bodies = new byte[count][];
        for (int i = 0; i < count; i++) {
            bodies[i] = JSON.writeValueAsBytes(event(customer, prefix + i + "-" + UUID.randomUUID()));
        }
        return bodies;
    }

    /** Milliseconds the JIT compilers have spent so far (-1 when the JVM does not say). */
    private static long compileMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * Runs rounds of {@code perRound} warm-up steps (numbered on across rounds) until the JIT compilers spent at most
     * {@link #JIT_QUIET_SHARE} of a round's wall time compiling, at most {@link #WARM_UP_ROUNDS} rounds. A fixed count
     * is not enough: under load the JVM raises its compile thresholds with the length of its compile queue, so on a
     * busy machine the request path is compiled many thousands of requests later than on an idle one.
     */
    private static void warmUp(int perRound, ConcurrentSteps.Step step) throws Exception {
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            int first = round * perRound;
            long compiledBefore = compileMillis();
            double seconds = run(perRound, i -> step.run(first + i));
            long compiled = compileMillis() - compiledBefore;
            System.out.printf("Warm-up round %d: %.1f s, %d ms compiling%n", round + 1, seconds, compiled);
            if (compiledBefore < 0 || compiled <= seconds * 1_000 * JIT_QUIET_SHARE) {
                return;
            }
        }
    }

    private static double round(double micros) {
        return Math.round(micros * 10) / 10.0;
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
