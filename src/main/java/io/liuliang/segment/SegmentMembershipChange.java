package io.liuliang.segment;

import java.time.Instant;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/** One entry into or exit from a segment, in log order ({@code seq}); journeys consume these by seq. */
public record SegmentMembershipChange(long seq, UUID segmentId, CustomerId customerId, boolean entered, Instant at) {
}
