package io.liuliang.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;

/**
 * Drains {@code segment_dirty} (customers announced by orders, metrics, events and merges) every
 * {@code liuliang.segments.worker-interval}, and starts the periodic full pass every
 * {@code liuliang.segments.full-pass-interval} (one instance at a time: an advisory lock plus the time of the last
 * start in {@code segment_full_pass}).
 */
@Component
class SegmentWorker {

    private static final Logger log = LoggerFactory.getLogger(SegmentWorker.class);
    static final int BATCH = 2_000;
    private static final long FULL_PASS_LOCK = 0x5e67_0001L;

    private final JdbcClient jdbc;
    private final SegmentMembership membership;
    private final Jobs jobs;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final Duration fullPassInterval;

    SegmentWorker(JdbcClient jdbc, SegmentMembership membership, Jobs jobs, PlatformTransactionManager transactions,
                  Clock clock, @Value("${liuliang.segments.full-pass-interval:PT1H}") Duration fullPassInterval) {
        this.jdbc = jdbc;
        this.membership = membership;
        this.jobs = jobs;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.fullPassInterval = fullPassInterval;
    }

    /** Marks customers for a re-check, inside the caller's transaction. */
    void mark(Collection<UUID> customers, boolean events) {
        if (customers.isEmpty()) {
            return;
        }
        // appended, never upserted: an upsert would wait for a worker holding this customer's claimed mark
        jdbc.sql("INSERT INTO segment_dirty (customer_id, events, facts) SELECT unnest(?::uuid[]), ?, ?")
                .params(customers.toArray(UUID[]::new), events, !events).update();
    }

    /** Marks the customers of a range of recorded stage changes ({@code lifecycle_change.seq}) for a re-check. */
    void markStageChanges(long firstSeq, long lastSeq) {
        jdbc.sql("INSERT INTO segment_dirty (customer_id, events, facts) SELECT DISTINCT customer_id, false, true "
                + "FROM lifecycle_change WHERE seq BETWEEN ? AND ?").params(firstSeq, lastSeq).update();
    }

    @Scheduled(fixedDelayString = "${liuliang.segments.worker-interval:PT0.25S}", initialDelayString = "PT2S")
    void drain() {
        try {
            boolean more = true;
            while (more) {
                Integer claimed = tx.execute(status -> {
                    // a customer marked several times is re-checked once: on its facts if any mark says so
                    java.util.Set<UUID> facts = new java.util.LinkedHashSet<>();
                    java.util.Set<UUID> events = new java.util.LinkedHashSet<>();
                    int[] marks = {0};
                    jdbc.sql("DELETE FROM segment_dirty WHERE ctid = ANY (ARRAY(SELECT ctid FROM segment_dirty "
                                    + "ORDER BY marked_at LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING customer_id, events, facts")
                            .param(BATCH)
                            .query(rs -> {
                                marks[0]++;
                                UUID id = rs.getObject(1, UUID.class);
                                (rs.getBoolean(3) ? facts : events).add(id);
                            });
                    events.removeAll(facts);
                    membership.recheck(new ArrayList<>(facts), new ArrayList<>(events));
                    return marks[0];
                });
                more = claimed != null && claimed == BATCH;
            }
        } catch (RuntimeException e) {
            log.warn("Segment re-check failed (will retry): {}", e.getMessage(), e);
        }
    }

    @Scheduled(fixedDelayString = "${liuliang.segments.full-pass-check:PT1M}", initialDelayString = "PT1M")
    void fullPass() {
        try {
            tx.executeWithoutResult(status -> {
                boolean locked = Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
                        .param(FULL_PASS_LOCK).query(Boolean.class).single());
                if (!locked) {
                    return;
                }
                OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
                int due = jdbc.sql("INSERT INTO segment_full_pass (id, started_at) VALUES (1, ?) ON CONFLICT (id) DO "
                                + "UPDATE SET started_at = excluded.started_at WHERE segment_full_pass.started_at < ?")
                        .params(now, now.minus(fullPassInterval)).update();
                if (due > 0) {
                    jobs.submit(new JobSubmission(SegmentRefreshJob.TYPE, "Refresh all segments and rule tags",
                            "{\"all\":true}", null));
                }
            });
        } catch (RuntimeException e) {
            log.warn("Could not start the segment full pass: {}", e.getMessage());
        }
    }
}
