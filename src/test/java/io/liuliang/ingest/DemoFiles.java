package io.liuliang.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The demo generator for tests and benchmarks outside this package: writes the demo merchant's orders as the
 * {@code generic} import template (gzipped), and names its shops, which must exist before the file is imported.
 * Deterministic by seed: the same arguments give the same bytes.
 */
public final class DemoFiles {

    /** A shop of the demo merchant: its name (as the file's {@code shop} column says), platform code, zone, currency. */
    public record DemoShop(String name, String platform, String timezone, String currency) {
    }

    /** What was written. */
    public record Written(Path file, long lines, long orders, long customers, long csvBytes) {
    }

    private DemoFiles() {
    }

    public static List<DemoShop> shops() {
        return DemoMerchant.DEFAULT_SHOPS.stream().map(s -> new DemoShop(s.name(), s.platform().code(),
                DemoMerchant.SHANGHAI.getId(), DemoMerchant.CNY.getCurrencyCode())).toList();
    }

    /** Writes the orders of {@code customers} customers (about {@code orders} orders) to {@code file} (.gz: gzipped). */
    public static Written writeOrders(long seed, int customers, long orders, Path file) throws IOException {
        DemoOrders demo = new DemoOrders(DemoMerchant.of(seed, customers, orders));
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        DemoCsvWriter.Stats stats;
        try (OutputStream out = Files.newOutputStream(file)) {
            stats = new DemoCsvWriter(demo).write(out, DemoCsvWriter.Compression.forFileName(file.toString()));
        }
        return new Written(file, stats.lines(), stats.orders(), stats.customers(), stats.bytes());
    }

    /** The header line of the files written (the generic template's columns). */
    public static String header() {
        return DemoCsvWriter.HEADER;
    }
}
