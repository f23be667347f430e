package io.liuliang.journey;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.CustomerId;

/**
 * Enrols customers in a journey's current version, set-based: one INSERT for a whole batch of candidates. The
 * re-entry rule decides the entry slot (one per customer for "once", one per trigger otherwise), so a trigger
 * delivered twice, or by two instances at once, enrols nobody twice; the window of "once per N days", the journey's
 * dates and its enrolment limit are checked in the same statement.
 */
@Component
class Enroller {

    static final String ONCE_SLOT = "once";

    private final JdbcClient jdbc;
    private final Clock clock;

    Enroller(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One customer a trigger would enrol, and the trigger's key (an event id, an order, a segment entry, ...). */
    record Candidate(CustomerId customer, String triggerKey) {
    }

    /** Enrols those of the candidates the journey's rules admit; returns the customers enrolled. */
    @Transactional(propagation = Propagation.REQUIRED)
    Set<CustomerId> enrol(CompiledJourney journey, List<Candidate> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        JourneyDefinition d = journey.definition();
        if (d.startsAt() != null && now.isBefore(d.startsAt()) || d.endsAt() != null && !now.isBefore(d.endsAt())) {
            return Set.of();
        }
        ReentryRule rule = d.reentry().rule();
        Map<String, Candidate> unique = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            String slot = rule == ReentryRule.ONCE ? ONCE_SLOT : c.triggerKey();
            unique.putIfAbsent(c.customer().value() + "|" + slot, c);
        }
        List<UUID> customers = new ArrayList<>();
        List<String> slots = new ArrayList<>();
        unique.values().forEach(c -> {
            customers.add(c.customer().value());
            slots.add(rule == ReentryRule.ONCE ? ONCE_SLOT : c.triggerKey());
        });
        Integer limit = d.enrolmentLimit();
        long room = Long.MAX_VALUE;
        if (limit != null || rule == ReentryRule.ONCE_PER_DAYS) {
            // entries of this journey queue here, so the limit and the re-entry window are judged one batch at a time
            jdbc.sql("SELECT id FROM journey WHERE id = ? FOR UPDATE").param(journey.journeyId()).query(UUID.class).list();
        }
        if (limit != null) {
            long enrolled = jdbc.sql("SELECT count(*) FROM journey_enrolment WHERE journey_id = ?")
                    .param(journey.journeyId()).query(Long.class).single();
            room = limit - enrolled;
            if (room <= 0) {
                return Set.of();
            }
        }
        String window = rule == ReentryRule.ONCE_PER_DAYS
                ? " AND NOT EXISTS (SELECT 1 FROM journey_enrolment p WHERE p.journey_id = ? AND p.customer_id = x.c "
                + "AND p.entered_at > ?)" : "";
        // time-ordered ids: the rows land at the right edge of the primary key and of the newest-first index
        UUID[] ids = new UUID[customers.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = io.liuliang.shared.TimeOrderedIds.next();
        }
        List<Object> params = new ArrayList<>(List.of(journey.journeyId(), journey.version(), journey.entryNodeId(),
                at(now), at(now), ids, customers.toArray(UUID[]::new), slots.toArray(String[]::new)));
        if (rule == ReentryRule.ONCE_PER_DAYS) {
            params.add(journey.journeyId());
            params.add(at(now.minus(java.time.Duration.ofDays(d.reentry().days()))));
        }
        params.add(room == Long.MAX_VALUE ? Integer.MAX_VALUE : room);
        List<UUID> enrolled = jdbc.sql("INSERT INTO journey_enrolment (id, journey_id, version, customer_id, entry_slot, "
                        + "node_id, due_at, entered_at) "
                        + "SELECT x.i, ?, ?, x.c, x.s, ?, ?, ? FROM unnest(?::uuid[], ?::uuid[], ?::text[]) AS x(i, c, s) "
                        + "WHERE true" + window + " LIMIT ? "
                        + "ON CONFLICT (journey_id, customer_id, entry_slot) DO NOTHING RETURNING customer_id")
                .params(params).query(UUID.class).list();
        Set<CustomerId> out = new java.util.HashSet<>();
        enrolled.forEach(id -> out.add(new CustomerId(id)));
        return out;
    }

    static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
