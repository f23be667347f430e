package io.liuliang.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class TemplateStore {

    private static final TypeReference<List<SmsParam>> PARAMS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    TemplateStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Optional<Template> find(UUID id) {
        return jdbc.sql("SELECT * FROM msg_template WHERE id = ?").param(id).query(this::template).optional();
    }

    List<Template> list(String q, UUID channel, Purpose purpose, String afterName, UUID afterId, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT * FROM msg_template WHERE true");
        List<Object> params = new ArrayList<>();
        if (q != null && !q.isBlank()) {
            sql.append(" AND lower(name) LIKE ? ESCAPE '\\'");
            params.add("%" + q.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (channel != null) {
            sql.append(" AND channel_id = ?");
            params.add(channel);
        }
        if (purpose != null) {
            sql.append(" AND purpose = ?");
            params.add(Codes.of(purpose));
        }
        if (afterName != null) {
            sql.append(" AND (lower(name), id) > (?, ?)");
            params.add(afterName);
            params.add(afterId);
        }
        sql.append(" ORDER BY lower(name), id LIMIT ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query(this::template).list();
    }

    void insert(Template t) {
        jdbc.sql("INSERT INTO msg_template (id, channel_id, purpose, name, subject, body, sms_template_code, sms_params, "
                        + "status, created_at, created_by, updated_at, updated_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?)")
                .params(t.id(), t.channelId(), Codes.of(t.purpose()), t.name(), t.subject(), t.body(), t.smsTemplateCode(),
                        json.writeValueAsString(t.smsParams()), t.active() ? "active" : "archived",
                        Timestamp.from(t.createdAt()), t.createdBy(), Timestamp.from(t.updatedAt()), t.updatedBy())
                .update();
    }

    void update(Template t) {
        jdbc.sql("UPDATE msg_template SET channel_id = ?, purpose = ?, name = ?, subject = ?, body = ?, "
                        + "sms_template_code = ?, sms_params = ?::jsonb, status = ?, updated_at = ?, updated_by = ? WHERE id = ?")
                .params(t.channelId(), Codes.of(t.purpose()), t.name(), t.subject(), t.body(), t.smsTemplateCode(),
                        json.writeValueAsString(t.smsParams()), t.active() ? "active" : "archived",
                        Timestamp.from(t.updatedAt()), t.updatedBy(), t.id())
                .update();
    }

    private Template template(ResultSet rs, int n) throws SQLException {
        return new Template(rs.getObject("id", UUID.class), rs.getObject("channel_id", UUID.class),
                Codes.parse(Purpose.class, rs.getString("purpose")).orElseThrow(), rs.getString("name"),
                rs.getString("subject"), rs.getString("body"), rs.getString("sms_template_code"),
                json.readValue(rs.getString("sms_params"), PARAMS), "active".equals(rs.getString("status")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
