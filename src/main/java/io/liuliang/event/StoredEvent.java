package io.liuliang.event;

import java.time.Instant;
import java.util.UUID;

/** An event as read back (for the 360° view). Properties are raw JSON text. */
public record StoredEvent(String eventId, EventType type, String customName, Instant occurredAt, UUID shopId,
                          String anonymousId, String source, @com.fasterxml.jackson.annotation.JsonRawValue String properties) {
}
