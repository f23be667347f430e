package io.liuliang.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one benchmark's result as JSON under {@code bench/results/}: what was measured, on which machine, with which
 * dataset, the figures, and the ratio against the run's own baseline.
 */
final class BenchResult {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    BenchResult(String name, String dataset, String budget) {
        root.put("benchmark", name);
        root.put("at", Instant.now().toString());
        root.put("dataset", dataset);
        root.put("budget", budget);
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("physicalMemoryMiB", physicalMemoryMiB());
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        root.put("machine", machine);
        root.put("figures", figures);
    }

    BenchResult figure(String key, Object value) {
        figures.put(key, value);
        return this;
    }

    BenchResult put(String key, Object value) {
        root.put(key, value);
        return this;
    }

    Path write(String fileName) throws IOException {
        Path dir = Path.of(System.getProperty("liuliang.bench-results", "bench/results"));
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName);
        Files.writeString(file, JSON.writeValueAsString(root) + System.lineSeparator());
        return file;
    }

    private static long physicalMemoryMiB() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
    }
}
