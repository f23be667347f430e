package io.liuliang.segment;

import java.time.Instant;
import java.util.UUID;

/** A stored tag; {@code condition} is the condition JSON of rule and system tags (null for manual ones). */
record TagRow(UUID id, String name, TagKind kind, String color, String description, String condition, String systemKey,
              Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, Instant lastRefreshedAt) {
}
