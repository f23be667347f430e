package io.liuliang.segment;

import java.util.List;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/** The segment module's face to other modules (journeys): membership and its change log. */
public interface Segments {

    /** Whether the customer is in the segment now. */
    boolean isMember(UUID segmentId, CustomerId customer);

    /** The segment's name, if it exists. */
    java.util.Optional<String> nameOf(UUID segmentId);

    /** How many customers are in the segment now. */
    long memberCount(UUID segmentId);

    /** The members after {@code after} (exclusive; null for the first page) by customer id, at most {@code limit}. */
    List<CustomerId> membersAfter(UUID segmentId, CustomerId after, int limit);

    /** Entries and exits after {@code seq} (exclusive), in order, at most {@code limit}. */
    List<SegmentMembershipChange> changesAfter(long seq, int limit);

    /** The seq of the latest recorded entry or exit (0 when there is none): where a new consumer starts. */
    long latestChangeSeq();
}
