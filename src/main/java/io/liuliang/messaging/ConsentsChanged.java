package io.liuliang.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Customers' consents changed (one event per batch: an unsubscribe click, an SMS reply, a change in the console). */
public record ConsentsChanged(List<Change> changes) {

    public ConsentsChanged {
        changes = List.copyOf(changes);
    }

    /** One change: {@code channel} a {@link ChannelKind} code, {@code purpose} a {@link Purpose} code. */
    public record Change(UUID customerId, String channel, String purpose, ConsentStatus status, String source,
                         Instant changedAt) {
    }
}
