package io.liuliang.journey;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.customer.Customers;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.segment.SegmentMembershipChange;
import io.liuliang.segment.Segments;
import io.liuliang.shared.CustomerId;

/**
 * Segment-driven entries: customers entering a segment (read from the segments' change log by seq, one instance at
 * a time), scheduled sends to a whole segment (a bulk-enrolment job per run, then the next run by the recurrence),
 * and the daily birthday entry.
 */
@Component
class JourneySegmentFeed {

    private static final Logger log = LoggerFactory.getLogger(JourneySegmentFeed.class);
    static final String FEED = "segments";
    static final String BIRTHDAY_FEED = "birthdays";
    static final int PAGE = 5_000;

    private final ObjectProvider<Segments> segments;
    private final ObjectProvider<Jobs> jobs;
    private final Customers customers;
    private final JourneyCatalog catalog;
    private final Enroller enroller;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final ZoneId zone;
    private final TransactionTemplate tx;

    JourneySegmentFeed(ObjectProvider<Segments> segments, ObjectProvider<Jobs> jobs, Customers customers,
                       JourneyCatalog catalog, Enroller enroller, JdbcClient jdbc, Clock clock,
                       PlatformTransactionManager transactions,
                       @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone) {
        this.segments = segments;
        this.jobs = jobs;
        this.customers = customers;
        this.catalog = catalog;
        this.enroller = enroller;
        this.jdbc = jdbc;
        this.clock = clock;
        this.zone = zone;
        this.tx = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${liuliang.journeys.segment-poll-interval:1s}", initialDelayString = "2s")
    void poll() {
        try {
            tx.executeWithoutResult(s -> readEntries());
            dueSends();
        } catch (RuntimeException e) {
            log.warn("Reading segment entries for journeys failed; retried on the next poll", e);
        }
    }

    void readEntries() {
        Optional<Long> locked = jdbc.sql("SELECT coalesce(seq, -1) FROM journey_feed WHERE name = ? FOR UPDATE SKIP LOCKED")
                .param(FEED).query(Long.class).optional();
        if (locked.isEmpty()) {
            return;
        }
        Segments seg = segments.getObject();
        List<CompiledJourney> listening = catalog.active().stream()
                .filter(j -> j.entry().kind() == EntryKind.SEGMENT_ENTERED).toList();
        long position = locked.get();
        if (position < 0 || listening.isEmpty()) {
            // first run, or nobody listens: start from now, so no journey receives a backlog
            save(seg.latestChangeSeq());
            return;
        }
        while (true) {
            List<SegmentMembershipChange> page = seg.changesAfter(position, PAGE);
            if (page.isEmpty()) {
                break;
            }
            Map<CompiledJourney, List<Enroller.Candidate>> entries = new LinkedHashMap<>();
            for (SegmentMembershipChange c : page) {
                if (!c.entered()) {
                    continue;
                }
                for (CompiledJourney j : listening) {
                    if (c.segmentId().equals(j.entry().segmentId()) && !c.at().isBefore(j.publishedAt())) {
                        entries.computeIfAbsent(j, k -> new ArrayList<>())
                                .add(new Enroller.Candidate(c.customerId(), "segment:" + c.seq()));
                    }
                }
            }
            entries.forEach(enroller::enrol);
            position = page.get(page.size() - 1).seq();
            if (page.size() < PAGE) {
                break;
            }
        }
        save(position);
    }

    private void save(long seq) {
        jdbc.sql("UPDATE journey_feed SET seq = ? WHERE name = ?").params(seq, FEED).update();
    }

    /** Claims the scheduled sends that are due and submits a bulk-enrolment job for each. */
    void dueSends() {
        record Due(UUID journeyId, int version, Instant at) {
        }
        List<Due> due = tx.execute(s -> {
            List<Due> claimed = jdbc.sql("SELECT v.journey_id, v.version, v.next_send_at FROM journey_version v "
                            + "JOIN journey j ON j.id = v.journey_id AND j.status = 'active' AND j.current_version = v.version "
                            + "WHERE v.next_send_at <= now() FOR UPDATE OF v SKIP LOCKED")
                    .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getInt(2), rs.getTimestamp(3).toInstant()))
                    .list();
            for (Due d : claimed) {
                CompiledJourney journey = catalog.version(d.journeyId(), d.version());
                Instant next = nextRun(journey.entry().recurrence(), d.at());
                jdbc.sql("UPDATE journey_version SET next_send_at = ? WHERE journey_id = ? AND version = ?")
                        .params(next == null ? null : Enroller.at(next), d.journeyId(), d.version()).update();
                jobs.getObject().submit(new JobSubmission(JourneySegmentSendJob.TYPE,
                        "Enrol segment in journey " + d.journeyId() + " v" + d.version(),
                        "{\"journeyId\":\"" + d.journeyId() + "\",\"version\":" + d.version() + ",\"segmentId\":\""
                                + journey.entry().segmentId() + "\",\"slot\":\"send:" + d.at() + "\"}", null));
            }
            return claimed;
        });
        if (due != null && !due.isEmpty()) {
            log.info("Submitted {} scheduled segment send(s)", due.size());
        }
    }

    Instant nextRun(Recurrence recurrence, Instant last) {
        if (recurrence == null) {
            return null;
        }
        switch (recurrence) {
            case DAILY:
                return last.atZone(zone).plusDays(1).toInstant();
            case WEEKLY:
                return last.atZone(zone).plusWeeks(1).toInstant();
            case MONTHLY:
                return last.atZone(zone).plusMonths(1).toInstant();
            default:
                return null;
        }
    }

    /** Once a day (one instance: the day is claimed on the feed row), enrols today's birthdays. */
    @Scheduled(cron = "${liuliang.journeys.birthday-cron:0 0 9 * * *}", zone = "${liuliang.metrics.timezone:Asia/Shanghai}")
    void birthdays() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        List<CompiledJourney> listening = catalog.active().stream()
                .filter(j -> j.entry().kind() == EntryKind.BIRTHDAY).toList();
        if (listening.isEmpty()) {
            return;
        }
        Boolean claimed = tx.execute(s -> jdbc.sql("INSERT INTO journey_feed (name, at) VALUES (?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET at = excluded.at WHERE journey_feed.at IS DISTINCT FROM excluded.at "
                        + "RETURNING true")
                .params(BIRTHDAY_FEED, Enroller.at(today.atStartOfDay(zone).toInstant())).query(Boolean.class).optional()
                .isPresent());
        if (!Boolean.TRUE.equals(claimed)) {
            return;
        }
        enrolBirthdays(today, listening);
    }

    void enrolBirthdays(LocalDate today, List<CompiledJourney> listening) {
        boolean leap = today.getMonthValue() == 2 && today.getDayOfMonth() == 28 && !today.isLeapYear();
        CustomerId after = null;
        while (true) {
            List<CustomerId> page = customers.bornOnAfter(MonthDay.from(today), leap, after, PAGE);
            if (page.isEmpty()) {
                return;
            }
            tx.executeWithoutResult(s -> {
                for (CompiledJourney j : listening) {
                    enroller.enrol(j, page.stream()
                            .map(c -> new Enroller.Candidate(c, "birthday:" + today.getYear())).toList());
                }
            });
            after = page.get(page.size() - 1);
            if (page.size() < PAGE) {
                return;
            }
        }
    }
}
