package io.liuliang.segment;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.shared.CustomerId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps segment memberships and rule-tag holders current: full refreshes (set-based SQL) and incremental re-checks
 * of a few customers (in memory first for new behaviour events, then SQL). Each segment or tag is updated in its own
 * transaction, under a row lock on it, so refreshes of one segment never interleave. Every entry and exit is logged.
 */
@Component
class SegmentMembership {

    private static final Logger log = LoggerFactory.getLogger(SegmentMembership.class);
    static final String RULE_TAGGER = "rule";

    private final JdbcClient jdbc;
    private final SegmentStore segments;
    private final TagStore tags;
    private final CustomerFactsLoader facts;
    private final JsonMapper json;
    private final Clock clock;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;

    SegmentMembership(JdbcClient jdbc, SegmentStore segments, TagStore tags, CustomerFactsLoader facts, JsonMapper json,
                      Clock clock, ApplicationEventPublisher publisher, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.tags = tags;
        this.facts = facts;
        this.json = json;
        this.clock = clock;
        this.publisher = publisher;
        this.tx = new TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    Condition parse(String conditionJson) {
        return ConditionParser.parse(json.readTree(conditionJson), "condition");
    }

    /** Recomputes a segment's members from scratch; returns its size. */
    long refreshSegment(UUID id) {
        Long size = tx.execute(status -> {
            SegmentRow row = segments.lock(id).orElse(null);
            if (row == null) {
                return null;
            }
            Instant asOf = clock.instant();
            ConditionSql.Compiled c = ConditionSql.compile(parse(row.condition()), asOf, ConditionSql.Mode.BATCH);
            OffsetDateTime at = OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC);
            List<Object> params = new ArrayList<>(c.params());
            params.addAll(List.of(id, at, id, id, at, id, at));
            jdbc.sql("WITH target AS MATERIALIZED (SELECT c.id" + c.fromWhere() + "),"
                            + " entered AS (INSERT INTO segment_member (segment_id, customer_id, entered_at)"
                            + "   SELECT ?, t.id, ? FROM target t ON CONFLICT DO NOTHING RETURNING customer_id),"
                            + " exited AS (DELETE FROM segment_member sm WHERE sm.segment_id = ?"
                            + "   AND NOT EXISTS (SELECT 1 FROM target t WHERE t.id = sm.customer_id) RETURNING customer_id),"
                            + " log_in AS (INSERT INTO segment_membership_change (segment_id, customer_id, change, at)"
                            + "   SELECT ?, customer_id, 'entered', ? FROM entered),"
                            + " log_out AS (INSERT INTO segment_membership_change (segment_id, customer_id, change, at)"
                            + "   SELECT ?, customer_id, 'exited', ? FROM exited)"
                            + " SELECT (SELECT count(*) FROM entered) AS entered, (SELECT count(*) FROM exited) AS exited")
                    .params(params).query((rs, n) -> rs.getLong(1)).single();
            long members = segments.recount(id, asOf, true);
            publisher.publishEvent(new SegmentMembershipChanged(id, Set.of(), Set.of(), true));
            return members;
        });
        return size == null ? 0 : size;
    }

    /** Recomputes who holds a rule or system tag; returns how many do. */
    long refreshTag(UUID id) {
        Long size = tx.execute(status -> {
            TagRow row = tags.lock(id).orElse(null);
            if (row == null || row.condition() == null) {
                return null;
            }
            Instant asOf = clock.instant();
            ConditionSql.Compiled c = ConditionSql.compile(parse(row.condition()), asOf, ConditionSql.Mode.BATCH);
            List<Object> params = new ArrayList<>(c.params());
            String source = row.kind() == TagKind.SYSTEM ? "system" : "rule";
            params.addAll(List.of(id, source, RULE_TAGGER, id, id));
            jdbc.sql("WITH target AS MATERIALIZED (SELECT c.id" + c.fromWhere() + "),"
                            + " given AS (INSERT INTO customer_tag (tag_id, origin_customer_id, customer_id, source, tagged_by)"
                            + "   SELECT ?, t.id, t.id, ?, ? FROM target t WHERE NOT EXISTS (SELECT 1 FROM customer_tag x"
                            + "   WHERE x.tag_id = ? AND x.customer_id = t.id) ON CONFLICT DO NOTHING RETURNING 1),"
                            + " taken AS (DELETE FROM customer_tag ct WHERE ct.tag_id = ?"
                            + "   AND NOT EXISTS (SELECT 1 FROM target t WHERE t.id = ct.customer_id) RETURNING 1)"
                            + " SELECT (SELECT count(*) FROM given) + (SELECT count(*) FROM taken)")
                    .params(params).query(Long.class).single();
            tags.refreshed(id, asOf);
            return jdbc.sql("SELECT count(DISTINCT customer_id) FROM customer_tag WHERE tag_id = ?").param(id)
                    .query(Long.class).single();
        });
        return size == null ? 0 : size;
    }

