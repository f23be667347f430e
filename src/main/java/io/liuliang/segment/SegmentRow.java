package io.liuliang.segment;

import java.time.Instant;
import java.util.UUID;

/** A stored segment; {@code condition} is its canonical condition JSON. */
record SegmentRow(UUID id, String name, SegmentKind kind, String condition, String description, long memberCount,
                  Instant lastRefreshedAt, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {
}
