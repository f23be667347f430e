package io.liuliang.event;

import java.time.Instant;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/**
 * An event of a known customer as stored, with its properties (JSON text) and when it was received: what journeys
 * read to enrol customers and to wake those waiting for it.
 */
public record ObservedEvent(String eventId, EventType type, String customName, CustomerId customer, UUID shopId,
                            Instant occurredAt, Instant receivedAt, String properties) {
}