    /** Every rule tag, then every dynamic segment in dependency order; reports progress per item. */
    void refreshAll(LongConsumer progress) {
        long done = 0;
        for (TagRow tag : tags.ruled()) {
            refreshQuietly(() -> refreshTag(tag.id()), "tag " + tag.id());
            progress.accept(++done);
        }
        for (SegmentRow segment : ordered()) {
            if (segment.kind() == SegmentKind.DYNAMIC) {
                refreshQuietly(() -> refreshSegment(segment.id()), "segment " + segment.id());
            }
            progress.accept(++done);
        }
    }

    /** How many items {@link #refreshAll} goes through. */
    long itemCount() {
        return tags.ruled().size() + segments.all().size();
    }

    private static void refreshQuietly(Runnable refresh, String what) {
        try {
            refresh.run();
        } catch (RuntimeException e) {
            log.warn("Refreshing {} failed: {}", what, e.getMessage());
        }
    }

    /** Segments ordered so that a segment comes after the segments it refers to. */
    List<SegmentRow> ordered() {
        Map<UUID, SegmentRow> byId = new LinkedHashMap<>();
        segments.all().forEach(s -> byId.put(s.id(), s));
        Map<UUID, List<UUID>> deps = new HashMap<>();
        for (UUID[] d : segments.dependencies()) {
            deps.computeIfAbsent(d[0], k -> new ArrayList<>()).add(d[1]);
        }
        List<SegmentRow> out = new ArrayList<>();
        Set<UUID> placed = new HashSet<>();
        for (UUID id : byId.keySet()) {
            Deque<UUID> stack = new ArrayDeque<>();
            visit(id, byId, deps, placed, out, stack);
        }
        return out;
    }

    private static void visit(UUID id, Map<UUID, SegmentRow> byId, Map<UUID, List<UUID>> deps, Set<UUID> placed,
                              List<SegmentRow> out, Deque<UUID> path) {
        if (placed.contains(id) || path.contains(id) || !byId.containsKey(id)) {
            return;
        }
        path.push(id);
        for (UUID d : deps.getOrDefault(id, List.of())) {
            visit(d, byId, deps, placed, out, path);
        }
        path.pop();
        placed.add(id);
        out.add(byId.get(id));
    }

    /**
     * Re-checks these customers against every rule tag and dynamic segment. {@code factsChanged}: their orders,
     * metrics or identity changed (checked with SQL); {@code eventsChanged}: they did new behaviour events (checked
     * in memory against conditions with behaviour rules, and only the customers whose membership would change are
     * confirmed with SQL).
     */
    void recheck(Collection<UUID> factsChanged, Collection<UUID> eventsChanged) {
        Set<UUID> facts = Set.copyOf(factsChanged);
        Set<UUID> events = new HashSet<>(eventsChanged);
        events.removeAll(facts);
        Set<UUID> everyone = new HashSet<>(facts);
        everyone.addAll(events);
        if (everyone.isEmpty()) {
            return;
        }
        Instant asOf = clock.instant();
        Map<UUID, CustomerFacts> loaded = null;
        boolean tagsChanged = false;
        for (TagRow tag : tags.ruled()) {
            Condition condition = parse(tag.condition());
            Set<UUID> who = ConditionRefs.of(condition).events() ? everyone : facts;
            if (!who.isEmpty() && recheckTag(tag, condition, who, asOf)) {
                tagsChanged = true;
            }
        }
        Set<UUID> changedSegments = new HashSet<>();
        for (SegmentRow segment : ordered()) {
            if (segment.kind() != SegmentKind.DYNAMIC) {
                continue;
            }
            Condition condition = parse(segment.condition());
            ConditionRefs refs = ConditionRefs.of(condition);
            boolean upstreamChanged = (tagsChanged && !refs.tags().isEmpty())
                    || refs.segments().stream().anyMatch(changedSegments::contains);
            Set<UUID> candidates = new HashSet<>(facts);
            if (upstreamChanged) {
                candidates.addAll(events);
            } else if (refs.events() && !events.isEmpty()) {
                if (loaded == null) {
                    loaded = this.facts.load(events, maxEventDays(), asOf);
                }
                candidates.addAll(inMemoryCandidates(segment.id(), condition, events, loaded, asOf));
            }
            if (!candidates.isEmpty() && recheckSegment(segment.id(), condition, candidates, asOf)) {
                changedSegments.add(segment.id());
            }
        }
    }

