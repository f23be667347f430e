package io.liuliang.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The 360° view over HTTP ({@code GET /api/v1/customers/{id}} with an API token) for random customers of the 1M
 * dataset, at a fixed offered load (open loop: request i is due at start + i / rate whatever happened before, and its
 * latency counts from when it was due, so a stall shows in the percentiles), while event ingestion runs concurrently
 * (batches of 100 events for random customers at a fixed rate). It starts once the metrics and segment workers have
 * caught up with the dataset's load (the steady state), and requests the views with {@link BenchHttpClient}, whose CPU
 * is measured on its own and reported apart from the server's. Rates and duration: {@code -Dliuliang.bench.rate}
 * (1000 requests/s), {@code -Dliuliang.bench.seconds} (30), {@code -Dliuliang.bench.events-per-second} (2000).
 */
class CustomerViewBenchmark extends DatasetBenchmark {

    private static final int CLIENT_THREADS = 64;
    private static final int SAMPLE = 100_000;
    private static final int EVENT_BATCH = 100;
    private static final int WARM_UP_REQUESTS = 2_000;
    private static final java.time.Duration BACKLOG_TIMEOUT = java.time.Duration.ofMinutes(60);
    private static final java.time.Duration BACKLOG_POLL = java.time.Duration.ofSeconds(15);

    @Test
    void viewWhileIngesting() throws Exception {
        int rate = Integer.getInteger("liuliang.bench.rate", 1_000);
        int seconds = Integer.getInteger("liuliang.bench.seconds", 30);
        int eventsPerSecond = Integer.getInteger("liuliang.bench.events-per-second", 2_000);
        BenchDataset.Loaded data = dataset();
        List<UUID> customers = BenchDataset.shuffled(data.randomCustomers(jdbc, SAMPLE, 42), 42);
        assertThat(customers).hasSizeGreaterThan(SAMPLE / 2);

        ApiClient operator = signedIn("OPERATOR");
        String reader = operator.post("/api/v1/tokens", Map.of("name", "bench-360", "expiresInDays", 1,
                "permissions", List.of("customer.read"))).json().path("secret").asString();
        String writer = operator.post("/api/v1/tokens", Map.of("name", "bench-events", "expiresInDays", 1,
                "permissions", List.of("event.write", "customer.write"))).json().path("secret").asString();
        ApiClient ingester = ApiClient.withToken(port, writer);
        double backlogSeconds = awaitMetricsBacklog();
        try (BenchHttpClient viewer = new BenchHttpClient(port, reader)) {
            measure(viewer, ingester, customers, data, rate, seconds, eventsPerSecond, backlogSeconds);
        }
    }

