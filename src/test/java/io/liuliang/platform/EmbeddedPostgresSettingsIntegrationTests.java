package io.liuliang.platform;

import org.junit.jupiter.api.Test;

import io.liuliang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded PostgreSQL the application started runs with the settings sized for this machine. */
class EmbeddedPostgresSettingsIntegrationTests extends IntegrationTest {

    private long megabytes(String name) {
        return jdbc.sql("SELECT pg_size_bytes(current_setting(?)) / (1024 * 1024)").param(name).query(Long.class).single();
    }

    @Test
    void theServerRunsWithTheSettingsSizedForThisMachine() {
        EmbeddedPostgresTuning expected = EmbeddedPostgresTuning.of(0, EmbeddedPostgresTuning.physicalMemoryMb());
        assertThat(megabytes("shared_buffers")).isEqualTo(expected.sharedBuffersMb());
        assertThat(megabytes("effective_cache_size")).isEqualTo(expected.effectiveCacheSizeMb());
        assertThat(megabytes("work_mem")).isEqualTo(expected.workMemMb());
        assertThat(megabytes("maintenance_work_mem")).isEqualTo(expected.maintenanceWorkMemMb());
        assertThat(megabytes("max_wal_size")).isEqualTo(4096);
        assertThat(jdbc.sql("SHOW random_page_cost").query(String.class).single()).isEqualTo("1.1");
        assertThat(jdbc.sql("SHOW synchronous_commit").query(String.class).single()).isEqualTo("on");
    }
}
