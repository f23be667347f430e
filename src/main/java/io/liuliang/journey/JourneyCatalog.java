package io.liuliang.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * The published versions, parsed once (versions never change), and the current versions of the active journeys,
 * reloaded when a journey changes here or, on another instance, within {@link #REFRESH}.
 */
@Component
class JourneyCatalog {

    static final Duration REFRESH = Duration.ofSeconds(1);

    private final JourneyStore store;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, CompiledJourney> versions = new ConcurrentHashMap<>();
    private volatile List<CompiledJourney> active;
    private volatile String stamp;
    private volatile Instant checkedAt = Instant.EPOCH;

    JourneyCatalog(JourneyStore store, JsonMapper json, Clock clock) {
        this.store = store;
        this.json = json;
        this.clock = clock;
    }

    /** A published version (cached for good: versions are frozen). */
    CompiledJourney version(UUID journeyId, int version) {
        return versions.computeIfAbsent(journeyId + ":" + version, k -> store.version(journeyId, version)
                .map(this::compile)
                .orElseThrow(() -> new IllegalStateException("journey " + journeyId + " has no version " + version)));
    }

    /** The current versions of the active journeys. */
    List<CompiledJourney> active() {
        Instant now = clock.instant();
        List<CompiledJourney> current = active;
        if (current != null && now.isBefore(checkedAt.plus(REFRESH))) {
            return current;
        }
        synchronized (this) {
            String latest = store.activeStamp();
            if (active == null || !latest.equals(stamp)) {
                active = store.activeVersions().stream()
                        .map(v -> versions.computeIfAbsent(v.journeyId() + ":" + v.version(), k -> compile(v)))
                        .toList();
                stamp = latest;
            }
            checkedAt = now;
            return active;
        }
    }

    /** Every published version of the journeys not stopped (their enrolments may still wait at any of them). */
    List<CompiledJourney> live() {
        return store.liveVersions().stream()
                .map(v -> versions.computeIfAbsent(v.journeyId() + ":" + v.version(), k -> compile(v)))
                .toList();
    }

    /** Forgets the active list (after a publication or a status change here). */
    void invalidate() {
        checkedAt = Instant.EPOCH;
        stamp = null;
    }

    private CompiledJourney compile(JourneyStore.VersionRow row) {
        DefinitionParser.Parsed parsed = DefinitionParser.parse(json.readTree(row.definition()));
        if (!parsed.valid()) {
            throw new IllegalStateException("journey " + row.journeyId() + " v" + row.version()
                    + " does not parse: " + parsed.errors());
        }
        return CompiledJourney.of(row.journeyId(), row.version(), row.publishedAt(), parsed.definition());
    }
}
