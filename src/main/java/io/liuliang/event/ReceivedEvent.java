package io.liuliang.event;

import java.time.Instant;

import io.liuliang.shared.CustomerId;

/** An event of a known customer as stored, with when it was received: what pollers of new events read. */
public record ReceivedEvent(String eventId, EventType type, String customName, CustomerId customer, Instant occurredAt,
                            Instant receivedAt) {
}
