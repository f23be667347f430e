package io.liuliang.segment;

import java.util.Set;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/**
 * Customers entered or left a segment (published inside the transaction that recorded the change; the full list
 * is in the change log, {@link Segments#changesAfter}). Large refreshes announce only the counts' segment with
 * empty sets and {@code bulk} true.
 */
public record SegmentMembershipChanged(UUID segmentId, Set<CustomerId> entered, Set<CustomerId> exited, boolean bulk) {

    public SegmentMembershipChanged {
        entered = Set.copyOf(entered);
        exited = Set.copyOf(exited);
    }
}
