package io.liuliang.shared;

import java.time.YearMonth;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Monthly range partitions of append-heavy tables (events, the points ledger), named {@code <parent>_yYYYYmMM}.
 * A month is created as a table of its own and then attached: {@code CREATE TABLE … PARTITION OF} would take an
 * ACCESS EXCLUSIVE lock on the parent and wait behind every open reader while later inserts and reads queue behind
 * it; ATTACH takes SHARE UPDATE EXCLUSIVE, which readers and writers do not conflict with. Callers serialise
 * creation across instances themselves (an advisory lock in their transaction).
 */
public final class MonthlyPartitions {

    private MonthlyPartitions() {
    }

    public static String name(String parent, YearMonth month) {
        return String.format("%s_y%04dm%02d", parent, month.getYear(), month.getMonthValue());
    }

    /**
     * Creates this month's and next month's partitions of {@code parent} unless they exist, serialised across
     * instances by the advisory lock {@code lock}; call it in a transaction.
     */
    public static void ensureAhead(JdbcClient jdbc, String parent, long lock, YearMonth now) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(lock).query((rs, n) -> 1).list();
        ensure(jdbc, parent, now);
        ensure(jdbc, parent, now.plusMonths(1));
    }

    /** Creates and attaches the month's partition of {@code parent} (a trusted table name) unless it exists. */
    public static void ensure(JdbcClient jdbc, String parent, YearMonth month) {
        String name = name(parent, month);
        if (jdbc.sql("SELECT to_regclass(?) IS NOT NULL").param(name).query(Boolean.class).single()) {
            return;
        }
        jdbc.sql("CREATE TABLE " + name + " (LIKE " + parent + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)").update();
        jdbc.sql("ALTER TABLE " + parent + " ATTACH PARTITION " + name + " FOR VALUES FROM ('" + month.atDay(1)
                + " 00:00:00+00') TO ('" + month.plusMonths(1).atDay(1) + " 00:00:00+00')").update();
    }
}
