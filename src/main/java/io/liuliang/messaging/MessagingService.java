package io.liuliang.messaging;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
        return sendAll(List.of(request)).get(0);
    }

    /** One message being queued. */
    private record Planned(int index, SendRequest request, Template template, Channel channel, CustomerId customer,
                           Contact contact, String normalized, Instant notBefore) {
    }

    @Override
    @Transactional
    public List<SendOutcome> sendAll(List<SendRequest> requests) {
        Map<UUID, Template> templatesById = new HashMap<>();
        Map<String, Integer> firstOfKey = new HashMap<>();
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            SendRequest r = requests.get(i);
            if (r.idempotencyKey().isBlank() || r.idempotencyKey().length() > MAX_KEY) {
                throw ApiProblemException.invalid("idempotencyKey", "must be 1 to " + MAX_KEY + " characters");
            }
            if (!templatesById.containsKey(r.templateId())) {
                templatesById.put(r.templateId(), templates.find(r.templateId())
                        .orElseThrow(() -> ApiProblemException.notFound("template", r.templateId())));
            }
            if (firstOfKey.putIfAbsent(r.idempotencyKey(), i) == null) {
                todo.add(i);
            }
        }
        SendOutcome[] outcomes = new SendOutcome[requests.size()];
        todo = answerSeen(requests, todo, outcomes);
        if (!todo.isEmpty()) {
            Map<CustomerId, CustomerId> survivors = customers.survivorsOf(
                    todo.stream().map(i -> requests.get(i).customer()).distinct().toList());
            List<CustomerId> marketed = new ArrayList<>();
            for (int i : todo) {
                SendRequest r = requests.get(i);
                CustomerId survivor = survivors.get(r.customer());
                if (survivor == null) {
                    throw ApiProblemException.notFound("Customer", r.customer());
                }
                if (templatesById.get(r.templateId()).purpose() == Purpose.MARKETING) {
                    marketed.add(survivor);
                }
            }
            if (!marketed.isEmpty()) {
                // the caps: one marketing sender per customer at a time, until the caller commits; then look again
                locks.lockAll(marketed);
                todo = answerSeen(requests, todo, outcomes);
            }
            queue(requests, todo, templatesById, survivors, outcomes);
        }
        for (int i = 0; i < requests.size(); i++) {
            if (outcomes[i] == null) {
                // a key repeated within the batch: the first one's outcome
                SendOutcome first = outcomes[firstOfKey.get(requests.get(i).idempotencyKey())];
                outcomes[i] = first instanceof SendOutcome.Queued q ? new SendOutcome.AlreadyQueued(q.deliveryId()) : first;
            }
        }
        return List.of(outcomes);
    }

    private void queue(List<SendRequest> requests, List<Integer> todo, Map<UUID, Template> templatesById,
                       Map<CustomerId, CustomerId> survivors, SendOutcome[] outcomes) {
        Map<UUID, Channel> channelsById = new HashMap<>();
        MessagingSettings current = settings.current();
        Instant now = clock.instant();
        Map<CustomerId, Contact> contacts = customers.contactsOf(todo.stream().map(i -> survivors.get(requests.get(i).customer()))
                .distinct().toList());
        List<Planned> planned = new ArrayList<>(todo.size());
        for (int i : todo) {
            SendRequest r = requests.get(i);
            Template template = templatesById.get(r.templateId());
            Channel channel = channelsById.computeIfAbsent(template.channelId(), id -> channels.find(id).orElseThrow());
            CustomerId customer = survivors.get(r.customer());
            Contact contact = contacts.getOrDefault(customer, new Contact(customer, null, null, null));
            String address = MessageComposer.addressOf(contact, channel.kind());
            Instant notBefore = template.purpose() == Purpose.MARKETING
                    ? QuietHours.firstAllowed(SettingsService.quietWindows(current, channel.kind()), now, zone) : now;
            planned.add(new Planned(i, r, template, channel, customer, contact,
                    address == null ? null : Suppressions.normalized(channel.kind(), address), notBefore));
        }
        SendPolicy.Batch checks = policy.prepare(planned.stream().map(MessagingService::candidate).toList(), current, false);
        List<SkipReason> skips = new ArrayList<>(planned.size());
        List<CustomerId> queued = new ArrayList<>();
        for (Planned p : planned) {
            SkipReason skip = !p.template().active() ? SkipReason.TEMPLATE_INACTIVE
                    : !p.channel().enabled() ? SkipReason.CHANNEL_DISABLED
                    : checks.check(candidate(p)).orElse(null);
            skips.add(skip);
            if (skip == null) {
                queued.add(p.customer());
            }
        }
        MessageComposer.Context context = composer.contextOf(queued);
        List<DeliveryStore.NewDelivery> rows = new ArrayList<>(planned.size());
        List<UUID> ids = new ArrayList<>(planned.size());
        for (int n = 0; n < planned.size(); n++) {
            Planned p = planned.get(n);
            SkipReason skip = skips.get(n);
            ChannelKind kind = p.channel().kind();
            UUID id = TimeOrderedIds.next();
            ids.add(id);
            String masked = p.normalized() == null ? null : suppressions.masked(kind, p.normalized());
            if (skip != null) {
                rows.add(new DeliveryStore.NewDelivery(id, p.request().idempotencyKey(), p.customer(), p.template().id(),
                        p.channel().id(), kind, p.template().purpose(), null, null, masked, null, null, null,
                        DeliveryStatus.SKIPPED, skip, now, p.request().source(), p.request().sourceRef(), now));
                continue;
            }
            MessageComposer.Composed m = composer.compose(context, p.template(), p.channel(), p.contact(),
                    p.request().couponCode(), current.shopName(), id, false);
            PiiKind pii = Suppressions.piiKind(kind);
            rows.add(new DeliveryStore.NewDelivery(id, p.request().idempotencyKey(), p.customer(), p.template().id(),
                    p.channel().id(), kind, p.template().purpose(), pii == null ? null : vault.encrypt(pii, p.normalized()),
                    suppressions.key(kind, p.normalized()), masked, m.subject(), m.body(), m.params(),
                    DeliveryStatus.QUEUED, null, p.notBefore(), p.request().source(), p.request().sourceRef(), now));
        }
        Set<String> inserted = deliveries.insertAll(rows);
        List<Integer> raced = new ArrayList<>();
        for (int n = 0; n < planned.size(); n++) {
            Planned p = planned.get(n);
            if (!inserted.contains(p.request().idempotencyKey())) {
                raced.add(p.index());
            } else if (skips.get(n) != null) {
                outcomes[p.index()] = new SendOutcome.Skipped(skips.get(n));
            } else {
                outcomes[p.index()] = new SendOutcome.Queued(ids.get(n), p.notBefore());
            }
        }
        // another transaction queued one of these keys meanwhile (a service message, not under the lock): its outcome
        if (!answerSeen(requests, raced, outcomes).isEmpty()) {
            throw new IllegalStateException("an idempotency key was neither inserted nor found");
        }
    }

    private static SendPolicy.Candidate candidate(Planned p) {
        return new SendPolicy.Candidate(p.customer(), p.channel().kind(), p.template().purpose(), p.normalized(),
                p.notBefore(), null);
    }

    /** Answers the requests whose keys were seen before with that outcome; returns the others. */
    private List<Integer> answerSeen(List<SendRequest> requests, List<Integer> todo, SendOutcome[] outcomes) {
        if (todo.isEmpty()) {
            return todo;
        }
        Map<String, Delivery> seen = deliveries.findByKeys(todo.stream().map(i -> requests.get(i).idempotencyKey()).toList());
        List<Integer> rest = new ArrayList<>(todo.size());
        for (int i : todo) {
            Delivery d = seen.get(requests.get(i).idempotencyKey());
            if (d == null) {
                rest.add(i);
            } else {
                outcomes[i] = outcomeOf(d);
            }
        }
        return rest;
    }

    /** The outcome of an earlier send: the same skip, or the delivery it queued. */
    private static SendOutcome outcomeOf(Delivery d) {
        return d.status() == DeliveryStatus.SKIPPED && d.skipReason() != null
                ? new SendOutcome.Skipped(d.skipReason()) : new SendOutcome.AlreadyQueued(d.id());
    }

}
