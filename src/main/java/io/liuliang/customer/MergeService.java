package io.liuliang.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.iam.AuditAction;
import io.liuliang.iam.AuditLog;
import io.liuliang.iam.AuditRecord;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerDataOwner;
import io.liuliang.shared.CustomerId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Merges and unmerges customers. A merge moves identities and, through every {@link CustomerDataOwner}, orders,
 * events and the rest to the survivor, folds traits, and writes a merge record with the survivor's traits before
 * the merge. An unmerge gives back to the merged customer everything whose origin lies in its subtree and
 * recomputes the survivor's traits.
 */
@Service
class MergeService {

    private final CustomerStore store;
    private final JdbcClient jdbc;
    private final org.springframework.beans.factory.ObjectProvider<CustomerDataOwner> owners;
    private final JsonMapper json;
    private final AuditLog audit;
    private final org.springframework.context.ApplicationEventPublisher publisher;

    private final TraitRuleService traitRules;

    MergeService(CustomerStore store, JdbcClient jdbc, org.springframework.beans.factory.ObjectProvider<CustomerDataOwner> owners,
                 JsonMapper json, AuditLog audit, org.springframework.context.ApplicationEventPublisher publisher,
                 TraitRuleService traitRules) {
        this.traitRules = traitRules;
        this.publisher = publisher;
        this.store = store;
        this.jdbc = jdbc;
        this.owners = owners;
        this.json = json;
        this.audit = audit;
    }

    /** Why and how two customers were merged. */
    record MergeReason(String identityType, String identityMasked, String reason, String source, String actor) {
    }

    /** Merges {@code merged} into {@code survivor}; both must be locked by the caller's transaction. */
    void merge(CustomerRow survivor, CustomerRow merged, MergeReason why) {
        TraitSnapshot before = survivor.traits();
        jdbc.sql("INSERT INTO customer_merge (survivor_id, merged_id, identity_type, identity_masked, reason, source, actor, "
                        + "survivor_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)")
                .params(survivor.id(), merged.id(), why.identityType(), why.identityMasked(), why.reason(), why.source(),
                        why.actor(), json.writeValueAsString(before))
                .update();
        store.markMerged(merged.id(), survivor.id());
        store.moveIdentities(merged.id(), survivor.id());
        owners.orderedStream().forEach(o -> o.reassign(new CustomerId(merged.id()), new CustomerId(survivor.id())));
        store.updateTraits(survivor.id(), before.fold(merged.traits(), traitRules.current()));
        publisher.publishEvent(new CustomersMerged(new CustomerId(survivor.id()), new CustomerId(merged.id())));
    }

    /** A merge record as the 360° view shows it. */
    record MergeRecord(long id, UUID survivorId, UUID mergedId, String identityType, String identityMasked, String reason,
                       String source, String actor, java.time.Instant mergedAt, java.time.Instant unmergedAt,
                       String unmergedBy) {
    }

    List<MergeRecord> history(UUID customer) {
        // survivor_before (the survivor's traits as a JSON snapshot, for an unmerge) is not part of the record
        return jdbc.sql("SELECT id, survivor_id, merged_id, identity_type, identity_masked, reason, source, actor, "
                        + "merged_at, unmerged_at, unmerged_by FROM customer_merge WHERE survivor_id = ? OR merged_id = ? "
                        + "ORDER BY merged_at DESC, id DESC")
                .params(customer, customer)
                .query((rs, n) -> new MergeRecord(rs.getLong("id"), rs.getObject("survivor_id", UUID.class),
                        rs.getObject("merged_id", UUID.class), rs.getString("identity_type"),
                        rs.getString("identity_masked"), rs.getString("reason"), rs.getString("source"),
                        rs.getString("actor"), CustomerStore.instant(rs, "merged_at"),
                        CustomerStore.instant(rs, "unmerged_at"), rs.getString("unmerged_by")))
                .list();
    }

