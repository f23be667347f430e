package io.liuliang.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;

import io.liuliang.ingest.DemoFiles;
import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import of about 10 million generated order lines (the demo merchant, seed 7: 550,000 customers, ~5.6 million
 * orders, with receivers' names, phones, e-mails and addresses to encrypt) through the API and job, into an empty
 * database, against a raw {@code COPY} of the same file into a bare table in the same run. One round (the file names
 * its shops, so a second round would only re-import; the lead reruns the benchmark for medians); the file is
 * generated once into {@code bench/.data/files/}.
 */
class GeneratedImportBenchmark extends IntegrationTest {

    private static final long SEED = 7;
    /** The sizes of the budget's run; {@code -Dliuliang.bench.customers} and {@code .orders} scale it (profiling). */
    private static final int CUSTOMERS = Integer.getInteger("liuliang.bench.customers", 550_000);
    private static final long ORDERS = Long.getLong("liuliang.bench.orders", 5_560_000L);
    private static final int COLUMNS = 22;

    @Autowired
    private DataSource dataSource;

    @Test
    void generatedLinesAgainstRawCopy() throws Exception {
        int rounds = 1;
        Path file = Path.of(System.getProperty("liuliang.bench-data-dir", "bench/.data"), "files",
                "demo-" + SEED + "-" + CUSTOMERS + "-" + ORDERS + ".csv.gz");
        DemoFiles.Written written = Files.exists(file) ? null : DemoFiles.writeOrders(SEED, CUSTOMERS, ORDERS, file);
        CpuMeter cpu = new CpuMeter(dataSource);
        ApiClient operator = signedIn("OPERATOR");
        double[] copySeconds = new double[rounds];
        double[] copyCpu = new double[rounds];
        double[] importSeconds = new double[rounds];
        double[] importCpu = new double[rounds];
        double[][] passes = new double[3][rounds];
        long lines = 0;
        long orders = 0;
        for (int round = 0; round < rounds; round++) {
            CpuMeter.Sample before = cpu.sample();
            copySeconds[round] = rawCopy(file);
            copyCpu[round] = cpu.sample().minus(before).total();
            String suffix = "";
            UUID firstShop = null;
            for (DemoFiles.DemoShop shop : DemoFiles.shops()) {
                UUID id = jdbc.sql("SELECT id FROM shop WHERE lower(name) = lower(?)").param(shop.name() + suffix)
                        .query(UUID.class).optional().orElseGet(() -> UUID.fromString(operator.post("/api/v1/shops",
                                Map.of("platform", shop.platform(), "name", shop.name() + suffix, "timezone", shop.timezone(),
                                        "currency", shop.currency())).json().path("id").asString()));
                firstShop = firstShop == null ? id : firstShop;
            }
            before = cpu.sample();
            Instant start = Instant.now();
            ApiClient.Response upload = operator.postMultipartFile("/api/v1/imports",
                    Map.of("shopId", firstShop.toString(), "profile", "generic"), file.getFileName().toString(), file,
                    Duration.ofHours(1));
            assertThat(upload.status()).as(upload.body()).isEqualTo(201);
            JsonNode run = ImportBenchmark.await(operator, upload.json().path("id").asString());
            assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
            importSeconds[round] = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            importCpu[round] = cpu.sample().minus(before).total();
            lines = run.path("linesRead").asLong();
            orders = run.path("ordersCreated").asLong();
            passes[0][round] = run.path("timings").path("stageMillis").asLong() / 1000.0;
            passes[1][round] = run.path("timings").path("resolveMillis").asLong() / 1000.0;
            passes[2][round] = run.path("timings").path("storeMillis").asLong() / 1000.0;
        }
        double copy = BenchResult.median(copySeconds);
        double imported = BenchResult.median(importSeconds);
        double copyRate = lines / copy;
        double importRate = lines / imported;
        BenchResult result = new BenchResult("import-generated", "demo merchant, seed " + SEED + ", " + CUSTOMERS
                + " customers, " + lines + " lines, " + orders + " orders, generic CSV (gzipped)",
                ">= 250k lines/s and >= 1/3 of a raw COPY of the same file")
                .figure("lines", lines)
                .figure("orders", orders)
                .figure("rounds", rounds)
                .figure("rawCopySecondsMedian", copy)
                .figure("importSecondsMedian", imported)
                .figure("rawCopyLinesPerSecond", Math.round(copyRate))
                .figure("importLinesPerSecond", Math.round(importRate))
                .figure("passSecondsMedian", Map.of("stage", BenchResult.median(passes[0]),
                        "resolve", BenchResult.median(passes[1]), "store", BenchResult.median(passes[2])))
                .figure("rawCopyCpuSecondsMedian", BenchResult.median(copyCpu))
                .figure("importCpuSecondsMedian", BenchResult.median(importCpu))
                .figure("importLinesPerCpuSecond", Math.round(lines / BenchResult.median(importCpu)))
                .figure("fileGeneratedThisRun", written != null)
                .figure("loadAverageAtEnd", ImportBenchmark.loadAverage())
                .put("ratioImportToRawCopy", importRate / copyRate)
                .put("ratioImportToRawCopyByCpu", BenchResult.median(copyCpu) / BenchResult.median(importCpu))
                .put("meetsBudget", importRate >= 250_000 && importRate / copyRate >= 1.0 / 3);
        System.out.println("Wrote " + result.write("import-generated.json"));
    }

    /** Seconds to decompress the file and COPY its lines into a bare table of text columns, as the baseline. */
    private double rawCopy(Path file) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DROP TABLE IF EXISTS bench_raw_generated");
            StringBuilder columns = new StringBuilder();
            for (int i = 0; i < COLUMNS; i++) {
                columns.append(i == 0 ? "" : ", ").append("c").append(i).append(" text");
            }
            c.createStatement().execute("CREATE TABLE bench_raw_generated (" + columns + ")");
            long start = System.nanoTime();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_raw_generated FROM STDIN (FORMAT csv, HEADER true)", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.createStatement().execute("DROP TABLE bench_raw_generated");
            return seconds;
        }
    }
}
