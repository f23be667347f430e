package io.liuliang.segment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** SQL of tags and of who holds them. */
@Component
class TagStore {

    private static final String COLUMNS = "id, name, kind, color, description, condition::text AS condition, system_key, "
            + "created_at, created_by, updated_at, updated_by, last_refreshed_at";

    private final JdbcClient jdbc;

    TagStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TagRow> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tag WHERE id = ?").param(id).query(TagStore::row).optional();
    }

    Optional<TagRow> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tag WHERE id = ? FOR UPDATE").param(id).query(TagStore::row).optional();
    }

    Optional<TagRow> bySystemKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tag WHERE system_key = ?").param(key).query(TagStore::row).optional();
    }

    List<TagRow> list(String q, TagKind kind) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tag WHERE true");
        List<Object> params = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            sql.append(" AND strpos(lower(name), lower(?)) > 0");
            params.add(q.strip());
        }
        if (kind != null) {
            sql.append(" AND kind = ?");
            params.add(kind.code());
        }
        sql.append(" ORDER BY kind = 'system' DESC, lower(name), id");
        return jdbc.sql(sql.toString()).params(params).query(TagStore::row).list();
    }

    /** Rule and system tags, whose holders follow their condition. */
    List<TagRow> ruled() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM tag WHERE kind <> 'manual' ORDER BY created_at, id")
                .query(TagStore::row).list();
    }

    Map<UUID, Long> counts(List<UUID> tags) {
        Map<UUID, Long> out = new HashMap<>();
        jdbc.sql("SELECT tag_id, count(DISTINCT customer_id) FROM customer_tag WHERE tag_id = ANY (?) GROUP BY tag_id")
                .param(tags.toArray(UUID[]::new))
                .query(rs -> {
                    out.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return out;
    }

    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("SELECT count(*) FROM tag WHERE lower(name) = lower(?) AND id <> ?")
                .params(name, except == null ? new UUID(0, 0) : except).query(Long.class).single() > 0;
    }

    void insert(UUID id, String name, TagKind kind, String color, String description, String condition,
                String systemKey, String actor) {
        jdbc.sql("INSERT INTO tag (id, name, kind, color, description, condition, system_key, created_by, updated_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) ON CONFLICT DO NOTHING")
                .params(id, name, kind.code(), color, description, condition, systemKey, actor, actor).update();
    }

    void update(UUID id, String name, String color, String description, String condition, String actor) {
        jdbc.sql("UPDATE tag SET name = ?, color = ?, description = ?, condition = ?::jsonb, updated_by = ?, "
                        + "updated_at = now() WHERE id = ?")
                .params(name, color, description, condition, actor, id).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM tag WHERE id = ?").param(id).update();
    }

    Set<UUID> existing(Set<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(jdbc.sql("SELECT id FROM tag WHERE id = ANY (?)").param(ids.toArray(UUID[]::new))
                .query(UUID.class).list());
    }

    /** Gives the tag to these customers (each becomes the origin of its own row); returns how many were new. */
    int give(UUID tag, UUID[] customers, String source, String actor) {
        return jdbc.sql("INSERT INTO customer_tag (tag_id, origin_customer_id, customer_id, source, tagged_by) "
                        + "SELECT ?, x, x, ?, ? FROM unnest(?::uuid[]) AS x "
                        + "WHERE NOT EXISTS (SELECT 1 FROM customer_tag t WHERE t.tag_id = ? AND t.customer_id = x) "
                        + "ON CONFLICT DO NOTHING")
                .params(tag, source, actor, customers, tag).update();
    }

    /** Gives the tag to every member of a segment; returns how many were new. */
    int giveSegment(UUID tag, UUID segment, String actor) {
        return jdbc.sql("INSERT INTO customer_tag (tag_id, origin_customer_id, customer_id, source, tagged_by) "
                        + "SELECT ?, sm.customer_id, sm.customer_id, 'segment', ? FROM segment_member sm "
                        + "WHERE sm.segment_id = ? AND NOT EXISTS (SELECT 1 FROM customer_tag t WHERE t.tag_id = ? "
                        + "AND t.customer_id = sm.customer_id) ON CONFLICT DO NOTHING")
                .params(tag, actor, segment, tag).update();
    }

    /** Takes the tag from these customers (whatever its origin); returns how many held it. */
    int take(UUID tag, UUID[] customers) {
        return jdbc.sql("DELETE FROM customer_tag WHERE tag_id = ? AND customer_id = ANY (?)").params(tag, customers).update();
    }

    int takeSegment(UUID tag, UUID segment) {
        return jdbc.sql("DELETE FROM customer_tag t WHERE t.tag_id = ? AND EXISTS (SELECT 1 FROM segment_member sm "
                + "WHERE sm.segment_id = ? AND sm.customer_id = t.customer_id)").params(tag, segment).update();
    }

    Set<UUID> holdersAmong(UUID tag, UUID[] customers) {
        return Set.copyOf(jdbc.sql("SELECT DISTINCT customer_id FROM customer_tag WHERE tag_id = ? AND customer_id = ANY (?)")
                .params(tag, customers).query(UUID.class).list());
    }

    void refreshed(UUID tag, Instant at) {
        jdbc.sql("UPDATE tag SET last_refreshed_at = ? WHERE id = ?")
                .params(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), tag).update();
    }

    record HeldTag(UUID id, String name, TagKind kind, String color, String source, Instant taggedAt) {
    }

    List<HeldTag> tagsOf(UUID customer) {
        return jdbc.sql("SELECT DISTINCT ON (t.id) t.id, t.name, t.kind, t.color, ct.source, ct.tagged_at "
                        + "FROM customer_tag ct JOIN tag t ON t.id = ct.tag_id WHERE ct.customer_id = ? "
                        + "ORDER BY t.id, ct.tagged_at")
                .param(customer)
                .query((rs, n) -> new HeldTag(rs.getObject("id", UUID.class), rs.getString("name"),
                        TagKind.ofCode(rs.getString("kind")).orElseThrow(), rs.getString("color"), rs.getString("source"),
                        SegmentStore.instant(rs, "tagged_at")))
                .list();
    }

    static TagRow row(ResultSet rs, int n) throws SQLException {
        return new TagRow(rs.getObject("id", UUID.class), rs.getString("name"),
                TagKind.ofCode(rs.getString("kind")).orElseThrow(), rs.getString("color"), rs.getString("description"),
                rs.getString("condition"), rs.getString("system_key"), SegmentStore.instant(rs, "created_at"),
                rs.getString("created_by"), SegmentStore.instant(rs, "updated_at"), rs.getString("updated_by"),
                SegmentStore.instant(rs, "last_refreshed_at"));
    }
}
