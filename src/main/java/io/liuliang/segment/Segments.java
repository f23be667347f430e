package io.liuliang.segment;

import java.util.List;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/** The segment module's face to other modules (journeys): membership and its change log. */
public interface Segments {

    /** Whether the customer is in the segment now. */
    boolean isMember(UUID segmentId, CustomerId customer);

    /** Entries and exits after {@code seq} (exclusive), in order, at most {@code limit}. */
    List<SegmentMembershipChange> changesAfter(long seq, int limit);
}
