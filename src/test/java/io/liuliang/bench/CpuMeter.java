package io.liuliang.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

/**
 * CPU time used by this JVM and by the embedded PostgreSQL (its postmaster, the backends it has reaped and those
 * alive), from {@code /proc}. On a shared machine wall-clock figures swing with the neighbours' load; CPU seconds
 * per line do not, so the benchmarks record both. Returns -1 for PostgreSQL where {@code /proc} is missing.
 */
final class CpuMeter {

    /** Linux's USER_HZ, the unit of the times in {@code /proc/<pid>/stat}, on every common platform. */
    private static final double TICKS_PER_SECOND = 100.0;
    private final long postmaster;

    CpuMeter(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long backend = rs.getLong(1);
            postmaster = ProcessHandle.of(backend).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
        }
    }

    /** CPU seconds so far: this JVM and PostgreSQL. */
    record Sample(double javaSeconds, double postgresSeconds) {

        Sample minus(Sample earlier) {
            return new Sample(javaSeconds - earlier.javaSeconds, postgresSeconds - earlier.postgresSeconds);
        }

        double total() {
            return javaSeconds + postgresSeconds;
        }
    }

    Sample sample() {
        double java = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            java = os.getProcessCpuTime() / 1e9;
        }
        return new Sample(java, postgresSeconds());
    }

    private double postgresSeconds() {
        if (postmaster < 0) {
            return -1;
        }
        long[] ticks = {stat(postmaster, true)};
        ProcessHandle.of(postmaster).ifPresent(p -> p.children().forEach(child -> ticks[0] += Math.max(0, stat(child.pid(), false))));
        return ticks[0] < 0 ? -1 : ticks[0] / TICKS_PER_SECOND;
    }

    /** utime + stime (and the reaped children's when asked) of a process, in ticks; -1 when unreadable. */
    private static long stat(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command (which is in parentheses and may contain spaces)
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            if (withChildren) {
                ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
