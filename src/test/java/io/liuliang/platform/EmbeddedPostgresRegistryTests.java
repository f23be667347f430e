package io.liuliang.platform;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddedPostgresRegistryTests {

    @Test
    void aDataDirectoryLockedByAnotherProcessIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        try (FileChannel channel = FileChannel.open(dir.resolve(EmbeddedPostgresRegistry.LOCK_FILE),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            channel.write(ByteBuffer.wrap("4242".getBytes(StandardCharsets.UTF_8)));
            assertThatThrownBy(() -> EmbeddedPostgresRegistry.acquire(dir, 0))
                    .isInstanceOf(DataDirectoryInUseException.class)
                    .hasMessageContaining(dir.toString())
                    .hasMessageContaining("pid 4242");
            assertThat(lock.isValid()).isTrue();
        }
        assertThat(Files.exists(dir.resolve(EmbeddedPostgresRegistry.PG_SUBDIR))).isFalse();
    }

    @Test
    void theFailureAnalysisTellsWhatToDo() {
        FailureAnalysis analysis = new DataDirectoryInUseFailureAnalyzer()
                .analyze(new IllegalStateException(new DataDirectoryInUseException(Path.of("/srv/liuliang"), " (pid 7)")));
        assertThat(analysis.getDescription()).contains("/srv/liuliang").contains("pid 7");
        assertThat(analysis.getAction()).contains("LIULIANG_DATA_DIR").contains("LIULIANG_DB_URL");
    }
}
