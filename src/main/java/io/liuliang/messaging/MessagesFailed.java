package io.liuliang.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Messages failed for good: out of attempts or refused (dead), or reported undelivered by the carrier (failed). One
 * event per batch; retries still pending are not announced.
 */
public record MessagesFailed(List<Failure> messages) {

    public MessagesFailed {
        messages = List.copyOf(messages);
    }

    /** {@code status} is {@code dead} or {@code failed}. */
    public record Failure(UUID deliveryId, UUID customerId, UUID templateId, String channel, String purpose,
                          String status, String error, String source, String sourceRef, Instant at) {
    }
}
