package io.liuliang.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;

/**
 * Addresses nothing (marketing) or nothing at all (hard bounces, invalid addresses) is sent to, per channel kind.
 * E-mail and phone addresses are stored encrypted with the vault's fingerprint for look-up and shown masked.
 */
@Service
class Suppressions {

    private final JdbcClient jdbc;
    private final PersonalData vault;

    Suppressions(JdbcClient jdbc, PersonalData vault) {
        this.jdbc = jdbc;
        this.vault = vault;
    }

    record Suppression(long id, String channel, String address, String reason, String source, Instant createdAt,
                       String createdBy) {
    }

    /** The kind of personal data an address of this channel kind is; null where it is no personal data (a customer id). */
    static PiiKind piiKind(ChannelKind kind) {
        return switch (kind) {
            case EMAIL -> PiiKind.EMAIL;
            case SMS -> PiiKind.PHONE;
            default -> null;
        };
    }

    /** An address in its stored form: e-mails lower-cased, phones E.164; null when it is not one. */
    static String normalized(ChannelKind kind, String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String a = address.strip();
        return switch (kind) {
            case EMAIL -> a.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") ? a.toLowerCase(Locale.ROOT) : null;
            case SMS -> Addresses.e164(a);
            default -> a;
        };
    }

    String key(ChannelKind kind, String normalizedAddress) {
        PiiKind pii = piiKind(kind);
        return pii == null ? normalizedAddress : vault.fingerprint(pii, normalizedAddress);
    }

    String masked(ChannelKind kind, String normalizedAddress) {
        PiiKind pii = piiKind(kind);
        return pii == null ? normalizedAddress : vault.mask(pii, normalizedAddress);
    }

    @Transactional
    Suppression add(String channel, String address, String reason, String source) {
        List<FieldError> errors = new ArrayList<>();
        ChannelKind kind = Codes.parse(ChannelKind.class, channel).orElse(null);
        if (kind == null) {
            errors.add(new FieldError("channel", "must be one of " + Codes.list(ChannelKind.class)));
        }
        String normalized = kind == null ? null : normalized(kind, address);
        if (kind != null && normalized == null) {
            errors.add(new FieldError("address", kind == ChannelKind.EMAIL ? "must be an e-mail address"
                    : kind == ChannelKind.SMS ? "must be a phone number" : "is required"));
        }
        SuppressionReason why = reason == null ? SuppressionReason.MANUAL : Codes.parse(SuppressionReason.class, reason).orElse(null);
        if (why == null) {
            errors.add(new FieldError("reason", "must be one of " + Codes.list(SuppressionReason.class)));
        }
        String src = source == null || source.isBlank() ? "manual" : source.strip();
        if (src.length() > 100) {
            errors.add(new FieldError("source", "must be at most 100 characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        return suppress(kind, normalized, why, src, Actor.current());
    }

    /** Suppresses a normalised address (again: the first reason stays). */
    Suppression suppress(ChannelKind kind, String normalized, SuppressionReason reason, String source, String actor) {
        PiiKind pii = piiKind(kind);
        jdbc.sql("INSERT INTO msg_suppression (channel, address_key, address_enc, address_masked, reason, source, created_by) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel, address_key) DO NOTHING")
                .params(kind.code(), key(kind, normalized), pii == null ? null : vault.encrypt(pii, normalized),
                        masked(kind, normalized), Codes.of(reason), source, actor).update();
        return jdbc.sql("SELECT * FROM msg_suppression WHERE channel = ? AND address_key = ?")
                .params(kind.code(), key(kind, normalized)).query(Suppressions::row).single();
    }

    @Transactional
    void remove(long id) {
        if (jdbc.sql("DELETE FROM msg_suppression WHERE id = ?").param(id).update() == 0) {
            throw ApiProblemException.notFound("suppression", id);
        }
    }

    /**
     * Newest first; {@code q} is an exact address (found by its fingerprint) or a fragment of the masked form,
     * source or reason.
     */
    CursorPage<Suppression> list(String channel, String q, PageRequest page) {
        StringBuilder sql = new StringBuilder("SELECT * FROM msg_suppression WHERE true");
        List<Object> params = new ArrayList<>();
        if (channel != null && !channel.isBlank()) {
            ChannelKind kind = Codes.parse(ChannelKind.class, channel)
                    .orElseThrow(() -> ApiProblemException.invalid("channel", "must be one of " + Codes.list(ChannelKind.class)));
            sql.append(" AND channel = ?");
            params.add(kind.code());
        }
        if (q != null && !q.isBlank()) {
            List<String> keys = new ArrayList<>();
            for (ChannelKind kind : ChannelKind.values()) {
                String n = normalized(kind, q);
                if (n != null) {
                    keys.add(key(kind, n));
                }
            }
            sql.append(" AND (address_key = ANY (?::text[]) OR lower(address_masked) LIKE ? OR lower(source) LIKE ? "
                    + "OR reason = ?)");
            params.add(keys.toArray(String[]::new));
            String like = "%" + q.strip().toLowerCase(Locale.ROOT).replace("%", "") + "%";
            params.add(like);
            params.add(like);
            params.add(q.strip().toLowerCase(Locale.ROOT));
        }
        Long after = page.cursorAsLong();
        if (after != null) {
            sql.append(" AND id < ?");
            params.add(after);
        }
        sql.append(" ORDER BY id DESC LIMIT ?");
        params.add(page.fetchSize());
        return CursorPage.of(jdbc.sql(sql.toString()).params(params).query(Suppressions::row).list(), page.limit(),
                s -> PageRequest.encode(Long.toString(s.id())));
    }

    private static Suppression row(ResultSet rs, int n) throws SQLException {
        return new Suppression(rs.getLong("id"), rs.getString("channel"), rs.getString("address_masked"),
                rs.getString("reason"), rs.getString("source"), rs.getTimestamp("created_at").toInstant(),
                rs.getString("created_by"));
    }
}