    /**
     * Undoes the merge of {@code mergedId}: it becomes a customer of its own again with the identities, orders and
     * events that came with it (and with customers merged into it before).
     */
    @Transactional
    MergeRecord unmerge(UUID mergedId, String actor) {
        Map<String, Object> record = jdbc.sql("SELECT id, survivor_id, survivor_before::text AS before FROM customer_merge "
                        + "WHERE merged_id = ? AND unmerged_at IS NULL ORDER BY id DESC LIMIT 1")
                .param(mergedId).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> ApiProblemException.conflict("Customer " + mergedId + " is not merged into another"));
        long recordId = ((Number) record.get("id")).longValue();
        UUID survivorId = (UUID) record.get("survivor_id");
        UUID root = store.survivorOf(survivorId).orElse(survivorId);
        store.lock(List.of(root, mergedId, survivorId));
        List<UUID> subtree = store.subtree(mergedId);
        store.restoreIdentities(subtree, root, mergedId);
        List<CustomerId> origins = subtree.stream().map(CustomerId::new).toList();
        owners.orderedStream().forEach(o -> o.restore(origins, new CustomerId(root), new CustomerId(mergedId)));
        store.clearMerged(mergedId);
        jdbc.sql("UPDATE customer_merge SET unmerged_at = now(), unmerged_by = ? WHERE id = ?").params(actor, recordId)
                .update();

        // the survivor's traits: as before this merge, with the customers merged into it later folded in again; each
        // later merge's record now keeps the survivor as it would have been without this one, so that unmerging those
        // later (in any order) never brings back what this customer brought
        TraitSnapshot traits = json.readValue((String) record.get("before"), TraitSnapshot.class);
        List<LaterMerge> later = jdbc.sql("SELECT id, merged_id FROM customer_merge WHERE survivor_id = ? AND id > ? "
                        + "AND unmerged_at IS NULL ORDER BY id").params(survivorId, recordId)
                .query((rs, n) -> new LaterMerge(rs.getLong(1), rs.getObject(2, UUID.class))).list();
        TraitMergeRules rules = traitRules.current();
        for (LaterMerge laterMerge : later) {
            jdbc.sql("UPDATE customer_merge SET survivor_before = ?::jsonb WHERE id = ?")
                    .params(json.writeValueAsString(traits), laterMerge.id()).update();
            traits = traits.fold(store.find(laterMerge.merged()).orElseThrow().traits(), rules);
        }
        store.updateTraits(survivorId, traits);
        publisher.publishEvent(new CustomerUnmerged(new CustomerId(survivorId), new CustomerId(mergedId)));
        audit.record(AuditRecord.of(AuditAction.CUSTOMER_UNMERGED, "customer", mergedId.toString(), null,
                "split from " + survivorId));
        return history(mergedId).stream().filter(m -> m.id() == recordId).findFirst().orElseThrow();
    }

    /** A merge into the same survivor after the one being undone. */
    private record LaterMerge(long id, UUID merged) {
    }

    /** Merges customers by hand (for example after reviewing a conflict), into the oldest of them. */
    @Transactional
    UUID mergeManually(List<UUID> ids, String reason, String actor) {
        List<UUID> survivors = new ArrayList<>();
        for (UUID id : ids) {
            UUID survivor = store.survivorOf(id).orElseThrow(() -> ApiProblemException.notFound("Customer", id));
            if (!survivors.contains(survivor)) {
                survivors.add(survivor);
            }
        }
        if (survivors.size() < 2) {
            throw ApiProblemException.invalid("customerIds", "name at least two different customers");
        }
        List<CustomerRow> rows = new ArrayList<>(store.lock(survivors));
        rows.sort(CustomerRow.OLDEST_FIRST);
        CustomerRow survivor = rows.get(0);
        for (CustomerRow merged : rows.subList(1, rows.size())) {
            merge(store.find(survivor.id()).orElseThrow(), merged,
                    new MergeReason(null, null, reason, "console", actor));
        }
        audit.record(AuditRecord.of(AuditAction.CUSTOMERS_MERGED, "customer", survivor.id().toString(), null,
                "merged " + survivors.subList(1, survivors.size()) + ": " + reason));
        return survivor.id();
    }
}
