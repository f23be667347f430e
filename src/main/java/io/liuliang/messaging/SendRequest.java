package io.liuliang.messaging;

import java.util.Objects;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/**
 * One message to queue: the template (which fixes channel and purpose), the customer, the key that makes it happen
 * once, who sends it ({@code source}, e.g. {@code journey}) and an optional reference for attribution
 * ({@code sourceRef}, e.g. {@code journeyId:version:nodeId}). {@code couponCode} fills the template's
 * {@code {{coupon.code}}} when the sender issued one just before.
 */
public record SendRequest(CustomerId customer, UUID templateId, String idempotencyKey, String source, String sourceRef,
                          String couponCode) {

    public SendRequest {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(source, "source");
    }
}
