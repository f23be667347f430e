package io.liuliang.messaging;

import java.time.Instant;
import java.util.UUID;

/** What {@link Messaging#send} did. */
public sealed interface SendOutcome {

    /** Queued now; sent at {@code notBefore} at the earliest (later than now when deferred past quiet hours). */
    record Queued(UUID deliveryId, Instant notBefore) implements SendOutcome {
    }

    /** The key was seen before: this is the delivery it queued. */
    record AlreadyQueued(UUID deliveryId) implements SendOutcome {
    }

    /** Not queued, for this reason (recorded in the delivery log as skipped). */
    record Skipped(SkipReason reason) implements SendOutcome {
    }
}
