package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.job.JobId;
import io.liuliang.job.Jobs;
import io.liuliang.job.JobSubmission;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;
import tools.jackson.databind.JsonNode;

/** Segments: create, change, delete, preview, and read members, changes and size history. */
@Service
class SegmentService implements Segments {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1_000;
    static final int SAMPLE_SIZE = 20;
    static final int TREND_POINTS = 30;

    private final SegmentStore store;
    private final ConditionValidator validator;
    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final Clock clock;

    SegmentService(SegmentStore store, ConditionValidator validator, JdbcClient jdbc, Jobs jobs, Clock clock) {
        this.store = store;
        this.validator = validator;
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** What a client sends to create or change a segment. */
    record SegmentInput(String name, String kind, String description, JsonNode condition) {
    }

    /** A saved segment and the job that fills it. */
    record Saved(SegmentRow segment, JobId refreshJob) {
    }

    @Transactional
    Saved create(SegmentInput input) {
        List<FieldError> errors = new ArrayList<>();
        String name = name(input.name(), null, errors);
        SegmentKind kind = input.kind() == null ? SegmentKind.DYNAMIC : SegmentKind.ofCode(input.kind()).orElse(null);
        if (kind == null) {
            errors.add(new FieldError("kind", "must be dynamic or static"));
        }
        String description = description(input.description(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        Condition condition = validator.parse(input.condition(), null);
        UUID id = UUID.randomUUID();
        store.insert(id, name, kind, ConditionJson.write(condition).toString(), description, SegmentActor.name());
        store.replaceDependencies(id, ConditionRefs.of(condition).segments());
        return new Saved(store.find(id).orElseThrow(), submitRefresh(id, name));
    }

    @Transactional
    Saved update(UUID id, SegmentInput input) {
        SegmentRow existing = get(id);
        List<FieldError> errors = new ArrayList<>();
        String name = name(input.name(), id, errors);
        if (input.kind() != null && !input.kind().equals(existing.kind().code())) {
            errors.add(new FieldError("kind", "cannot change; create a new segment instead"));
        }
        String description = description(input.description(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        Condition condition = validator.parse(input.condition(), id);
        store.update(id, name, ConditionJson.write(condition).toString(), description, SegmentActor.name());
        store.replaceDependencies(id, ConditionRefs.of(condition).segments());
        return new Saved(store.find(id).orElseThrow(), submitRefresh(id, name));
    }

    @Transactional
    void delete(UUID id) {
        SegmentRow row = get(id);
        List<String> dependents = store.dependents(id);
        if (!dependents.isEmpty()) {
            throw ApiProblemException.conflict("Segment " + row.name() + " is used by " + String.join(", ", dependents));
        }
        List<String> tagUsers = jdbc.sql("SELECT name FROM tag WHERE condition IS NOT NULL AND strpos(condition::text, ?) > 0")
                .param(id.toString()).query(String.class).list();
        if (!tagUsers.isEmpty()) {
            throw ApiProblemException.conflict("Segment " + row.name() + " is used by the tags " + String.join(", ", tagUsers));
        }
        store.delete(id);
    }

    SegmentRow get(UUID id) {
        return store.find(id).orElseThrow(() -> ApiProblemException.notFound("Segment", id));
    }

    JobId submitRefresh(UUID id, String name) {
        return jobs.submit(new JobSubmission(SegmentRefreshJob.TYPE, "Refresh segment " + name,
                "{\"segmentId\":\"" + id + "\"}", null));
    }

    /** A page of segments (by name) with their last sizes for a sparkline. */
    record Listed(SegmentRow segment, List<Long> trend) {
    }

    CursorPage<Listed> list(String q, String kind, PageRequest page) {
        SegmentKind k = null;
        if (kind != null && !kind.isBlank()) {
            k = SegmentKind.ofCode(kind).orElseThrow(() -> ApiProblemException.invalid("kind", "must be dynamic or static"));
        }
        String afterName = null;
        UUID afterId = null;
        if (page.cursorKey() != null) {
            int bar = page.cursorKey().lastIndexOf('|');
            try {
                afterName = page.cursorKey().substring(0, bar);
                afterId = UUID.fromString(page.cursorKey().substring(bar + 1));
            } catch (RuntimeException e) {
                throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
            }
        }
        List<SegmentRow> rows = store.page(q, k, afterName, afterId, page.fetchSize());
        CursorPage<SegmentRow> p = CursorPage.of(rows, page.limit(), r -> PageRequest.encode(r.name() + "|" + r.id()));
        Map<UUID, List<Long>> trends = store.trends(p.items().stream().map(SegmentRow::id).toList(), TREND_POINTS);
        return p.map(r -> new Listed(r, trends.getOrDefault(r.id(), List.of())));
    }

    /** One customer of a preview (personal data masked). */
    record SampleCustomer(UUID id, String displayName, String province, String city, String phone, String lifecycleStage,
                          BigDecimal netSpent) {
    }

    record Preview(long count, List<SampleCustomer> sample, long tookMs) {
    }

    /** Counts the customers a condition matches now and shows some of them. */
    @Transactional(readOnly = true)
    Preview preview(JsonNode conditionJson) {
        long started = System.nanoTime();
        Condition condition = validator.parse(conditionJson, null);
        ConditionSql.Compiled c = ConditionSql.compile(condition, clock.instant(), ConditionSql.Mode.BATCH);
        // an interactive answer: compiling the plan to machine code costs more than it saves at this size, and the
        // best plan depends on the values (which province, which category), so it is planned for them each time
        // rather than reused generically once the driver has prepared the statement
        jdbc.sql("SET LOCAL jit = off").update();
        jdbc.sql("SET LOCAL plan_cache_mode = force_custom_plan").update();
        long count = jdbc.sql("SELECT count(*)" + c.fromWhere()).params(c.params()).query(Long.class).single();
        List<Object> params = new ArrayList<>(c.params());
        params.add(SAMPLE_SIZE);
        List<SampleCustomer> sample = count == 0 ? List.of() : jdbc.sql("""
                        WITH s AS (SELECT c.id""" + c.fromWhere() + """
                         LIMIT ?)
                        SELECT c.id, c.display_name, c.province, c.city,
                               coalesce(m.lifecycle_stage, 'prospect') AS lifecycle_stage, coalesce(m.net_spent, 0) AS net_spent,
                               (SELECT p.value_masked FROM customer_identity p WHERE p.customer_id = c.id AND p.type = 'phone'
                                AND NOT p.flagged ORDER BY p.last_seen_at DESC LIMIT 1) AS phone
                        FROM s JOIN customer c ON c.id = s.id LEFT JOIN customer_metrics m ON m.customer_id = c.id
                        ORDER BY c.display_name, c.id""")
                .params(params)
                .query((rs, n) -> new SampleCustomer(rs.getObject("id", UUID.class), rs.getString("display_name"),
                        rs.getString("province"), rs.getString("city"), rs.getString("phone"),
                        rs.getString("lifecycle_stage"), rs.getBigDecimal("net_spent")))
                .list();
        return new Preview(count, sample, (System.nanoTime() - started) / 1_000_000);
    }

    CursorPage<SegmentStore.Member> members(UUID id, PageRequest page) {
        get(id);
        UUID after = null;
        if (page.cursorKey() != null) {
            try {
                after = UUID.fromString(page.cursorKey());
            } catch (IllegalArgumentException e) {
                throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
            }
        }
        return CursorPage.of(store.members(id, after, page.fetchSize()), page.limit(),
                m -> PageRequest.encode(m.customerId().toString()));
    }

    CursorPage<SegmentStore.Change> changes(UUID id, PageRequest page) {
        get(id);
        return CursorPage.of(store.changes(id, page.cursorAsLong(), page.fetchSize()), page.limit(),
                c -> PageRequest.encode(Long.toString(c.seq())));
    }

    static final int MAX_HISTORY_DAYS = 366;

    List<SegmentStore.SizePoint> sizes(UUID id, Integer days) {
        get(id);
        int d = days == null ? 90 : days;
        if (d < 1 || d > MAX_HISTORY_DAYS) {
            throw ApiProblemException.invalid("days", "must be between 1 and " + MAX_HISTORY_DAYS);
        }
        return store.sizes(id, clock.instant().minus(d, ChronoUnit.DAYS));
    }

    @Override
    public boolean isMember(UUID segmentId, CustomerId customer) {
        return !store.membersAmong(segmentId, new UUID[] {customer.value()}).isEmpty();
    }

    @Override
    public java.util.Optional<String> nameOf(UUID segmentId) {
        return jdbc.sql("SELECT name FROM segment WHERE id = ?").param(segmentId).query(String.class).optional();
    }

    @Override
    public long memberCount(UUID segmentId) {
        return jdbc.sql("SELECT count(*) FROM segment_member WHERE segment_id = ?").param(segmentId)
                .query(Long.class).single();
    }

    @Override
    public List<CustomerId> membersAfter(UUID segmentId, CustomerId after, int limit) {
        return jdbc.sql("SELECT customer_id FROM segment_member WHERE segment_id = ? AND customer_id > ? "
                        + "ORDER BY customer_id LIMIT ?")
                .params(segmentId, after == null ? new UUID(0, 0) : after.value(),
                        Math.max(1, limit))
                .query((rs, n) -> new CustomerId(rs.getObject(1, UUID.class))).list();
    }

    @Override
    public long latestChangeSeq() {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM segment_membership_change").query(Long.class).single();
    }

    @Override
    public List<SegmentMembershipChange> changesAfter(long seq, int limit) {
        return store.changesAfter(seq, Math.max(1, Math.min(limit, CursorPage.MAX_LIMIT * 20)));
    }

    private String name(String name, UUID self, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "is required"));
            return null;
        }
        String n = name.strip();
        if (n.length() > MAX_NAME) {
            errors.add(new FieldError("name", "at most " + MAX_NAME + " characters"));
        } else if (store.nameTaken(n, self)) {
            errors.add(new FieldError("name", "another segment has this name"));
        }
        return n;
    }

    private static String description(String description, List<FieldError> errors) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError("description", "at most " + MAX_DESCRIPTION + " characters"));
        }
        return description == null || description.isBlank() ? null : description.strip();
    }

}
