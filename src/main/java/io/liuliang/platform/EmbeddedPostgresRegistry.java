package io.liuliang.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Runs the embedded PostgreSQL (zonky's binaries) on a persistent data directory.
 * <p>
 * One server per data directory per JVM, shared by every application context of that JVM (tests start several)
 * and stopped when the last one closes. A lock file with the owner's pid guards the directory across processes,
 * so a second Liuliang started on the same directory fails with a clear message. A PostgreSQL left running by a
 * process that was killed is stopped before the new start.
 */
final class EmbeddedPostgresRegistry {

    static final String PG_SUBDIR = "pg";
    static final String LOCK_FILE = "liuliang.lock";
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresRegistry.class);
    private static final Map<Path, Running> RUNNING = new HashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresRegistry::closeAll, "embedded-pg-shutdown"));
    }

    private EmbeddedPostgresRegistry() {
    }

    /** A reference to the running server; closing the last reference stops it. */
    static final class Lease implements DatabaseServer {
        private final Path dataDir;
        private final Running running;
        private boolean closed;

        private Lease(Path dataDir, Running running) {
            this.dataDir = dataDir;
            this.running = running;
        }

        @Override
        public String jdbcUrl() {
            return running.postgres.getJdbcUrl("postgres", "postgres");
        }

        @Override
        public String user() {
            return "postgres";
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public String description() {
            return "embedded PostgreSQL on port " + running.postgres.getPort() + ", data in " + dataDir.resolve(PG_SUBDIR);
        }

        @Override
        public void close() {
            synchronized (EmbeddedPostgresRegistry.class) {
                if (closed) {
                    return;
                }
                closed = true;
                running.leases--;
                if (running.leases == 0) {
                    RUNNING.remove(dataDir);
                    running.stop();
                }
            }
        }
    }

    private static final class Running {
        final EmbeddedPostgres postgres;
        final FileChannel lockChannel;
        final FileLock lock;
        int leases;

        Running(EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock) {
            this.postgres = postgres;
            this.lockChannel = lockChannel;
            this.lock = lock;
        }

        void stop() {
            try {
                postgres.close();
                log.info("Embedded PostgreSQL stopped");
            } catch (IOException e) {
                log.error("Embedded PostgreSQL did not stop cleanly", e);
            } finally {
                try {
                    lock.release();
                    lockChannel.close();
                } catch (IOException e) {
                    log.warn("Could not release the data directory lock", e);
                }
            }
        }
    }

    static synchronized Lease acquire(Path dataDir, int port) {
        return acquire(dataDir, port, EmbeddedPostgresTuning.of(0, EmbeddedPostgresTuning.physicalMemoryMb()));
    }

    static synchronized Lease acquire(Path dataDir, int port, EmbeddedPostgresTuning tuning) {
        Path dir = dataDir.toAbsolutePath().normalize();
        Running running = RUNNING.get(dir);
        if (running == null) {
            running = start(dir, port, tuning);
            RUNNING.put(dir, running);
        }
        running.leases++;
        return new Lease(dir, running);
    }

    private static Running start(Path dir, int port, EmbeddedPostgresTuning tuning) {
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(dir);
            Path lockFile = dir.resolve(LOCK_FILE);
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                String holder = Files.readString(lockFile).strip();
                channel.close();
                throw new DataDirectoryInUseException(dir, holder.isEmpty() ? "" : " (pid " + holder + ")");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);

            Path pgDir = dir.resolve(PG_SUBDIR);
            stopOrphanedPostmaster(pgDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(STARTUP_WAIT)
                    .setServerConfig("max_connections", "200")
                    // the embedded library turns this off by default; the API promises that what it acknowledged is
                    // on disk (a WAL flush costs ~150 µs here, and concurrent commits share it)
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("timezone", "UTC");
            tuning.settings().forEach(builder::setServerConfig);
            if (port > 0) {
                builder.setPort(port);
            }
            boolean fresh = !Files.exists(pgDir.resolve("PG_VERSION"));
            EmbeddedPostgres postgres = builder.start();
            log.info("Embedded PostgreSQL {} on port {} with data in {}, sized for {} MB: {}",
                    fresh ? "initialised and started" : "started", postgres.getPort(), pgDir, tuning.memoryMb(),
                    tuning.settings());
            return new Running(postgres, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel, lock);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel, lock);
            throw e;
        }
    }

    /**
     * We hold the directory lock, so no Liuliang process owns this data directory: a postmaster still running
     * on it was left behind by a process that was killed. Stop it (fast shutdown) so this start can proceed.
     */
    private static void stopOrphanedPostmaster(Path pgDir) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (process.isEmpty()) {
            return;
        }
        log.warn("A PostgreSQL (pid {}) left running by a previous Liuliang that did not shut down is being stopped", pid);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            process.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the orphaned PostgreSQL " + pid, e);
        } catch (Exception e) {
            throw new IOException("The orphaned PostgreSQL " + pid + " did not stop; stop it by hand", e);
        }
    }

    private static void closeQuietly(FileChannel channel, FileLock lock) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException ignored) {
            // best effort after a failed start
        }
    }

    private static synchronized void closeAll() {
        RUNNING.values().forEach(Running::stop);
        RUNNING.clear();
    }
}
