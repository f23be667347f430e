package io.liuliang.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.event.EventType;
import io.liuliang.event.Events;
import io.liuliang.event.ObservedEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads newly received behaviour events (of the types journeys react to) every few hundred milliseconds: enrols
 * customers in journeys that start on such an event and wakes enrolments waiting for it. One instance reads at a
 * time, and the same one while it lives (the feed's row lock and a lease it renews on every read, so its in-memory
 * de-duplication of re-read events holds; another instance takes over when the lease runs out); each read goes back {@code overlap} before the last position, so an event whose
 * transaction committed late is still seen, and the entry slots (one per event) make the re-read enrol nobody twice.
 * Events that happened more than {@code max-event-age} before they arrived (a backfill) start no journey.
 */
@Component
class JourneyEventFeed {

    private static final Logger log = LoggerFactory.getLogger(JourneyEventFeed.class);
    static final String FEED = "events";
    static final int PAGE = 2_000;
    static final Duration WAIT_TYPES_REFRESH = Duration.ofSeconds(5);

    private final Events events;
    private final JourneyCatalog catalog;
    private final Enroller enroller;
    private final JourneyWaits waits;
    private final JourneyEngine engine;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Duration overlap;
    private final Duration maxEventAge;
    /** Events this instance handled lately (within the overlap), so a re-read skips them: ids with receipt times. */
    private final Map<String, Instant> handled = new java.util.concurrent.ConcurrentHashMap<>();
    /** Handled by the read in progress: remembered in {@link #handled} only once its transaction committed. */
    private final Set<String> fresh = new java.util.HashSet<>();
    private final Map<String, Instant> freshAt = new HashMap<>();
    /** This instance, as the feed's holder. */
    private final String instance = java.util.UUID.randomUUID().toString();
    private final Duration lease;
    private volatile Set<EventType> waitTypes = Set.of();
    private volatile Instant waitTypesAt = Instant.EPOCH;

    JourneyEventFeed(Events events, JourneyCatalog catalog, Enroller enroller, JourneyWaits waits, JourneyEngine engine,
                     JdbcClient jdbc,
                     JsonMapper json, Clock clock, PlatformTransactionManager transactions,
                     @Value("${liuliang.journeys.event-overlap:5s}") Duration overlap,
                     @Value("${liuliang.journeys.max-event-age:24h}") Duration maxEventAge,
                     @Value("${liuliang.journeys.event-feed-lease:5s}") Duration lease) {
        this.events = events;
        this.catalog = catalog;
        this.enroller = enroller;
        this.waits = waits;
        this.engine = engine;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
        this.overlap = overlap;
        this.maxEventAge = maxEventAge;
        this.lease = lease;
    }

    @Scheduled(fixedDelayString = "${liuliang.journeys.event-poll-interval:250ms}", initialDelayString = "1s")
    synchronized void poll() {
        fresh.clear();
        freshAt.clear();
        try {
            Boolean moved = tx.execute(s -> read());
            handled.putAll(freshAt);
            if (Boolean.TRUE.equals(moved)) {
                // the new and woken enrolments are due now: take their steps at once rather than at the engine's next tick
                engine.drain();
            }
        } catch (RuntimeException e) {
            log.warn("Reading new events for journeys failed; retried on the next poll", e);
        }
    }

    /** One read under the feed's lock (skipped when another instance holds it); true when it enrolled or woke anyone. */
    boolean read() {
        Optional<Instant> locked = jdbc.sql("SELECT coalesce(at, now()) FROM journey_feed WHERE name = ? "
                        + "AND (holder IS NULL OR holder = ? OR lease_until < now()) FOR UPDATE SKIP LOCKED")
                .params(FEED, instance).query((rs, n) -> rs.getTimestamp(1).toInstant()).optional();
        if (locked.isEmpty()) {
            return false;
        }
        Instant position = locked.get();
        List<CompiledJourney> active = catalog.active();
        Set<EventType> entryTypes = EnumSet.noneOf(EventType.class);
        for (CompiledJourney j : active) {
            if (j.entry().kind() == EntryKind.EVENT) {
                EventType.ofCode(j.entry().eventType()).ifPresent(entryTypes::add);
            }
        }
        Set<EventType> types = EnumSet.noneOf(EventType.class);
        types.addAll(entryTypes);
        types.addAll(waitTypes());
        Instant now = clock.instant();
        if (types.isEmpty()) {
            // nothing listens: move on, so a journey published later does not get a backlog
            save(now);
            return false;
        }
        Instant since = position.minus(overlap);
        Instant newest = position;
        boolean moved = false;
        while (true) {
            List<ObservedEvent> page = events.receivedSince(types, since, PAGE);
            if (page.isEmpty()) {
                break;
            }
            moved |= handle(page, active, now);
            Instant last = page.get(page.size() - 1).receivedAt();
            if (last.isAfter(newest)) {
                newest = last;
            }
            if (page.size() < PAGE) {
                break;
            }
            if (!last.isAfter(since)) {
                // a page of events all received at the same instant: step past it
                since = last.plusNanos(1_000);
            } else {
                since = last;
            }
        }
        save(newest);
        return moved;
    }