    /**
     * Waits until the metrics and segment workers have caught up with the load (a freshly loaded million customers
     * keeps them busy for minutes, and the views would be measured against that work instead of the steady state);
     * returns how long it took.
     */
    private double awaitMetricsBacklog() throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + BACKLOG_TIMEOUT.toNanos();
        long backlog;
        do {
            backlog = jdbc.sql("SELECT (SELECT count(*) FROM metrics_dirty) + (SELECT count(*) FROM segment_dirty)")
                    .query(Long.class).single();
            if (backlog == 0) {
                break;
            }
            System.out.println("Waiting for the metrics backlog: " + backlog + " customers marked");
            Thread.sleep(BACKLOG_POLL.toMillis());
        } while (System.nanoTime() < deadline);
        assertThat(backlog).as("the metrics backlog after %s", BACKLOG_TIMEOUT).isZero();
        return (System.nanoTime() - start) / 1e9;
    }

    private void measure(BenchHttpClient viewer, ApiClient ingester, List<UUID> customers, BenchDataset.Loaded data,
                         int rate, int seconds, int eventsPerSecond, double backlogSeconds) throws Exception {
        for (int i = 0; i < WARM_UP_REQUESTS; i++) {
            assertThat(viewer.get("/api/v1/customers/" + customers.get(i % customers.size())).status()).isEqualTo(200);
        }
        EventCpuMeter cpu = new EventCpuMeter(jdbc);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong eventsStored = new AtomicLong();
        Thread ingestion = new Thread(() -> ingest(ingester, customers, eventsPerSecond, stop, eventsStored), "bench-ingest");
        ingestion.start();

        int total = rate * seconds;
        long[] latency = new long[total];
        int[] status = new int[total];
        ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
        long start = System.nanoTime();
        long ingestStart = eventsStored.get();
        EventCpuMeter.Usage atStart = cpu.now();
        long clientAtStart = viewer.cpuNanos();
        for (int i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int n = i;
            UUID customer = customers.get(i % customers.size());
            pool.execute(() -> {
                BenchHttpClient.Reply response = viewer.get("/api/v1/customers/" + customer);
                latency[n] = System.nanoTime() - due;
                status[n] = response.status();
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.MINUTES)).isTrue();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long events = eventsStored.get() - ingestStart;
        EventCpuMeter.Usage atEnd = cpu.now();
        double clientMicros = (viewer.cpuNanos() - clientAtStart) / 1_000.0 / total;
        stop.set(true);
        ingestion.join();

        long errors = java.util.Arrays.stream(status).filter(s -> s != 200).count();
        double achieved = total / elapsed;
        double p99 = BenchResult.percentile(latency, 99);
        BenchResult result = new BenchResult("customer-360-view", "benchmark dataset (demo, seed " + data.seed() + ", "
                + data.customers() + " customers, " + data.orders() + " orders), " + customers.size()
                + " random customers, API token", "p99 <= 25 ms at >= 1,000 req/s while ingesting")
                .figure("offeredRequestsPerSecond", rate)
                .figure("achievedRequestsPerSecond", Math.round(achieved))
                .figure("requests", total)
                .figure("errors", errors)
                .figure("clientThreads", CLIENT_THREADS)
                .figure("p50Ms", BenchResult.percentile(latency, 50))
                .figure("p90Ms", BenchResult.percentile(latency, 90))
                .figure("p99Ms", p99)
                .figure("p999Ms", BenchResult.percentile(latency, 99.9))
                .figure("maxMs", BenchResult.percentile(latency, 100))
                .figure("concurrentEventsPerSecond", Math.round(events / elapsed))
                .figure("offeredEventsPerSecond", eventsPerSecond)
                .figure("serverJvmCpuMicrosPerView", Math.round(atEnd.jvmMicrosSince(atStart) / total - clientMicros))
                .figure("clientCpuMicrosPerView", Math.round(clientMicros))
                .figure("postgresCpuMicrosPerView", Math.round(atEnd.postgresMicrosSince(atStart) / total))
                .figure("secondsWaitedForMetricsBacklog", Math.round(backlogSeconds))
                .figure("loadAverageAtEnd", ImportBenchmark.loadAverage())
                .put("meetsBudget", errors == 0 && achieved >= 1_000 && p99 <= 25);
        System.out.println("Wrote " + result.write("customer-360-view.json"));
    }

    /** Posts batches of events for random customers of the sample at a fixed rate until told to stop. */
    private static void ingest(ApiClient client, List<UUID> customers, int eventsPerSecond, AtomicBoolean stop,
                               AtomicLong stored) {
        long start = System.nanoTime();
        long batches = 0;
        java.util.Random random = new java.util.Random(7);
        while (!stop.get()) {
            long due = start + (long) (batches * EVENT_BATCH * 1e9 / eventsPerSecond);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            List<Map<String, Object>> batch = new ArrayList<>(EVENT_BATCH);
            for (int k = 0; k < EVENT_BATCH; k++) {
                batch.add(Map.of("eventId", "bench-" + UUID.randomUUID(), "type", "product_view",
                        "occurredAt", Instant.now().toString(),
                        "customerId", customers.get(random.nextInt(customers.size())).toString(),
                        "properties", Map.of("sku", "SKU-" + random.nextInt(500), "channel", "app")));
            }
            ApiClient.Response response = client.post("/api/v1/events", batch);
            if (response.status() < 300) {
                stored.addAndGet(response.json().path("stored").asLong());
            }
            batches++;
        }
    }
}
