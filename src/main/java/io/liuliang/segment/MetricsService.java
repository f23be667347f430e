package io.liuliang.segment;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.customer.CustomerUnmerged;
import io.liuliang.customer.CustomersMerged;
import io.liuliang.order.OrdersChanged;
import io.liuliang.shared.CustomerId;

/**
 * Keeps customer metrics current: listeners mark the customers whose orders, refunds, events or identity changed
 * (durably, in {@code metrics_dirty}); a worker drains the marks every {@code drainInterval}, recomputes those
 * customers set-based and announces what changed. A full RFM + lifecycle recompute (new boundaries, stages moved
 * by the passage of time) runs daily, on start when the scale is stale, after a large import and on demand.
 */
@Service
class MetricsService {

    private static final Logger log = LoggerFactory.getLogger(MetricsService.class);
    /** Keeps concurrent full recomputes (instances, the schedule and an operator) from overlapping. */
    private static final long RECOMPUTE_LOCK = 0x524d4652L; // "RMFR"
    private static final int ANNOUNCE_CHUNK = 10_000;

    private final JdbcClient jdbc;
    private final MetricsCalculator calculator;
    private final MetricsSettingsStore settings;
    private final RfmScaleStore scales;
    private final MetricsProperties properties;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    private final Clock clock;

    MetricsService(JdbcClient jdbc, MetricsCalculator calculator, MetricsSettingsStore settings, RfmScaleStore scales,
                   MetricsProperties properties, ApplicationEventPublisher publisher, PlatformTransactionManager txManager,
                   Clock clock) {
        this.jdbc = jdbc;
        this.calculator = calculator;
        this.settings = settings;
        this.scales = scales;
        this.properties = properties;
        this.publisher = publisher;
        this.tx = new TransactionTemplate(txManager);
        this.clock = clock;
    }

    // ---- marking

    @ApplicationModuleListener
    void on(OrdersChanged event) {
        mark(event.customers());
    }

    @ApplicationModuleListener
    void on(CustomersMerged event) {
        mark(List.of(event.survivor(), event.merged()));
    }

    @ApplicationModuleListener
    void on(CustomerUnmerged event) {
        mark(List.of(event.survivor(), event.restored()));
    }

    void mark(Collection<CustomerId> customers) {
        if (customers.isEmpty()) {
            return;
        }
        // appended, never upserted: an upsert would wait for a worker holding this customer's claimed mark
        jdbc.sql("INSERT INTO metrics_dirty (customer_id) SELECT unnest(?::uuid[])")
                .param(MetricsCalculator.uuidArray(customers.stream().map(CustomerId::value).toList())).update();
    }

    // ---- the worker

