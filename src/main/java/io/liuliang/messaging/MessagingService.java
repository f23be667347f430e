package io.liuliang.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Contact;
import io.liuliang.customer.Customers;
import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.TimeOrderedIds;

/**
 * Queues messages ({@link Messaging}): in the caller's transaction, after the checks of {@link SendPolicy}; marketing
 * under the customer's advisory lock (held until the caller commits, so the caps hold for concurrent senders), and
 * when due in quiet hours queued for their end. The idempotency key is unique: of two concurrent sends with one key,
 * one inserts and the other answers its outcome.
 */
@Service
class MessagingService implements Messaging {

    static final int MAX_KEY = 200;

    private final TemplateStore templates;
    private final ChannelStore channels;
    private final DeliveryStore deliveries;
    private final Customers customers;
    private final CustomerLock locks;
    private final SendPolicy policy;
    private final MessageComposer composer;
    private final SettingsService settings;
    private final Suppressions suppressions;
    private final PersonalData vault;
    private final Clock clock;
    private final ZoneId zone;

    MessagingService(TemplateStore templates, ChannelStore channels, DeliveryStore deliveries, Customers customers,
                     CustomerLock locks, SendPolicy policy, MessageComposer composer, SettingsService settings,
                     Suppressions suppressions, PersonalData vault, Clock clock,
                     @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone) {
        this.templates = templates;
        this.channels = channels;
        this.deliveries = deliveries;
        this.customers = customers;
        this.locks = locks;
        this.policy = policy;
        this.composer = composer;
        this.settings = settings;
        this.suppressions = suppressions;
        this.vault = vault;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public Optional<String> templateName(UUID templateId) {
        return templates.find(templateId).map(Template::name);
    }

    @Override
    @Transactional
    public SendOutcome send(SendRequest request) {
        if (request.idempotencyKey().isBlank() || request.idempotencyKey().length() > MAX_KEY) {
            throw ApiProblemException.invalid("idempotencyKey", "must be 1 to " + MAX_KEY + " characters");
        }
        Template template = templates.find(request.templateId())
                .orElseThrow(() -> ApiProblemException.notFound("template", request.templateId()));
        Optional<SendOutcome> seen = previous(request.idempotencyKey());
        if (seen.isPresent()) {
            return seen.get();
        }
        CustomerId customer = customers.survivorOf(request.customer())
                .orElseThrow(() -> ApiProblemException.notFound("Customer", request.customer()));
        if (template.purpose() == Purpose.MARKETING) {
            // the caps: one marketing send per customer at a time, until the caller commits
            locks.lock(customer);
            seen = previous(request.idempotencyKey());
            if (seen.isPresent()) {
                return seen.get();
            }
        }
        Channel channel = channels.find(template.channelId()).orElseThrow();
        ChannelKind kind = channel.kind();
        Instant now = clock.instant();
        UUID id = TimeOrderedIds.next();
        MessagingSettings current = settings.current();
        Contact contact = customers.contactOf(customer).orElse(new Contact(customer, null, null, null));
        String address = MessageComposer.addressOf(contact, kind);
        String normalized = address == null ? null : Suppressions.normalized(kind, address);
        Instant notBefore = template.purpose() == Purpose.MARKETING
                ? QuietHours.firstAllowed(SettingsService.quietWindows(current, kind), now, zone) : now;
        SkipReason skip = !template.active() ? SkipReason.TEMPLATE_INACTIVE
                : !channel.enabled() ? SkipReason.CHANNEL_DISABLED
                : policy.check(customer, kind, template.purpose(), normalized, notBefore, null, current, false).orElse(null);
        if (skip != null) {
            deliveries.insert(new DeliveryStore.NewDelivery(id, request.idempotencyKey(), customer, template.id(),
                    channel.id(), kind, template.purpose(), null, null,
                    normalized == null ? null : suppressions.masked(kind, normalized), null, null, null,
                    DeliveryStatus.SKIPPED, skip, now, request.source(), request.sourceRef(), now));
            return previous(request.idempotencyKey()).orElse(new SendOutcome.Skipped(skip));
        }
        MessageComposer.Composed m = composer.compose(template, channel, contact, request.couponCode(),
                current.shopName(), id, false);
        PiiKind pii = Suppressions.piiKind(kind);
        boolean inserted = deliveries.insert(new DeliveryStore.NewDelivery(id, request.idempotencyKey(), customer,
                template.id(), channel.id(), kind, template.purpose(),
                pii == null ? null : vault.encrypt(pii, normalized), suppressions.key(kind, normalized),
                suppressions.masked(kind, normalized), m.subject(), m.body(), m.params(), DeliveryStatus.QUEUED, null,
                notBefore, request.source(), request.sourceRef(), now));
        if (!inserted) {
            return previous(request.idempotencyKey()).orElseThrow();
        }
        return new SendOutcome.Queued(id, notBefore);
    }

    /** The outcome of an earlier send with this key: the same skip, or the delivery it queued. */
    private Optional<SendOutcome> previous(String key) {
        return deliveries.findByKey(key).map(d -> d.status() == DeliveryStatus.SKIPPED && d.skipReason() != null
                ? new SendOutcome.Skipped(d.skipReason()) : new SendOutcome.AlreadyQueued(d.id()));
    }

}