    private boolean handle(List<ObservedEvent> page, List<CompiledJourney> active, Instant now) {
        Map<CompiledJourney, List<Enroller.Candidate>> entries = new LinkedHashMap<>();
        List<JourneyWaits.Happening> happenings = new ArrayList<>();
        Map<String, JsonNode> parsed = new HashMap<>();
        Instant forgetBefore = now.minus(overlap.multipliedBy(2));
        handled.values().removeIf(at -> at.isBefore(forgetBefore));
        for (ObservedEvent e : page) {
            String key = e.eventId() + '@' + e.occurredAt();
            if (handled.containsKey(key) || !fresh.add(key)) {
                continue;
            }
            freshAt.put(key, e.receivedAt());
            JsonNode properties = parsed.computeIfAbsent(e.eventId(), k -> json.readTree(e.properties() == null ? "{}" : e.properties()));
            happenings.add(new JourneyWaits.Happening(e.customer(), e.type().code(), e.customName(), properties, e.receivedAt()));
            if (e.occurredAt().isBefore(e.receivedAt().minus(maxEventAge))) {
                continue;
            }
            for (CompiledJourney j : active) {
                JourneyDefinition.Entry entry = j.entry();
                if (entry.kind() != EntryKind.EVENT || !e.type().code().equals(entry.eventType())
                        || entry.customName() != null && !entry.customName().equals(e.customName())
                        || e.receivedAt().isBefore(j.publishedAt())
                        || !EventFilters.matches(entry.filters(), properties)) {
                    continue;
                }
                entries.computeIfAbsent(j, k -> new ArrayList<>())
                        .add(new Enroller.Candidate(e.customer(), "event:" + e.eventId()));
            }
        }
        int moved = waits.wake(happenings);
        for (Map.Entry<CompiledJourney, List<Enroller.Candidate>> e : entries.entrySet()) {
            moved += enroller.enrol(e.getKey(), e.getValue()).size();
        }
        return moved > 0;
    }

    /** The event types enrolments are waiting for now (refreshed every few seconds). */
    private Set<EventType> waitTypes() {
        Instant now = clock.instant();
        if (now.isAfter(waitTypesAt.plus(WAIT_TYPES_REFRESH))) {
            // from the versions enrolments can wait in (a few rows), not from the enrolments (possibly millions)
            Set<EventType> types = EnumSet.noneOf(EventType.class);
            for (CompiledJourney j : catalog.live()) {
                for (JourneyDefinition.Node n : j.definition().nodes()) {
                    if (n.config() instanceof JourneyDefinition.WaitConfig) {
                        JourneyDefinition.WaitConfig w = (JourneyDefinition.WaitConfig) n.config();
                        if (w.mode() == WaitMode.EVENT) {
                            EventType.ofCode(w.eventType()).ifPresent(types::add);
                        }
                    }
                }
            }
            waitTypes = types;
            waitTypesAt = now;
        }
        return waitTypes;
    }

    /** Moves the position on and renews this instance's lease of the feed. */
    private void save(Instant at) {
        jdbc.sql("UPDATE journey_feed SET at = greatest(coalesce(at, ?), ?), holder = ?, "
                        + "lease_until = now() + ? * interval '1 millisecond' WHERE name = ?")
                .params(Enroller.at(at), Enroller.at(at), instance, lease.toMillis(), FEED).update();
    }

    /** Hands the feed over at once when this instance stops (otherwise another waits for the lease to run out). */
    @PreDestroy
    void release() {
        try {
            jdbc.sql("UPDATE journey_feed SET holder = NULL, lease_until = NULL WHERE name = ? AND holder = ?")
                    .params(FEED, instance).update();
        } catch (RuntimeException e) {
            log.debug("Could not release the event feed; another instance takes it when the lease runs out", e);
        }
    }
}
