package io.liuliang.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A row of the delivery log (the address only masked). */
record Delivery(UUID id, String idempotencyKey, UUID customerId, UUID templateId, UUID channelId, ChannelKind channel,
                Purpose purpose, String addressMasked, String subject, String body, List<SmsParam> providerParams,
                DeliveryStatus status, SkipReason skipReason, int attempts, Instant notBefore, Instant nextAttemptAt,
                Instant leaseUntil, String providerMessageId, String providerReceipt, String error, String source,
                String sourceRef, Instant sentAt, Instant deliveredAt, Instant openedAt, Instant clickedAt,
                Instant createdAt, Instant updatedAt) {
}
