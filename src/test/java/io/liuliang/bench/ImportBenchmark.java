package io.liuliang.bench;

import java.io.InputStream;
import java.nio.file.Files;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;

import io.liuliang.support.ApiClient;
import io.liuliang.support.Datasets;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import of the UCI Online Retail file (541,909 lines) through the API and job, against a raw {@code COPY} of the
 * same file into a bare table in the same run. Three rounds each; medians, the ratio of throughputs, the import's
 * own per-pass timings, and the CPU seconds (JVM + PostgreSQL) of both, whose ratio does not depend on how busy the
 * machine is.
 */
class ImportBenchmark extends IntegrationTest {

    private static final int ROUNDS = 3;

    @Autowired
    private DataSource dataSource;

    @Test
    void importAgainstRawCopy() throws Exception {
        byte[] file = Files.readAllBytes(Datasets.onlineRetail());
        CpuMeter cpu = new CpuMeter(dataSource);
        double[] copySeconds = new double[ROUNDS];
        double[] copyCpu = new double[ROUNDS];
        double[] importSeconds = new double[ROUNDS];
        double[] importCpu = new double[ROUNDS];
        double[] importCpuJava = new double[ROUNDS];
        double[] importCpuPostgres = new double[ROUNDS];
        double[][] passes = new double[3][ROUNDS];
        long lines = 0;
        for (int round = 0; round < ROUNDS; round++) {
            CpuMeter.Sample before = cpu.sample();
            copySeconds[round] = rawCopy();
            copyCpu[round] = cpu.sample().minus(before).total();
            ApiClient operator = signedIn("OPERATOR");
            String shop = operator.post("/api/v1/shops", Map.of("platform", "other", "name", uniqueName("bench shop"),
                    "timezone", "Europe/London", "currency", "GBP")).json().path("id").asString();
            before = cpu.sample();
            Instant start = Instant.now();
            String id = operator.postMultipart("/api/v1/imports", Map.of("shopId", shop), "online_retail.csv.gz", file)
                    .json().path("id").asString();
            JsonNode run = await(operator, id);
            assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
            importSeconds[round] = Duration.between(start, Instant.now()).toMillis() / 1000.0;
            CpuMeter.Sample used = cpu.sample().minus(before);
            importCpu[round] = used.total();
            importCpuJava[round] = used.javaSeconds();
            importCpuPostgres[round] = used.postgresSeconds();
            lines = run.path("linesRead").asLong();
            passes[0][round] = run.path("timings").path("stageMillis").asLong() / 1000.0;
            passes[1][round] = run.path("timings").path("resolveMillis").asLong() / 1000.0;
            passes[2][round] = run.path("timings").path("storeMillis").asLong() / 1000.0;
        }
        double copy = BenchResult.median(copySeconds);
        double imported = BenchResult.median(importSeconds);
        double copyRate = lines / copy;
        double importRate = lines / imported;
        double cpuRatio = BenchResult.median(copyCpu) / BenchResult.median(importCpu);
        BenchResult result = new BenchResult("import-online-retail", "UCI Online Retail, online_retail.csv.gz, "
                + lines + " lines", ">= 250k lines/s and >= 1/3 of a raw COPY of the same file")
                .figure("lines", lines)
                .figure("rounds", ROUNDS)
                .figure("rawCopySecondsMedian", copy)
                .figure("importSecondsMedian", imported)
                .figure("rawCopyLinesPerSecond", Math.round(copyRate))
                .figure("importLinesPerSecond", Math.round(importRate))
                .figure("importSecondsPerRound", importSeconds)
                .figure("rawCopySecondsPerRound", copySeconds)
                .figure("passSecondsMedian", Map.of("stage", BenchResult.median(passes[0]),
                        "resolve", BenchResult.median(passes[1]), "store", BenchResult.median(passes[2])))
                .figure("rawCopyCpuSecondsMedian", BenchResult.median(copyCpu))
                .figure("importCpuSecondsMedian", BenchResult.median(importCpu))
                .figure("importCpuSecondsPerRound", importCpu)
                .figure("importJavaCpuSecondsPerRound", importCpuJava)
                .figure("importPostgresCpuSecondsPerRound", importCpuPostgres)
                .figure("importLinesPerCpuSecond", Math.round(lines / BenchResult.median(importCpu)))
                .figure("loadAverageAtEnd", loadAverage())
                .put("ratioImportToRawCopy", importRate / copyRate)
                .put("ratioImportToRawCopyByCpu", cpuRatio)
                .put("meetsBudget", importRate >= 250_000 && importRate / copyRate >= 1.0 / 3);
        System.out.println("Wrote " + result.write("import-online-retail.json"));
    }

    static JsonNode await(ApiClient client, String importId) throws InterruptedException {
        JsonNode run;
        do {
            Thread.sleep(200);
            run = client.get("/api/v1/imports/" + importId).json();
        } while (!Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(run.path("status").asString()));
        return run;
    }

    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Seconds to decompress the file and COPY its lines into a bare table, as the baseline. */
    private double rawCopy() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("DROP TABLE IF EXISTS bench_raw_copy");
            c.createStatement().execute("CREATE TABLE bench_raw_copy (invoice_no text, stock_code text, description text, "
                    + "quantity text, invoice_date text, unit_price text, customer_id text, country text)");
            long start = System.nanoTime();
            try (InputStream in = new GZIPInputStream(Files.newInputStream(Datasets.onlineRetail()))) {
                c.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_raw_copy FROM STDIN (FORMAT csv, HEADER true)", in);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.createStatement().execute("DROP TABLE bench_raw_copy");
            return seconds;
        }
    }
}
