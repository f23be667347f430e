package io.liuliang.bench;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import io.liuliang.platform.LiuliangProperties;
import io.liuliang.support.IntegrationTest;

/**
 * Base of the benchmarks over the shared 1M-customer dataset ({@link BenchDataset}): their application runs on the
 * persistent data directory {@code bench/.data} (override with {@code -Dliuliang.bench-data-dir=...}), where the
 * dataset is loaded once and kept. Benchmarks that need a fresh database extend {@link IntegrationTest} instead.
 */
@TestPropertySource(properties = "liuliang.data-dir=${liuliang.bench-data-dir:bench/.data}")
abstract class DatasetBenchmark extends IntegrationTest {

    @Autowired
    private LiuliangProperties properties;

    private static BenchDataset.Loaded loaded;

    /** The dataset, loaded on first use (once per data directory, then found by its marker). */
    protected BenchDataset.Loaded dataset() throws Exception {
        if (loaded == null) {
            loaded = BenchDataset.ensure(properties.dataDir(), jdbc, signedIn("OPERATOR"));
        }
        return loaded;
    }

    protected java.nio.file.Path dataDir() {
        return properties.dataDir();
    }
}
