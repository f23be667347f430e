package io.liuliang.platform;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The server settings of the embedded PostgreSQL, sized for the memory it may use instead of PostgreSQL's defaults
 * (128 MB of shared buffers, 4 MB per sort, a checkpoint every GB of WAL), which suit a small shared host, not a CRM
 * scanning a million customers or importing millions of order lines on its own machine.
 * <ul>
 * <li>{@code shared_buffers}: a quarter of the memory (PostgreSQL's own advice for a dedicated server);</li>
 * <li>{@code effective_cache_size}: three quarters (what the planner may assume is cached, by it or the OS);</li>
 * <li>{@code work_mem}: per sort or hash of a query, a 256th of the memory within 4–64 MB;</li>
 * <li>{@code maintenance_work_mem} (index builds, vacuum): a 16th within 64 MB – 1 GB;</li>
 * <li>{@code max_wal_size}: 4 GB, so bulk imports are not interrupted by a checkpoint every gigabyte of WAL;</li>
 * <li>{@code random_page_cost} 1.1: storage is solid-state (PostgreSQL's default of 4 assumes spinning disks).</li>
 * </ul>
 *
 * @param memoryMb the memory the server is sized for
 */
record EmbeddedPostgresTuning(long memoryMb) {

    /** When sized from the machine: this share of its physical memory... */
    static final int MACHINE_SHARE_DIVISOR = 4;
    /** ...but never more than this. */
    static final long MAX_AUTO_MEMORY_MB = 8 * 1024;
    /** Nor less (a machine that cannot tell, or a very small one). */
    static final long MIN_MEMORY_MB = 256;
    private static final long MIN_WORK_MEM_MB = 4;
    private static final long MAX_WORK_MEM_MB = 64;
    private static final long MIN_MAINTENANCE_MB = 64;
    private static final long MAX_MAINTENANCE_MB = 1024;
    private static final long MAX_WAL_SIZE_MB = 4 * 1024;
    private static final String SOLID_STATE_RANDOM_PAGE_COST = "1.1";

    EmbeddedPostgresTuning {
        if (memoryMb < MIN_MEMORY_MB) {
            memoryMb = MIN_MEMORY_MB;
        }
    }

    /** Sized for {@code configuredMb}, or from the machine's physical memory when that is 0. */
    static EmbeddedPostgresTuning of(int configuredMb, long physicalMb) {
        if (configuredMb > 0) {
            return new EmbeddedPostgresTuning(configuredMb);
        }
        return new EmbeddedPostgresTuning(Math.min(physicalMb / MACHINE_SHARE_DIVISOR, MAX_AUTO_MEMORY_MB));
    }

    /** The physical memory of this machine in MB, or 0 when the JVM cannot tell. */
    static long physicalMemoryMb() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return 0;
    }

    long sharedBuffersMb() {
        return memoryMb / 4;
    }

    long effectiveCacheSizeMb() {
        return memoryMb * 3 / 4;
    }

    long workMemMb() {
        return clamp(memoryMb / 256, MIN_WORK_MEM_MB, MAX_WORK_MEM_MB);
    }

    long maintenanceWorkMemMb() {
        return clamp(memoryMb / 16, MIN_MAINTENANCE_MB, MAX_MAINTENANCE_MB);
    }

    /** The settings as PostgreSQL reads them. */
    Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("shared_buffers", sharedBuffersMb() + "MB");
        s.put("effective_cache_size", effectiveCacheSizeMb() + "MB");
        s.put("work_mem", workMemMb() + "MB");
        s.put("maintenance_work_mem", maintenanceWorkMemMb() + "MB");
        s.put("max_wal_size", MAX_WAL_SIZE_MB + "MB");
        s.put("random_page_cost", SOLID_STATE_RANDOM_PAGE_COST);
        return s;
    }

    private static long clamp(long v, long min, long max) {
        return Math.max(min, Math.min(max, v));
    }
}
