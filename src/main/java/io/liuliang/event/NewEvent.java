package io.liuliang.event;

import java.time.Instant;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/**
 * A validated event to store: the client's id, type (and name for custom events), time, whom it is about (a
 * customer with its origin, or an anonymous id), shop, properties as a JSON object, source.
 */
public record NewEvent(String eventId, EventType type, String customName, Instant occurredAt, CustomerId customerId,
                       CustomerId originCustomerId, String anonymousId, UUID shopId, String propertiesJson,
                       String source) {
}
