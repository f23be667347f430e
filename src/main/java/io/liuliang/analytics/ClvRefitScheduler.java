package io.liuliang.analytics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.job.JobId;
import io.liuliang.order.Shops;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.ShopId;

/**
 * The scheduled refit ({@code liuliang.models.clv.refit-cron}, env {@code LIULIANG_CLV_REFIT_CRON}, weekly by
 * default): queues a fit of the whole merchant and of every shop that was fitted on its own before, each with the
 * default periods (calibration up to the configured holdout weeks ago, scored as of today).
 * <p>
 * Every instance's scheduler fires; only one queues the work. The tick (the cron time being run, found from the
 * cron expression so that instances whose clocks differ by a little agree on it) is inserted into
 * {@code clv_refit_tick} in the same transaction as the jobs: the first instance inserts it, the others hit the
 * primary key and skip. The jobs themselves then run once each, on whichever instance claims them.
 */
@Component
class ClvRefitScheduler {

    private static final Logger log = LoggerFactory.getLogger(ClvRefitScheduler.class);
    /** How far back from "now" the tick being run is looked for (covers clock skew and a late trigger). */
    private static final Duration TICK_LOOKBACK = Duration.ofMinutes(10);
    static final String REQUESTED_BY = "scheduler";

    private final ClvService service;
    private final ClvModelStore models;
    private final Shops shops;
    private final ClvProperties properties;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final String instance = UUID.randomUUID().toString();

    ClvRefitScheduler(ClvService service, ClvModelStore models, Shops shops, ClvProperties properties, JdbcClient jdbc,
                      TransactionTemplate tx, Clock clock) {
        this.service = service;
        this.models = models;
        this.shops = shops;
        this.properties = properties;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(cron = "${liuliang.models.clv.refit-cron:0 0 3 * * MON}", zone = "${liuliang.models.clv.zone:Asia/Shanghai}")
    void scheduledRefit() {
        CronExpression cron = CronExpression.parse(properties.refitCron());
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(properties.zone()));
        ZonedDateTime tick = cron.next(now.minus(TICK_LOOKBACK));
        refit(tick == null || tick.isAfter(now.plus(TICK_LOOKBACK)) ? now.toInstant() : tick.toInstant());
    }

    /** Queues the refit of one tick, unless another instance already did; returns the jobs queued. */
    List<JobId> refit(Instant tick) {
        List<JobId> queued = tx.execute(status -> {
            int claimed = jdbc.sql("INSERT INTO clv_refit_tick (tick, claimed_by) VALUES (?, ?) ON CONFLICT DO NOTHING")
                    .params(Timestamp.from(tick), instance).update();
            if (claimed == 0) {
                return List.<JobId>of();
            }
            List<UUID> scopes = new ArrayList<>();
            scopes.add(null);
            for (UUID shop : models.fittedShops()) {
                if (shops.find(new ShopId(shop)).filter(s -> !s.archived()).isPresent()) {
                    scopes.add(shop);
                }
            }
            List<JobId> jobs = new ArrayList<>();
            for (UUID shop : scopes) {
                try {
                    jobs.add(service.submit(service.validate(new ClvFitRequest(shop, null, null), REQUESTED_BY)));
                } catch (ApiProblemException e) {
                    log.info("Scheduled CLV refit of {} skipped: {}", shop == null ? "the whole merchant" : "shop " + shop,
                            e.getMessage());
                }
            }
            return jobs;
        });
        if (queued != null && !queued.isEmpty()) {
            log.info("Scheduled CLV refit for {}: queued {} fit(s)", tick, queued.size());
        }
        return queued == null ? List.of() : queued;
    }
}
