package io.liuliang.journey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for journeys and their versions. */
@Repository
class JourneyStore {

    private static final String COLUMNS = "id, name, description, status, draft::text AS draft, draft_changed, "
            + "current_version, entry_kind, created_at, created_by, updated_at, updated_by";

    private final JdbcClient jdbc;
    private final JourneySecrets secrets;

    JourneyStore(JdbcClient jdbc, JourneySecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** A published version as stored. */
    record VersionRow(UUID journeyId, int version, String definition, Instant publishedAt, String publishedBy,
                      long enrolled) {
    }

    void insert(UUID id, String name, String description, String draft, String entryKind, String actor) {
        jdbc.sql("INSERT INTO journey (id, name, description, draft, entry_kind, created_by, updated_by) "
                        + "VALUES (?, ?, ?, ?::jsonb, ?, ?, ?)")
                .params(id, name, description, secrets.sealed(draft), entryKind, actor, actor).update();
    }

    void updateDraft(UUID id, String name, String description, String draft, String entryKind, String actor) {
        jdbc.sql("UPDATE journey SET name = ?, description = ?, draft = ?::jsonb, entry_kind = ?, draft_changed = true, "
                        + "updated_at = now(), updated_by = ? WHERE id = ?")
                .params(name, description, secrets.sealed(draft), entryKind, actor, id).update();
    }

    Optional<JourneyRow> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM journey WHERE id = ?").param(id).query(this::row).optional();
    }

    /** Locks the journey's row for a status change or a publication. */
    Optional<JourneyRow> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM journey WHERE id = ? FOR UPDATE").param(id)
                .query(this::row).optional();
    }

    boolean nameTaken(String name, UUID self) {
        return jdbc.sql("SELECT count(*) FROM journey WHERE lower(name) = lower(?) AND id IS DISTINCT FROM ?")
                .params(name, self).query(Long.class).single() > 0;
    }

    List<JourneyRow> page(String q, JourneyStatus status, String afterName, UUID afterId, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM journey WHERE true");
        List<Object> params = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            sql.append(" AND (strpos(lower(name), lower(?)) > 0 OR strpos(lower(coalesce(description, '')), lower(?)) > 0)");
            params.add(q.trim());
            params.add(q.trim());
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.code());
        }
        if (afterName != null) {
            sql.append(" AND (lower(name), id) > (lower(?), ?)");
            params.add(afterName);
            params.add(afterId);
        }
        sql.append(" ORDER BY lower(name), id LIMIT ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    void setStatus(UUID id, JourneyStatus status, String actor) {
        jdbc.sql("UPDATE journey SET status = ?, updated_at = now(), updated_by = ? WHERE id = ?")
                .params(status.code(), actor, id).update();
    }

    int nextVersion(UUID id) {
        return jdbc.sql("SELECT coalesce(max(version), 0) + 1 FROM journey_version WHERE journey_id = ?").param(id)
                .query(Integer.class).single();
    }

    void publish(UUID id, int version, String definition, Instant nextSendAt, String actor) {
        jdbc.sql("INSERT INTO journey_version (journey_id, version, definition, published_by, next_send_at) "
                        + "VALUES (?, ?, ?::jsonb, ?, ?)")
                .params(id, version, secrets.sealed(definition), actor, nextSendAt == null ? null
                        : java.time.OffsetDateTime.ofInstant(nextSendAt, java.time.ZoneOffset.UTC))
                .update();
        // the older versions send no more: the new one takes new entries
        jdbc.sql("UPDATE journey_version SET next_send_at = NULL WHERE journey_id = ? AND version < ?").params(id, version)
                .update();
        jdbc.sql("UPDATE journey SET current_version = ?, status = 'active', draft_changed = false, updated_at = now(), "
                + "updated_by = ? WHERE id = ?").params(version, actor, id).update();
    }

    List<VersionRow> versions(UUID id) {
        return jdbc.sql("SELECT v.journey_id, v.version, v.definition::text, v.published_at, v.published_by, "
                        + "(SELECT count(*) FROM journey_enrolment e WHERE e.journey_id = v.journey_id AND e.version = v.version) "
                        + "FROM journey_version v WHERE v.journey_id = ? ORDER BY v.version DESC")
                .param(id).query(this::version).list();
    }

    Optional<VersionRow> version(UUID id, int version) {
        return jdbc.sql("SELECT journey_id, version, definition::text, published_at, published_by, 0 FROM journey_version "
                        + "WHERE journey_id = ? AND version = ?")
                .params(id, version).query(this::version).optional();
    }

    /** Current versions of active journeys (what the triggers and the engine run). */
    List<VersionRow> activeVersions() {
        return jdbc.sql("SELECT v.journey_id, v.version, v.definition::text, v.published_at, v.published_by, 0 "
                        + "FROM journey j JOIN journey_version v ON v.journey_id = j.id AND v.version = j.current_version "
                        + "WHERE j.status = 'active'")
                .query(this::version).list();
    }

    /** Every published version of the journeys not stopped: those whose enrolments may still be waiting. */
    List<VersionRow> liveVersions() {
        return jdbc.sql("SELECT v.journey_id, v.version, v.definition::text, v.published_at, v.published_by, 0 "
                        + "FROM journey j JOIN journey_version v ON v.journey_id = j.id WHERE j.status IN ('active', 'paused')")
                .query(this::version).list();
    }

    /** A stamp that changes whenever a journey changes status or version: tells caches to reload. */
    String activeStamp() {
        return jdbc.sql("SELECT coalesce(string_agg(id::text || ':' || current_version || ':' || status, ',' ORDER BY id), '') "
                + "FROM journey WHERE status <> 'draft'").query(String.class).single();
    }

    boolean hasVersions(UUID id) {
        return jdbc.sql("SELECT count(*) FROM journey_version WHERE journey_id = ?").param(id).query(Long.class).single() > 0;
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM journey WHERE id = ?").param(id).update();
    }

    /** Counts of a journey's enrolments by state. */
    record Counts(long enrolled, long active, long converted) {
    }

    java.util.Map<UUID, Counts> counts(List<UUID> ids) {
        java.util.Map<UUID, Counts> out = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        jdbc.sql("SELECT journey_id, count(*), count(*) FILTER (WHERE state = 'active'), "
                        + "count(*) FILTER (WHERE converted_at IS NOT NULL) FROM journey_enrolment "
                        + "WHERE journey_id = ANY (?) GROUP BY journey_id")
                .param(ids.toArray(UUID[]::new))
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), new Counts(rs.getLong(2), rs.getLong(3), rs.getLong(4)));
                });
        return out;
    }

    private JourneyRow row(ResultSet rs, int n) throws SQLException {
        int version = rs.getInt("current_version");
        Integer current = rs.wasNull() ? null : version;
        return new JourneyRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                JourneyStatus.of(rs.getString("status")), secrets.opened(rs.getString("draft")), rs.getBoolean("draft_changed"),
                current, rs.getString("entry_kind"),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    private VersionRow version(ResultSet rs, int n) throws SQLException {
        return new VersionRow(rs.getObject(1, UUID.class), rs.getInt(2), secrets.opened(rs.getString(3)), rs.getTimestamp(4).toInstant(),
                rs.getString(5), rs.getLong(6));
    }
}