    private int maxEventDays() {
        int days = 1;
        for (SegmentRow s : segments.all()) {
            try {
                days = Math.max(days, ConditionRefs.of(parse(s.condition())).maxEventDays());
            } catch (io.liuliang.shared.ApiProblemException unreadable) {
                // a condition that no longer parses (written around the API) must not hold up every other segment
                log.warn("Segment {} has an unreadable condition ({}); it is left out of the event window",
                        s.id(), unreadable.getMessage());
            }
        }
        return days;
    }

    /** The customers whose membership the in-memory evaluation says would change. */
    private Set<UUID> inMemoryCandidates(UUID segment, Condition condition, Set<UUID> customers,
                                         Map<UUID, CustomerFacts> loaded, Instant asOf) {
        Set<UUID> current = segments.membersAmong(segment, customers.toArray(UUID[]::new));
        Set<UUID> out = new HashSet<>();
        for (UUID id : customers) {
            CustomerFacts f = loaded.get(id);
            boolean match = f != null && ConditionEvaluator.matches(condition, f, asOf);
            if (match != current.contains(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private boolean recheckSegment(UUID id, Condition condition, Set<UUID> customers, Instant asOf) {
        Boolean changed = tx.execute(status -> {
            SegmentRow row = segments.lock(id).orElse(null);
            if (row == null) {
                return false;
            }
            UUID[] who = customers.toArray(UUID[]::new);
            Set<UUID> matches = matching(condition, who, asOf);
            Set<UUID> current = segments.membersAmong(id, who);
            List<UUID> enter = matches.stream().filter(c -> !current.contains(c)).toList();
            List<UUID> exit = current.stream().filter(c -> !matches.contains(c)).toList();
            if (enter.isEmpty() && exit.isEmpty()) {
                return false;
            }
            List<UUID> entered = segments.enter(id, enter.toArray(UUID[]::new), asOf);
            List<UUID> exited = segments.exit(id, exit.toArray(UUID[]::new), asOf);
            segments.recount(id, asOf, false);
            publisher.publishEvent(new SegmentMembershipChanged(id, ids(entered), ids(exited), false));
            return true;
        });
        return Boolean.TRUE.equals(changed);
    }

    private boolean recheckTag(TagRow tag, Condition condition, Set<UUID> customers, Instant asOf) {
        Boolean changed = tx.execute(status -> {
            if (tags.lock(tag.id()).isEmpty()) {
                return false;
            }
            UUID[] who = customers.toArray(UUID[]::new);
            Set<UUID> matches = matching(condition, who, asOf);
            Set<UUID> current = tags.holdersAmong(tag.id(), who);
            UUID[] give = matches.stream().filter(c -> !current.contains(c)).toArray(UUID[]::new);
            UUID[] take = current.stream().filter(c -> !matches.contains(c)).toArray(UUID[]::new);
            int n = tags.give(tag.id(), give, tag.kind() == TagKind.SYSTEM ? "system" : "rule", RULE_TAGGER)
                    + tags.take(tag.id(), take);
            return n > 0;
        });
        return Boolean.TRUE.equals(changed);
    }

    /** The live customers among {@code customers} that match, by SQL. */
    Set<UUID> matching(Condition condition, UUID[] customers, Instant asOf) {
        ConditionSql.Compiled c = ConditionSql.compile(condition, asOf, ConditionSql.Mode.FEW);
        List<Object> params = new ArrayList<>(c.params());
        params.add(customers);
        return Set.copyOf(jdbc.sql("SELECT c.id" + c.fromWhere() + " AND c.id = ANY (?)").params(params)
                .query(UUID.class).list());
    }

    private static Set<CustomerId> ids(List<UUID> ids) {
        Set<CustomerId> out = new HashSet<>();
        ids.forEach(id -> out.add(new CustomerId(id)));
        return out;
    }
}
