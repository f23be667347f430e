package io.liuliang.messaging;

import java.time.Instant;
import java.util.UUID;

/** A configured channel: one provider account messages go out through. */
record Channel(UUID id, ChannelType type, String name, boolean enabled, int ratePerSecond, ChannelConfig config,
               String callbackToken, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

    ChannelKind kind() {
        return type.kind();
    }

    @Override
    public String toString() {
        return "Channel[" + id + ", " + type + ", " + name + "]";
    }
}
