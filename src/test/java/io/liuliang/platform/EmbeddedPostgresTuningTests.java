package io.liuliang.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedPostgresTuningTests {

    @Test
    void sizedFromTheMachineItTakesAQuarterOfItsMemoryAtMostEightGigabytes() {
        EmbeddedPostgresTuning on24 = EmbeddedPostgresTuning.of(0, 24 * 1024);
        assertThat(on24.memoryMb()).isEqualTo(6 * 1024);
        assertThat(on24.settings()).containsEntry("shared_buffers", "1536MB")
                .containsEntry("effective_cache_size", "4608MB")
                .containsEntry("work_mem", "24MB")
                .containsEntry("maintenance_work_mem", "384MB")
                .containsEntry("max_wal_size", "4096MB")
                .containsEntry("random_page_cost", "1.1");
        assertThat(EmbeddedPostgresTuning.of(0, 256 * 1024).memoryMb()).isEqualTo(8 * 1024);
        assertThat(EmbeddedPostgresTuning.of(0, 256 * 1024).settings()).containsEntry("work_mem", "32MB")
                .containsEntry("maintenance_work_mem", "512MB");
    }

    @Test
    void aConfiguredSizeWinsAndTheSmallestMachineStillGetsWorkableSettings() {
        assertThat(EmbeddedPostgresTuning.of(2048, 24 * 1024).settings()).containsEntry("shared_buffers", "512MB")
                .containsEntry("work_mem", "8MB").containsEntry("maintenance_work_mem", "128MB");
        EmbeddedPostgresTuning unknown = EmbeddedPostgresTuning.of(0, 0);
        assertThat(unknown.memoryMb()).isEqualTo(EmbeddedPostgresTuning.MIN_MEMORY_MB);
        assertThat(unknown.settings()).containsEntry("shared_buffers", "64MB").containsEntry("work_mem", "4MB")
                .containsEntry("maintenance_work_mem", "64MB");
    }
}
