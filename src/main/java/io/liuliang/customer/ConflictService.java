package io.liuliang.customer;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.iam.AuditAction;
import io.liuliang.iam.AuditLog;
import io.liuliang.iam.AuditRecord;
import io.liuliang.shared.ApiProblemException;

/** The review queue of merges One-ID refused to make on its own. */
@Service
class ConflictService {

    private final JdbcClient jdbc;
    private final MergeService merges;
    private final AuditLog audit;

    ConflictService(JdbcClient jdbc, @org.springframework.context.annotation.Lazy MergeService merges, AuditLog audit) {
        this.jdbc = jdbc;
        this.merges = merges;
        this.audit = audit;
    }

    enum Status { OPEN, MERGED, DISMISSED }

    record Conflict(long id, Status status, List<UUID> customerIds, String identityType, String reason, String source,
                    Instant createdAt, Instant resolvedAt, String resolvedBy, List<Party> customers) {
    }

    /** A customer involved in a conflict, named without revealing personal data. */
    record Party(UUID id, String displayName, UUID mergedInto) {
    }

    long open(List<UUID> customers, String identityType, String reason, String source) {
        return jdbc.sql("INSERT INTO identity_conflict (customer_ids, identity_type, reason, source) VALUES (?::uuid[], ?, ?, ?) "
                        + "RETURNING id")
                .params(CustomerStore.uuidArray(customers), identityType, reason, source).query(Long.class).single();
    }

    List<Conflict> list(Status status, Long beforeId, int fetch) {
        return jdbc.sql("SELECT * FROM identity_conflict WHERE (?::text IS NULL OR status = ?) AND (?::bigint IS NULL OR id < ?) "
                        + "ORDER BY id DESC LIMIT ?")
                .params(status == null ? null : status.name(), status == null ? null : status.name(), beforeId, beforeId,
                        fetch)
                .query((rs, n) -> new Conflict(rs.getLong("id"), Status.valueOf(rs.getString("status")),
                        Arrays.asList((UUID[]) rs.getArray("customer_ids").getArray()), rs.getString("identity_type"),
                        rs.getString("reason"), rs.getString("source"), CustomerStore.instant(rs, "created_at"),
                        CustomerStore.instant(rs, "resolved_at"), rs.getString("resolved_by"), List.of()))
                .list().stream().map(this::withParties).toList();
    }

    private Conflict withParties(Conflict c) {
        List<Party> parties = jdbc.sql("SELECT id, display_name, merged_into FROM customer WHERE id = ANY (?::uuid[])")
                .param(CustomerStore.uuidArray(c.customerIds()))
                .query((rs, n) -> new Party(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)))
                .list();
        return new Conflict(c.id(), c.status(), c.customerIds(), c.identityType(), c.reason(), c.source(), c.createdAt(),
                c.resolvedAt(), c.resolvedBy(), parties);
    }

    Conflict get(long id) {
        return jdbc.sql("SELECT * FROM identity_conflict WHERE id = ?").param(id)
                .query((rs, n) -> new Conflict(rs.getLong("id"), Status.valueOf(rs.getString("status")),
                        Arrays.asList((UUID[]) rs.getArray("customer_ids").getArray()), rs.getString("identity_type"),
                        rs.getString("reason"), rs.getString("source"), CustomerStore.instant(rs, "created_at"),
                        CustomerStore.instant(rs, "resolved_at"), rs.getString("resolved_by"), List.of()))
                .optional().map(this::withParties).orElseThrow(() -> ApiProblemException.notFound("Conflict", id));
    }

    /** The reviewer decides the customers are one person after all: merge them (past the type's limit). */
    @Transactional
    Conflict merge(long id, String actor) {
        Conflict conflict = requireOpen(id);
        merges.mergeManually(conflict.customerIds(), "conflict " + id + " reviewed: " + conflict.reason(), actor);
        close(id, Status.MERGED, actor);
        return get(id);
    }

    /** The reviewer decides they are different people: keep them apart. */
    @Transactional
    Conflict dismiss(long id, String actor) {
        requireOpen(id);
        close(id, Status.DISMISSED, actor);
        audit.record(AuditRecord.of(AuditAction.CONFLICT_DISMISSED, "identity_conflict", Long.toString(id), null, null));
        return get(id);
    }

    private Conflict requireOpen(long id) {
        Conflict conflict = get(id);
        if (conflict.status() != Status.OPEN) {
            throw ApiProblemException.conflict("Conflict " + id + " was already resolved (" + conflict.status() + ")");
        }
        return conflict;
    }

    private void close(long id, Status status, String actor) {
        jdbc.sql("UPDATE identity_conflict SET status = ?, resolved_at = now(), resolved_by = ? WHERE id = ?")
                .params(status.name(), actor, id).update();
    }
}
