package io.liuliang.messaging;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Messaging deliveries", description = "Sending a template to a customer; the delivery log and dead letters")
class DeliveryController {

    private final Messaging messaging;
    private final DeliveryService deliveries;

    DeliveryController(Messaging messaging, DeliveryService deliveries) {
        this.messaging = messaging;
        this.deliveries = deliveries;
    }

    /** A delivery; the address only masked. {@code skipReason} for skipped ones. */
    record DeliveryView(UUID id, String idempotencyKey, UUID customerId, UUID templateId, UUID channelId, String channel,
                        String purpose, String address, String subject, String body, List<SmsParam> providerParams,
                        String status, String skipReason, int attempts, Instant notBefore, Instant nextAttemptAt,
                        String providerMessageId, String providerReceipt, String error, String source,
                        String sourceRef, Instant sentAt, Instant deliveredAt, Instant openedAt, Instant clickedAt,
                        Instant createdAt, Instant updatedAt) {

        static DeliveryView of(Delivery d) {
            return new DeliveryView(d.id(), d.idempotencyKey(), d.customerId(), d.templateId(), d.channelId(),
                    d.channel().code(), Codes.of(d.purpose()), d.addressMasked(), d.subject(), d.body(),
                    d.providerParams(), d.status().code(), d.skipReason() == null ? null : d.skipReason().code(),
                    d.attempts(), d.notBefore(), d.nextAttemptAt(), d.providerMessageId(), d.providerReceipt(), d.error(),
                    d.source(), d.sourceRef(), d.sentAt(), d.deliveredAt(), d.openedAt(), d.clickedAt(), d.createdAt(),
                    d.updatedAt());
        }
    }

    record SendBody(UUID customerId, UUID templateId, String idempotencyKey, String couponCode, String sourceRef) {
    }

    /** {@code outcome}: queued, already_queued or skipped (with {@code skipReason}). */
    record SendAnswer(String outcome, UUID deliveryId, Instant notBefore, String skipReason) {
    }

    @PostMapping("/messaging/sends")
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Queue a template's message to a customer (source manual); the same idempotencyKey again "
            + "answers the first outcome")
    SendAnswer send(@RequestBody SendBody body) {
        List<io.liuliang.shared.FieldError> missing = new java.util.ArrayList<>();
        if (body == null || body.customerId() == null) {
            missing.add(new io.liuliang.shared.FieldError("customerId", "is required"));
        }
        if (body == null || body.templateId() == null) {
            missing.add(new io.liuliang.shared.FieldError("templateId", "is required"));
        }
        if (!missing.isEmpty()) {
            throw ApiProblemException.invalid(missing);
        }
        String key = body.idempotencyKey() == null || body.idempotencyKey().isBlank() ? "manual:" + UUID.randomUUID()
                : body.idempotencyKey().strip();
        SendOutcome outcome = messaging.send(new SendRequest(new CustomerId(body.customerId()), body.templateId(), key,
                "manual", body.sourceRef(), body.couponCode()));
        if (outcome instanceof SendOutcome.Queued q) {
            return new SendAnswer("queued", q.deliveryId(), q.notBefore(), null);
        }
        if (outcome instanceof SendOutcome.AlreadyQueued a) {
            return new SendAnswer("already_queued", a.deliveryId(), null, null);
        }
        return new SendAnswer("skipped", null, null, ((SendOutcome.Skipped) outcome).reason().code());
    }

    @GetMapping("/messaging/deliveries")
    @PreAuthorize("hasAuthority('messaging.read')")
    @Operation(summary = "The delivery log, newest first: status (queued, sending, sent, delivered, failed, skipped, dead "
            + "— dead is the dead-letter view), channel, customerId; q searches subject, body, source ref, error, provider id")
    CursorPage<DeliveryView> list(@RequestParam(required = false) String status,
                                  @RequestParam(required = false) String channel,
                                  @RequestParam(required = false) UUID customerId,
                                  @RequestParam(required = false) String q,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        return deliveries.list(status, channel, customerId, q, PageRequest.of(limit, cursor)).map(DeliveryView::of);
    }

    @GetMapping("/messaging/deliveries/daily")
    @PreAuthorize("hasAuthority('messaging.read')")
    @Operation(summary = "Deliveries queued per day (merchant time zone) over the last `days` (1-90, default 30), by "
            + "where they are now: waiting (queued, sending), sent, delivered, failed (failed, dead), skipped")
    List<DeliveryService.Day> daily(@RequestParam(required = false) Integer days) {
        return deliveries.daily(days == null ? DeliveryService.DEFAULT_DAYS : days);
    }

    @GetMapping("/messaging/deliveries/{id}")
    @PreAuthorize("hasAuthority('messaging.read')")
    DeliveryView get(@PathVariable UUID id) {
        return DeliveryView.of(deliveries.get(id));
    }

    @PostMapping("/messaging/deliveries/{id}:retry")
    @PreAuthorize("hasAuthority('messaging.manage')")
    @Operation(summary = "Queue a dead (or finally failed) delivery again with fresh attempts")
    DeliveryView retry(@PathVariable UUID id) {
        return DeliveryView.of(deliveries.retry(id));
    }

    @GetMapping("/customers/{id}/messages")
    @PreAuthorize("hasAnyAuthority('messaging.read', 'customer.read')")
    @Operation(summary = "The messages of a customer (360° view), newest first")
    CursorPage<DeliveryView> ofCustomer(@PathVariable UUID id, @RequestParam(required = false) Integer limit,
                                        @RequestParam(required = false) String cursor) {
        return deliveries.list(null, null, id, null, PageRequest.of(limit, cursor)).map(DeliveryView::of);
    }
}
