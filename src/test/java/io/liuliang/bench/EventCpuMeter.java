package io.liuliang.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * CPU time used so far by this JVM, by its JIT compiler threads, and by the PostgreSQL server it talks to (the
 * postmaster and its children), read from Linux's {@code /proc} (-1 elsewhere), for figures per unit of work that
 * hold up on a busy machine. The JIT's share is told apart because on a busy machine it keeps compiling the
 * application's many warm methods for minutes, a cost of the run's youth rather than of the work measured (the
 * compiler threads HotSpot starts and stops on its own are counted while they live).
 */
final class EventCpuMeter {

    /** Linux reports process times in clock ticks of 1/100 s on every common architecture. */
    private static final long MICROS_PER_TICK = 10_000;
    private static final int PPID = 1;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;

    record Usage(long jvmNanos, long jitTicks, long postgresTicks) {

        double jvmMicrosSince(Usage earlier) {
            return (jvmNanos - earlier.jvmNanos) / 1_000.0;
        }

        /** CPU time of the JIT compiler threads, -1 where /proc is not there. */
        double jitMicrosSince(Usage earlier) {
            return jitTicks < 0 ? -1 : (jitTicks - earlier.jitTicks) * (double) MICROS_PER_TICK;
        }

        double postgresMicrosSince(Usage earlier) {
            return postgresTicks < 0 ? -1 : (postgresTicks - earlier.postgresTicks) * (double) MICROS_PER_TICK;
        }
    }

    private final long postmaster;

    EventCpuMeter(JdbcClient jdbc) {
        long backend = jdbc.sql("SELECT pg_backend_pid()").query(Long.class).single();
        String[] stat = stat(backend);
        this.postmaster = stat == null ? -1 : Long.parseLong(stat[PPID]);
    }

    Usage now() {
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        return new Usage(jvm, jitTicks(), postgresTicks());
    }

    /** The CPU ticks of this JVM's compiler threads ("C1 CompilerThread0", "C2 CompilerThread1", ...). */
    private static long jitTicks() {
        long ticks = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc/self/task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String line;
                try {
                    line = Files.readString(thread.resolve("stat"));
                } catch (IOException e) {
                    continue;
                }
                String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    String[] stat = line.substring(line.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(stat[UTIME]) + Long.parseLong(stat[STIME]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks;
    }

    private long postgresTicks() {
        if (postmaster < 0) {
            return -1;
        }
        long ticks = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String[] stat = stat(pid);
                if (stat == null) {
                    continue;
                }
                if (pid == postmaster) {
                    ticks += Long.parseLong(stat[UTIME]) + Long.parseLong(stat[STIME]) + Long.parseLong(stat[CUTIME])
                            + Long.parseLong(stat[CSTIME]);
                } else if (Long.parseLong(stat[PPID]) == postmaster) {
                    ticks += Long.parseLong(stat[UTIME]) + Long.parseLong(stat[STIME]);
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks;
    }

    /** The fields of /proc/pid/stat after the command name (state first), or null if the process is gone. */
    private static String[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return line.substring(line.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
