package io.liuliang.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Messages went out to their providers (one event per dispatch batch). */
public record MessagesSent(List<Sent> messages) {

    public MessagesSent {
        messages = List.copyOf(messages);
    }

    /** One message; {@code channel} a {@link ChannelKind} code, {@code purpose} a {@link Purpose} code. */
    public record Sent(UUID deliveryId, UUID customerId, UUID templateId, String channel, String purpose, String source,
                       String sourceRef, Instant sentAt) {
    }
}
