package io.liuliang.segment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerId;

/** SQL of segments: rows, dependencies, members, the change log and size history. */
@Component
class SegmentStore {

    private static final String COLUMNS = "id, name, kind, condition::text AS condition, description, member_count, "
            + "last_refreshed_at, created_at, created_by, updated_at, updated_by";

    private final JdbcClient jdbc;

    SegmentStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SegmentRow> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM segment WHERE id = ?").param(id).query(SegmentStore::row).optional();
    }

    /** Locks the segment row for the rest of the transaction (serialises refreshes of one segment). */
    Optional<SegmentRow> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM segment WHERE id = ? FOR UPDATE").param(id).query(SegmentStore::row)
                .optional();
    }

    List<SegmentRow> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM segment ORDER BY created_at, id").query(SegmentStore::row).list();
    }

    List<SegmentRow> page(String q, SegmentKind kind, String afterName, UUID afterId, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM segment WHERE true");
        List<Object> params = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            sql.append(" AND strpos(lower(name), lower(?)) > 0");
            params.add(q.strip());
        }
        if (kind != null) {
            sql.append(" AND kind = ?");
            params.add(kind.code());
        }
        if (afterId != null) {
            sql.append(" AND (lower(name), id) > (lower(?), ?)");
            params.add(afterName);
            params.add(afterId);
        }
        sql.append(" ORDER BY lower(name), id LIMIT ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query(SegmentStore::row).list();
    }

    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("SELECT count(*) FROM segment WHERE lower(name) = lower(?) AND id <> ?")
                .params(name, except == null ? new UUID(0, 0) : except).query(Long.class).single() > 0;
    }

    void insert(UUID id, String name, SegmentKind kind, String condition, String description, String actor) {
        jdbc.sql("INSERT INTO segment (id, name, kind, condition, description, created_by, updated_by) "
                        + "VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)")
                .params(id, name, kind.code(), condition, description, actor, actor).update();
    }

    void update(UUID id, String name, String condition, String description, String actor) {
        jdbc.sql("UPDATE segment SET name = ?, condition = ?::jsonb, description = ?, updated_by = ?, updated_at = now() "
                        + "WHERE id = ?")
                .params(name, condition, description, actor, id).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM segment WHERE id = ?").param(id).update();
    }

    void replaceDependencies(UUID id, Set<UUID> dependsOn) {
        jdbc.sql("DELETE FROM segment_dependency WHERE segment_id = ?").param(id).update();
        for (UUID target : dependsOn) {
            jdbc.sql("INSERT INTO segment_dependency (segment_id, depends_on_id) VALUES (?, ?)").params(id, target).update();
        }
    }

    /** Whether {@code from} reaches {@code target} through membership references (or is it). */
    boolean reaches(Set<UUID> from, UUID target) {
        if (from.isEmpty()) {
            return false;
        }
        return jdbc.sql("""
                        WITH RECURSIVE reach(id) AS (
                            SELECT unnest(?::uuid[])
                            UNION
                            SELECT d.depends_on_id FROM segment_dependency d JOIN reach r ON d.segment_id = r.id)
                        SELECT EXISTS (SELECT 1 FROM reach WHERE id = ?)""")
                .params(from.toArray(UUID[]::new), target).query(Boolean.class).single();
    }

    List<String> dependents(UUID id) {
        return jdbc.sql("SELECT s.name FROM segment_dependency d JOIN segment s ON s.id = d.segment_id "
                + "WHERE d.depends_on_id = ? ORDER BY s.name").param(id).query(String.class).list();
    }

    /** Segment ids with their dependencies, for ordering refreshes. */
    List<UUID[]> dependencies() {
        return jdbc.sql("SELECT segment_id, depends_on_id FROM segment_dependency")
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
    }

    Set<UUID> existing(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT id FROM segment WHERE id = ANY (?)").param(ids.toArray(UUID[]::new))
                .query(UUID.class).list());
    }

    /** Current members among {@code customers}. */
    Set<UUID> membersAmong(UUID segment, UUID[] customers) {
        return Set.copyOf(jdbc.sql("SELECT customer_id FROM segment_member WHERE segment_id = ? AND customer_id = ANY (?)")
                .params(segment, customers).query(UUID.class).list());
    }

    /** Adds members and logs their entry; returns those that were not members yet. */
    List<UUID> enter(UUID segment, UUID[] customers, Instant at) {
        OffsetDateTime t = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        List<UUID> entered = jdbc.sql("INSERT INTO segment_member (segment_id, customer_id, entered_at) "
                        + "SELECT ?, unnest(?::uuid[]), ? ON CONFLICT DO NOTHING RETURNING customer_id")
                .params(segment, customers, t).query(UUID.class).list();
        log(segment, entered, "entered", t);
        return entered;
    }

    /** Removes members and logs their exit; returns those that were members. */
    List<UUID> exit(UUID segment, UUID[] customers, Instant at) {
        List<UUID> exited = jdbc.sql("DELETE FROM segment_member WHERE segment_id = ? AND customer_id = ANY (?) "
                        + "RETURNING customer_id")
                .params(segment, customers).query(UUID.class).list();
        log(segment, exited, "exited", OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
        return exited;
    }

    private void log(UUID segment, List<UUID> customers, String change, OffsetDateTime at) {
        if (!customers.isEmpty()) {
            jdbc.sql("INSERT INTO segment_membership_change (segment_id, customer_id, change, at) "
                            + "SELECT ?, unnest(?::uuid[]), ?, ?")
                    .params(segment, customers.toArray(UUID[]::new), change, at).update();
        }
    }

    /** Sets the member count from the member table and adds a size point (one per minute). */
    long recount(UUID segment, Instant at, boolean refreshed) {
        long size = jdbc.sql("SELECT count(*) FROM segment_member WHERE segment_id = ?").param(segment).query(Long.class).single();
        OffsetDateTime t = OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        jdbc.sql("UPDATE segment SET member_count = ?" + (refreshed ? ", last_refreshed_at = ?" : "") + " WHERE id = ?")
                .params(refreshed ? List.of(size, t, segment) : List.of(size, segment)).update();
        jdbc.sql("INSERT INTO segment_size (segment_id, at, size) VALUES (?, date_trunc('minute', ?::timestamptz), ?) "
                        + "ON CONFLICT (segment_id, at) DO UPDATE SET size = excluded.size")
                .params(segment, t, size).update();
        return size;
    }

    record Member(UUID customerId, String displayName, String province, String city, String phone,
                  String lifecycleStage, java.math.BigDecimal netSpent, Instant enteredAt) {
    }

    List<Member> members(UUID segment, UUID after, int fetch) {
        return jdbc.sql("""
                        SELECT sm.customer_id, c.display_name, c.province, c.city, sm.entered_at,
                               coalesce(m.lifecycle_stage, 'prospect') AS lifecycle_stage, coalesce(m.net_spent, 0) AS net_spent,
                               (SELECT p.value_masked FROM customer_identity p WHERE p.customer_id = c.id AND p.type = 'phone'
                                AND NOT p.flagged ORDER BY p.last_seen_at DESC LIMIT 1) AS phone
                        FROM segment_member sm JOIN customer c ON c.id = sm.customer_id
                        LEFT JOIN customer_metrics m ON m.customer_id = c.id
                        WHERE sm.segment_id = ? AND sm.customer_id > ? ORDER BY sm.customer_id LIMIT ?""")
                .params(segment, after == null ? new UUID(0, 0) : after, fetch)
                .query((rs, n) -> new Member(rs.getObject("customer_id", UUID.class), rs.getString("display_name"),
                        rs.getString("province"), rs.getString("city"), rs.getString("phone"),
                        rs.getString("lifecycle_stage"), rs.getBigDecimal("net_spent"), instant(rs, "entered_at")))
                .list();
    }

    record Change(long seq, UUID customerId, String displayName, String change, Instant at) {
    }

    List<Change> changes(UUID segment, Long beforeSeq, int fetch) {
        return jdbc.sql("SELECT l.seq, l.customer_id, c.display_name, l.change, l.at FROM segment_membership_change l "
                        + "LEFT JOIN customer c ON c.id = l.customer_id WHERE l.segment_id = ? AND l.seq < ? "
                        + "ORDER BY l.seq DESC LIMIT ?")
                .params(segment, beforeSeq == null ? Long.MAX_VALUE : beforeSeq, fetch)
                .query((rs, n) -> new Change(rs.getLong("seq"), rs.getObject("customer_id", UUID.class),
                        rs.getString("display_name"), rs.getString("change"), instant(rs, "at")))
                .list();
    }

    List<SegmentMembershipChange> changesAfter(long seq, int limit) {
        return jdbc.sql("SELECT seq, segment_id, customer_id, change, at FROM segment_membership_change WHERE seq > ? "
                        + "ORDER BY seq LIMIT ?")
                .params(seq, limit)
                .query((rs, n) -> new SegmentMembershipChange(rs.getLong("seq"), rs.getObject("segment_id", UUID.class),
                        new CustomerId(rs.getObject("customer_id", UUID.class)), "entered".equals(rs.getString("change")),
                        instant(rs, "at")))
                .list();
    }

    record SizePoint(Instant at, long size) {
    }

    List<SizePoint> sizes(UUID segment, Instant since) {
        return jdbc.sql("SELECT at, size FROM segment_size WHERE segment_id = ? AND at >= ? ORDER BY at")
                .params(segment, OffsetDateTime.ofInstant(since, ZoneOffset.UTC))
                .query((rs, n) -> new SizePoint(instant(rs, "at"), rs.getLong("size"))).list();
    }

    /** The last {@code points} sizes of each segment (oldest first), for sparklines. */
    java.util.Map<UUID, List<Long>> trends(List<UUID> segments, int points) {
        java.util.Map<UUID, List<Long>> out = new java.util.HashMap<>();
        jdbc.sql("""
                        SELECT segment_id, size FROM (
                            SELECT segment_id, size, at, row_number() OVER (PARTITION BY segment_id ORDER BY at DESC) AS r
                            FROM segment_size WHERE segment_id = ANY (?)) t
                        WHERE r <= ? ORDER BY segment_id, at""")
                .params(segments.toArray(UUID[]::new), points)
                .query(rs -> {
                    out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(rs.getLong(2));
                });
        return out;
    }

    static SegmentRow row(ResultSet rs, int n) throws SQLException {
        return new SegmentRow(rs.getObject("id", UUID.class), rs.getString("name"),
                SegmentKind.ofCode(rs.getString("kind")).orElseThrow(), rs.getString("condition"),
                rs.getString("description"), rs.getLong("member_count"), instant(rs, "last_refreshed_at"),
                instant(rs, "created_at"), rs.getString("created_by"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
