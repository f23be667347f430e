package io.liuliang.customer;

import java.util.List;

import io.liuliang.shared.CustomerId;

/**
 * The outcome of resolving one record: the customer it belongs to, the origin to record on what the record brings
 * (orders, events: the customer its strongest identity first belonged to, which keeps unmerge faithful), whether
 * that customer is new, which customers
 * were merged into it, the conflict opened instead of a merge (if any), and identities that were not used. When
 * none of the record's identities is usable, the record is unresolved and {@code customerId} is null.
 */
public record Resolution(CustomerId customerId, CustomerId origin, boolean created, List<CustomerId> merged, Long conflictId,
                         List<IgnoredIdentity> ignored) {

    public boolean resolved() {
        return customerId != null;
    }

    /** An identity of the record that was not linked, and why (junk, invalid, unknown type, shared, limit). */
    public record IgnoredIdentity(int index, String type, String reason) {
    }
}