    java.time.ZoneId timezone() {
        return properties.timezone();
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(properties.timezone()));
    }

    @Scheduled(fixedDelayString = "${liuliang.metrics.drain-interval:500ms}", initialDelayString = "${liuliang.metrics.drain-interval:500ms}")
    void work() {
        try {
            long drained = drain();
            var scale = scales.current();
            boolean stale = scale.isEmpty() || scale.get().asOf().isBefore(today());
            if (!stale && drained > 0) {
                int purchasers = scales.purchasers();
                stale = Math.abs(purchasers - scale.get().customers()) > Math.max(1, properties.rescaleShare() * scale.get().customers());
            }
            if (stale) {
                recomputeAll(settings.get());
            }
        } catch (RuntimeException e) {
            log.warn("Metrics worker failed; the marked customers stay marked and are retried", e);
        }
    }

    /** Recomputes every marked customer; returns how many marks were drained. */
    long drain() {
        long total = 0;
        while (true) {
            Integer done = tx.execute(status -> drainBatch());
            if (done == null || done == 0) {
                return total;
            }
            total += done;
        }
    }

    private int drainBatch() {
        List<UUID> marks = jdbc.sql("DELETE FROM metrics_dirty WHERE ctid = ANY (ARRAY(SELECT ctid FROM metrics_dirty "
                        + "ORDER BY marked_at LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING customer_id")
                .param(properties.drainBatch()).query(UUID.class).list();
        if (marks.isEmpty()) {
            return 0;
        }
        // a busy customer is marked again and again: recomputed once
        List<UUID> ids = List.copyOf(new java.util.LinkedHashSet<>(marks));
        MetricsCalculator.Outcome outcome = calculator.recompute(ids, today(), settings.get().lifecycle());
        announce(outcome);
        return marks.size();
    }

    private void announce(MetricsCalculator.Outcome outcome) {
        List<UUID> changed = outcome.changed();
        for (int from = 0; from < changed.size(); from += ANNOUNCE_CHUNK) {
            Set<CustomerId> chunk = changed.subList(from, Math.min(changed.size(), from + ANNOUNCE_CHUNK)).stream()
                    .map(CustomerId::new).collect(Collectors.toSet());
            publisher.publishEvent(new CustomerMetricsChanged(chunk));
        }
        if (outcome.stageChanges() > 0) {
            publisher.publishEvent(new LifecycleStagesChanged(outcome.firstChangeSeq(), outcome.lastChangeSeq(),
                    outcome.stageChanges()));
        }
    }

    // ---- full recomputes

    /** What a full RFM + lifecycle recompute did and how long its steps took. */
    record Recompute(LocalDate asOf, RfmScale scale, int stageChanges, Duration scaleTime, Duration stageTime,
                     boolean snapshotTaken) {
    }

    /** New RFM boundaries as of today and every customer's lifecycle stage moved on; serialised across instances. */
    Recompute recomputeAll(MetricsSettings current) {
        return tx.execute(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(RECOMPUTE_LOCK).query((rs, n) -> 1).list();
            LocalDate today = today();
            long start = System.nanoTime();
            boolean sameThresholds = scales.stagedWith().filter(current.lifecycle()::equals).isPresent();
            RfmScale scale = scales.compute(current, today);
            scales.save(scale, current, properties.timezone());
            long scaled = System.nanoTime();
            // stages set with other thresholds (or never recorded) are all checked; with the same ones, time can only
            // have moved them forward since
            MetricsCalculator.Outcome staged = sameThresholds ? calculator.restageForward(today, current.lifecycle())
                    : calculator.restageAll(today, current.lifecycle());
            long restaged = System.nanoTime();
            announce(staged);
            publisher.publishEvent(new RfmScaleChanged(today));
            boolean snapshot = snapshotIfMissing(YearMonth.from(today));
            return new Recompute(today, scale, staged.stageChanges(), Duration.ofNanos(scaled - start),
                    Duration.ofNanos(restaged - scaled), snapshot);
        });
    }

    /**
     * Recomputes the metrics of every customer from their orders and events (after a bulk load, or to repair), then
     * the scale and stages. {@code progress} receives the customers done.
     */
    Recompute rebuildAll(UUID resumeAfter, LongConsumer progress, java.util.function.Consumer<UUID> checkpoint) {
        return rebuildAll(resumeAfter, properties.rebuildChunk(), progress, checkpoint);
    }

    /** {@link #rebuildAll(UUID, LongConsumer, java.util.function.Consumer)} in steps of {@code chunk} customers. */
    Recompute rebuildAll(UUID resumeAfter, int chunk, LongConsumer progress, java.util.function.Consumer<UUID> checkpoint) {
        MetricsSettings current = settings.get();
        UUID after = resumeAfter == null ? new UUID(0, 0) : resumeAfter; // PostgreSQL orders uuids as unsigned bytes
        long done = 0;
        while (true) {
            UUID from = after;
            List<MetricsCalculator.Outcome> outcomes = new ArrayList<>();
            MetricsCalculator.Range range = tx.execute(status -> calculator.recomputeRange(from, chunk, today(),
                    current.lifecycle(), outcomes));
            if (range == null) {
                break;
            }
            outcomes.forEach(o -> tx.executeWithoutResult(s -> announce(o)));
            after = range.lastId();
            done += range.customers();
            progress.accept(done);
            checkpoint.accept(after);
        }
        tx.executeWithoutResult(s -> calculator.removeMergedAway());
        settle();
        return recomputeAll(current);
    }

    /**
     * Vacuums and analyses the tables a rebuild rewrote, as autovacuum would a minute or so later: until then the
     * planner has stale statistics and no visibility map, and counts a segment by probing a million rows one by one
     * (a 5-condition preview at 1M customers took 434 ms before the vacuum, 91 ms after). Skipped inside a caller's
     * transaction, where VACUUM cannot run.
     */
    private void settle() {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return;
        }
        for (String table : List.of("customer_metrics_base", PurchaseFacts.TABLE)) {
            try {
                jdbc.sql("VACUUM (ANALYZE) " + table).update();
            } catch (RuntimeException e) {
                log.warn("Could not vacuum {} after the metrics rebuild; autovacuum will", table, e);
            }
        }
    }

    long pending() {
        return jdbc.sql("SELECT count(*) FROM metrics_dirty").query(Long.class).single();
    }

    long liveCustomers() {
        return jdbc.sql("SELECT count(*) FROM customer WHERE merged_into IS NULL").query(Long.class).single();
    }

    @Scheduled(cron = "${liuliang.metrics.recompute-cron:0 10 0 * * *}", zone = "${liuliang.metrics.timezone:Asia/Shanghai}")
    void daily() {
        Recompute r = recomputeAll(settings.get());
        log.info("Daily RFM + lifecycle recompute as of {}: {} stage changes (scale {} ms, stages {} ms)", r.asOf(),
                r.stageChanges(), r.scaleTime().toMillis(), r.stageTime().toMillis());
    }

    // ---- snapshots

    private boolean snapshotIfMissing(YearMonth month) {
        boolean exists = jdbc.sql("SELECT EXISTS (SELECT 1 FROM rfm_snapshot WHERE month = ?)").param(month.atDay(1))
                .query(Boolean.class).single();
        if (exists) {
            return false;
        }
        takeSnapshot(month);
        return true;
    }

    /** Stores every customer's RFM now as the snapshot of {@code month} (replacing an earlier one). */
    int takeSnapshot(YearMonth month) {
        jdbc.sql("DELETE FROM rfm_snapshot WHERE month = ?").param(month.atDay(1)).update();
        return jdbc.sql("""
                        INSERT INTO rfm_snapshot (month, customer_id, recency_days, frequency, monetary, r_score, f_score, m_score, rfm_segment)
                        SELECT ?, customer_id, recency_days, order_count, net_spent, r_score, f_score, m_score, rfm_segment
                        FROM customer_metrics""")
                .param(month.atDay(1)).update();
    }
}
