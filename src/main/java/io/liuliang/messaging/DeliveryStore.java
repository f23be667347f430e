package io.liuliang.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.liuliang.shared.CustomerId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The delivery log and queue, {@code msg_delivery} (monthly partitions by creation, see {@link DeliveryPartitions});
 * idempotency keys in {@code msg_delivery_key}.
 */
@Repository
class DeliveryStore {

    private static final TypeReference<List<SmsParam>> PARAMS = new TypeReference<>() {
    };
    /** Statuses that count as a touch for the frequency caps (sent, on its way, or to be retried). */
    static final String TOUCH = "(status IN ('queued', 'sending', 'sent', 'delivered') "
            + "OR (status = 'failed' AND next_attempt_at IS NOT NULL))";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    DeliveryStore(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    /** A new row: queued (with its content) or skipped (with its reason). */
    record NewDelivery(UUID id, String idempotencyKey, CustomerId customer, UUID templateId, UUID channelId,
                       ChannelKind channel, Purpose purpose, byte[] addressEnc, String addressKey, String addressMasked,
                       String subject, String body, List<SmsParam> params, DeliveryStatus status, SkipReason skipReason,
                       Instant notBefore, String source, String sourceRef, Instant now) {
    }

    /** Inserts unless the key exists (it is claimed first, in the caller's transaction); false when it did. */
    boolean insert(NewDelivery d) {
        return !insertAll(List.of(d)).isEmpty();
    }

    /**
     * Inserts the rows whose keys do not exist yet (the keys are claimed first, in the caller's transaction), in two
     * batched statements; answers the keys inserted. Keys must be distinct.
     */
    Set<String> insertAll(List<NewDelivery> rows) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        int[] claimed = batch.batchUpdate("INSERT INTO msg_delivery_key (idempotency_key, delivery_id, created_at) "
                        + "VALUES (?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING", rows.stream()
                .map(d -> new Object[] {d.idempotencyKey(), d.id(), Timestamp.from(d.now())}).toList());
        List<NewDelivery> fresh = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (claimed[i] == 1) {
                fresh.add(rows.get(i));
            }
        }
        if (fresh.isEmpty()) {
            return Set.of();
        }
        batch.batchUpdate("""
                        INSERT INTO msg_delivery (id, idempotency_key, customer_id, origin_customer_id, template_id, channel_id,
                            channel, purpose, address_enc, address_key, address_masked, subject, body, provider_params,
                            status, skip_reason, not_before, next_attempt_at, source, source_ref, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?)""",
                fresh.stream().map(d -> new Object[] {d.id(), d.idempotencyKey(), d.customer().value(),
                        d.customer().value(), d.templateId(), d.channelId(), d.channel().code(), Codes.of(d.purpose()),
                        d.addressEnc(), d.addressKey(), d.addressMasked(), d.subject(), d.body(),
                        d.params() == null ? null : json.writeValueAsString(d.params()), d.status().code(),
                        d.skipReason() == null ? null : d.skipReason().code(), Timestamp.from(d.notBefore()),
                        d.status() == DeliveryStatus.QUEUED ? Timestamp.from(d.notBefore()) : null, d.source(),
                        d.sourceRef(), Timestamp.from(d.now()), Timestamp.from(d.now())}).toList());
        Set<String> keys = new HashSet<>();
        fresh.forEach(d -> keys.add(d.idempotencyKey()));
        return keys;
    }

    Optional<Delivery> find(UUID id) {
        return jdbc.sql("SELECT * FROM msg_delivery WHERE id = ?").param(id).query(this::delivery).optional();
    }

    Optional<Delivery> findByKey(String key) {
        return jdbc.sql("SELECT d.* FROM msg_delivery_key k JOIN msg_delivery d ON d.id = k.delivery_id "
                + "AND d.created_at = k.created_at WHERE k.idempotency_key = ?").param(key).query(this::delivery).optional();
    }

    /** The deliveries of these idempotency keys, by key (one query). */
    Map<String, Delivery> findByKeys(Collection<String> keys) {
        Map<String, Delivery> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        jdbc.sql("SELECT d.* FROM msg_delivery_key k JOIN msg_delivery d ON d.id = k.delivery_id "
                        + "AND d.created_at = k.created_at WHERE k.idempotency_key = ANY (?::text[])")
                .param(keys.stream().distinct().toArray(String[]::new))
                .query(rs -> {
                    Delivery d = delivery(rs, 0);
                    found.put(d.idempotencyKey(), d);
                });
        return found;
    }

    /** Filters of the log; each may be null. */
    record Filter(DeliveryStatus status, ChannelKind channel, UUID customerId, String q) {
    }

    List<Delivery> list(Filter f, Instant beforeCreated, UUID beforeId, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT * FROM msg_delivery WHERE true");
        List<Object> params = new ArrayList<>();
        if (f.status() != null) {
            sql.append(" AND status = ?");
            params.add(f.status().code());
        }
        if (f.channel() != null) {
            sql.append(" AND channel = ?");
            params.add(f.channel().code());
        }
        if (f.customerId() != null) {
            sql.append(" AND customer_id = ?");
            params.add(f.customerId());
        }
        if (f.q() != null && !f.q().isBlank()) {
            String like = "%" + f.q().strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            sql.append(" AND (lower(coalesce(subject, '')) LIKE ? OR lower(coalesce(body, '')) LIKE ? "
                    + "OR lower(coalesce(source_ref, '')) LIKE ? OR lower(coalesce(error, '')) LIKE ? "
                    + "OR provider_message_id = ? OR idempotency_key = ?)");
            params.add(like);
            params.add(like);
            params.add(like);
            params.add(like);
            params.add(f.q().strip());
            params.add(f.q().strip());
        }
        if (beforeCreated != null) {
            sql.append(" AND (created_at, id) < (?, ?)");
            params.add(Timestamp.from(beforeCreated));
            params.add(beforeId);
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query(this::delivery).list();
    }

    Delivery delivery(ResultSet rs, int n) throws SQLException {
        String params = rs.getString("provider_params");
        String skip = rs.getString("skip_reason");
        return new Delivery(rs.getObject("id", UUID.class), rs.getString("idempotency_key"),
                rs.getObject("customer_id", UUID.class), rs.getObject("template_id", UUID.class),
                rs.getObject("channel_id", UUID.class), Codes.parse(ChannelKind.class, rs.getString("channel")).orElseThrow(),
                Codes.parse(Purpose.class, rs.getString("purpose")).orElseThrow(), rs.getString("address_masked"),
                rs.getString("subject"), rs.getString("body"), params == null ? List.of() : json.readValue(params, PARAMS),
                Codes.parse(DeliveryStatus.class, rs.getString("status")).orElseThrow(),
                skip == null ? null : Codes.parse(SkipReason.class, skip).orElse(null), rs.getInt("attempts"),
                instant(rs, "not_before"), instant(rs, "next_attempt_at"), instant(rs, "lease_until"),
                rs.getString("provider_message_id"), rs.getString("provider_receipt"), rs.getString("error"),
                rs.getString("source"), rs.getString("source_ref"), instant(rs, "sent_at"), instant(rs, "delivered_at"),
                instant(rs, "opened_at"), instant(rs, "clicked_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
