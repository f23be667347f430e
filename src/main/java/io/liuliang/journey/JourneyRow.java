package io.liuliang.journey;

import java.time.Instant;
import java.util.UUID;

/** A journey as stored: its draft definition (JSON text) and its current published version. */
record JourneyRow(UUID id, String name, String description, JourneyStatus status, String draft, boolean draftChanged,
                  Integer currentVersion, String entryKind, Instant createdAt, String createdBy,
                  Instant updatedAt, String updatedBy) {
}
