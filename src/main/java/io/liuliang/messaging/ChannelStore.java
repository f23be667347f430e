package io.liuliang.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import tools.jackson.databind.json.JsonMapper;

/** Channels in {@code msg_channel}; the configuration and the callback token are encrypted by the PII vault. */
@Repository
class ChannelStore {

    private final JdbcClient jdbc;
    private final PersonalData vault;
    private final JsonMapper json;

    ChannelStore(JdbcClient jdbc, PersonalData vault, JsonMapper json) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.json = json;
    }

    static Class<? extends ChannelConfig> configClass(ChannelType type) {
        return switch (type) {
            case EMAIL -> ChannelConfig.Email.class;
            case SMS_ALIYUN -> ChannelConfig.AliyunSms.class;
            case SMS_TENCENT -> ChannelConfig.TencentSms.class;
            case WECOM_ROBOT -> ChannelConfig.WecomRobot.class;
            case WEBHOOK, PUSH_WEBHOOK -> ChannelConfig.Webhook.class;
        };
    }

    Optional<Channel> find(UUID id) {
        return jdbc.sql("SELECT * FROM msg_channel WHERE id = ?").param(id).query(this::channel).optional();
    }

    List<Channel> list() {
        return jdbc.sql("SELECT * FROM msg_channel ORDER BY lower(name), id").query(this::channel).list();
    }

    boolean nameTaken(String name, UUID except) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM msg_channel WHERE lower(name) = lower(?) AND id <> ?)")
                .params(name, except).query(Boolean.class).single();
    }

    void insert(Channel c) {
        jdbc.sql("INSERT INTO msg_channel (id, type, name, enabled, rate_per_second, config_enc, callback_token_enc, "
                        + "created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.id(), c.type().code(), c.name(), c.enabled(), c.ratePerSecond(), encrypt(c.config()),
                        vault.encrypt(PiiKind.SECRET, c.callbackToken()), Timestamp.from(c.createdAt()), c.createdBy(),
                        Timestamp.from(c.updatedAt()), c.updatedBy())
                .update();
    }

    void update(Channel c) {
        jdbc.sql("UPDATE msg_channel SET name = ?, enabled = ?, rate_per_second = ?, config_enc = ?, updated_at = ?, "
                        + "updated_by = ? WHERE id = ?")
                .params(c.name(), c.enabled(), c.ratePerSecond(), encrypt(c.config()), Timestamp.from(c.updatedAt()),
                        c.updatedBy(), c.id())
                .update();
    }

    /**
     * Takes up to {@code wanted} of this second's send slots of the channel at once; answers how many it got (0 when
     * the second's rate is used up).
     */
    int takeSendSlots(UUID channel, int wanted) {
        return jdbc.sql("""
                        WITH now AS (SELECT date_trunc('second', clock_timestamp()) AS second),
                        cur AS (
                            SELECT c.id, c.rate_per_second,
                                   CASE WHEN c.rate_second = now.second THEN c.rate_used ELSE 0 END AS used, now.second
                            FROM msg_channel c, now WHERE c.id = ? FOR UPDATE OF c),
                        granted AS (SELECT id, second, used, least(?, greatest(rate_per_second - used, 0)) AS n FROM cur)
                        UPDATE msg_channel m SET rate_used = g.used + g.n, rate_second = g.second
                        FROM granted g WHERE m.id = g.id AND g.n > 0
                        RETURNING g.n""")
                .params(channel, wanted).query(Integer.class).optional().orElse(0);
    }

    private byte[] encrypt(ChannelConfig config) {
        return vault.encrypt(PiiKind.SECRET, json.writeValueAsString(config));
    }

    private Channel channel(ResultSet rs, int n) throws SQLException {
        ChannelType type = Codes.parse(ChannelType.class, rs.getString("type")).orElseThrow();
        ChannelConfig config = json.readValue(vault.decrypt(PiiKind.SECRET, rs.getBytes("config_enc")),
                configClass(type));
        return new Channel(rs.getObject("id", UUID.class), type, rs.getString("name"), rs.getBoolean("enabled"),
                rs.getInt("rate_per_second"), config, vault.decrypt(PiiKind.SECRET, rs.getBytes("callback_token_enc")),
                rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
