package io.liuliang.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.CustomerTraits;
import io.liuliang.customer.Customers;
import io.liuliang.customer.IdentifyRequest;
import io.liuliang.customer.IdentityInput;
import io.liuliang.customer.Resolution;
import io.liuliang.event.EventType;
import io.liuliang.event.Events;
import io.liuliang.event.NewEvent;
import io.liuliang.order.Shops;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.ShopId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes behaviour events in: validates each, resolves whom it is about (a known customer id, identities resolved by
 * One-ID, or an anonymous id), and stores the valid ones in one transaction before answering. Events already stored
 * (same id and time) are reported as duplicates and change nothing.
 */
@Service
class EventIngestion {

    static final int MAX_ID = 128;
    static final int MAX_PROPERTIES_BYTES = 16_384;
    private static final Duration MAX_FUTURE = Duration.ofDays(1);
    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private final Events events;
    private final Customers customers;
    private final Shops shops;
    private final JsonMapper json;
    private final Clock clock;
    private final CustomerSurvivors survivors;

    EventIngestion(Events events, Customers customers, CustomerSurvivors survivors, Shops shops, JsonMapper json,
                   Clock clock) {
        this.events = events;
        this.customers = customers;
        this.survivors = survivors;
        this.shops = shops;
        this.json = json;
        this.clock = clock;
    }

    enum Status { STORED, DUPLICATE, REJECTED }

    record ItemResult(int index, String eventId, Status status, UUID customerId, List<FieldError> errors) {
    }

    record Result(int stored, int duplicates, int rejected, List<ItemResult> results) {
    }

    /** One request's events and where they came from; several are stored together by {@link EventCommitter}. */
    record Submission(List<RawEvent> items, String source) {
    }

    private record Candidate(int submission, int index, NewEvent event) {
    }

    /** An item whose fields are valid; whom it is about is decided once the batch's customer ids are looked up. */
    private record Draft(int submission, int index, RawEvent raw, String eventId, EventType type, String name,
                         Instant occurredAt, UUID shopId, String properties, String anonymousId, UUID customerId) {
    }

    /** Ingests events built as JSON trees (the demo loader). */
    @Transactional
    Result ingest(List<JsonNode> items, String source) {
        return ingestRaw(items.stream().map(node -> RawEvent.of(node, json)).toList(), source);
    }

    @Transactional
    Result ingestRaw(List<RawEvent> items, String source) {
        return ingestAll(List.of(new Submission(items, source))).get(0);
    }

    /**
     * Ingests several requests in one transaction, with one look-up of their customer ids and one insert, and answers
     * each as if it had been sent alone after the ones before it (an event sent twice is stored for the first).
     */
    @Transactional
    List<Result> ingestAll(List<Submission> submissions) {
        ItemResult[][] results = new ItemResult[submissions.size()][];
        List<Draft> drafts = new ArrayList<>();
        Map<UUID, Boolean> knownShops = new HashMap<>();
        Set<UUID> givenCustomers = new HashSet<>();
        for (int s = 0; s < submissions.size(); s++) {
            List<RawEvent> items = submissions.get(s).items();
            results[s] = new ItemResult[items.size()];
            for (int i = 0; i < items.size(); i++) {
                RawEvent raw = items.get(i);
                List<FieldError> errors = new ArrayList<>();
                Draft draft = validate(s, i, raw, errors, knownShops);
                if (draft == null) {
                    results[s][i] = rejected(i, raw, errors);
                } else {
                    drafts.add(draft);
                    if (draft.customerId() != null) {
                        givenCustomers.add(draft.customerId());
                    }
                }
            }
        }
        // identities first: One-ID may merge customers, and the customer ids of this batch then follow the merge
        Map<Draft, NewEvent> subjects = new java.util.IdentityHashMap<>();
        Map<UUID, CustomerId> none = Map.of();
        for (Draft draft : drafts) {
            if (draft.customerId() == null) {
                NewEvent event = withSubject(draft, submissions.get(draft.submission()).source(), none, results);
                if (event != null) {
                    subjects.put(draft, event);
                }
            }
        }
        Map<UUID, CustomerId> survivors = this.survivors.of(givenCustomers);
        List<Candidate> valid = new ArrayList<>(drafts.size());
        for (Draft draft : drafts) {
            NewEvent event = draft.customerId() == null ? subjects.get(draft)
                    : withSubject(draft, submissions.get(draft.submission()).source(), survivors, results);
            if (event != null) {
                valid.add(new Candidate(draft.submission(), draft.index(), event));
            }
        }
        List<Boolean> stored = events.store(valid.stream().map(Candidate::event).toList());
        int[] newOnes = new int[submissions.size()];
        int[] duplicates = new int[submissions.size()];
        for (int k = 0; k < valid.size(); k++) {
            Candidate c = valid.get(k);
            boolean isNew = stored.get(k);
            (isNew ? newOnes : duplicates)[c.submission()]++;
            results[c.submission()][c.index()] = new ItemResult(c.index(), c.event().eventId(),
                    isNew ? Status.STORED : Status.DUPLICATE,
                    c.event().customerId() == null ? null : c.event().customerId().value(), List.of());
        }
        List<Result> answers = new ArrayList<>(submissions.size());
        for (int s = 0; s < submissions.size(); s++) {
            int rejected = results[s].length - newOnes[s] - duplicates[s];
            answers.add(new Result(newOnes[s], duplicates[s], rejected, List.of(results[s])));
        }
        return answers;
    }

    private static ItemResult rejected(int index, RawEvent raw, List<FieldError> errors) {
        return new ItemResult(index, raw.eventId(), Status.REJECTED, null, errors);
    }

    /** Checks an item's own fields; null (with the errors) when any is wrong. */
    private Draft validate(int submission, int index, RawEvent raw, List<FieldError> errors,
                           Map<UUID, Boolean> knownShops) {
        if (!raw.object()) {
            errors.add(new FieldError("", "an event must be a JSON object"));
            return null;
        }
        String eventId = raw.eventId();
        if (eventId == null || eventId.length() > MAX_ID) {
            errors.add(new FieldError("eventId", "is required, at most " + MAX_ID + " characters"));
        }
        Optional<EventType> type = Optional.ofNullable(raw.type()).flatMap(EventType::ofCode);
        if (type.isEmpty()) {
            errors.add(new FieldError("type", "must be one of page_view, product_view, search, add_to_cart, "
                    + "remove_from_cart, favorite, checkout_started, coupon_received, live_view, review, share, custom"));
        }
        String name = raw.name();
        if (type.isPresent() && type.get() == EventType.CUSTOM && (name == null || name.length() > MAX_ID)) {
            errors.add(new FieldError("name", "a custom event needs a name of at most " + MAX_ID + " characters"));
        }
        Instant occurredAt = null;
        String at = raw.occurredAt();
        if (at == null) {
            errors.add(new FieldError("occurredAt", "is required (an ISO-8601 instant)"));
        } else {
            try {
                // the database keeps microseconds: the event's key is the time as stored
                occurredAt = IsoInstant.parse(at).truncatedTo(ChronoUnit.MICROS);
                if (occurredAt.isBefore(EARLIEST) || occurredAt.isAfter(clock.instant().plus(MAX_FUTURE))) {
                    errors.add(new FieldError("occurredAt", "must be between 2000-01-01 and tomorrow"));
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new FieldError("occurredAt", "'" + at + "' is not an ISO-8601 instant such as 2026-06-18T12:00:00Z"));
            }
        }
        UUID shopId = null;
        String shop = raw.shopId();
        if (shop != null) {
            try {
                shopId = UUID.fromString(shop);
                UUID id = shopId;
                if (!knownShops.computeIfAbsent(id, s -> shops.find(new ShopId(s)).isPresent())) {
                    errors.add(new FieldError("shopId", "unknown shop " + shop));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("shopId", "'" + shop + "' is not a shop id"));
            }
        }
        String properties = raw.properties() == null ? "{}" : raw.properties();
        if (raw.propertiesNotObject()) {
            errors.add(new FieldError("properties", "must be a JSON object"));
        } else if (properties.length() > MAX_PROPERTIES_BYTES) {
            errors.add(new FieldError("properties", "at most " + MAX_PROPERTIES_BYTES + " bytes of JSON"));
        }
        String anonymousId = raw.anonymousId();
        if (anonymousId != null && anonymousId.length() > MAX_ID) {
            errors.add(new FieldError("anonymousId", "at most " + MAX_ID + " characters"));
        }
        UUID customerId = null;
        String customer = raw.customerId();
        if (customer != null && errors.isEmpty()) {
            try {
                customerId = UUID.fromString(customer);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("customerId", "'" + customer + "' is not a customer id"));
            }
        }
        if (!errors.isEmpty()) {
            return null;
        }
        return new Draft(submission, index, raw, eventId, type.get(), type.get() == EventType.CUSTOM ? name : null, occurredAt, shopId,
                properties, anonymousId, customerId);
    }

    /**
     * Decides whom the event is about: the survivor of its customer id, its identities resolved, or nobody known;
     * null (the item's result then says why) when none of these holds.
     */
    private NewEvent withSubject(Draft d, String source, Map<UUID, CustomerId> survivors, ItemResult[][] results) {
        List<FieldError> errors = new ArrayList<>();
        NewEvent event = withSubject(d, source, survivors, errors);
        if (event == null) {
            results[d.submission()][d.index()] = rejected(d.index(), d.raw(), errors);
        }
        return event;
    }

    private NewEvent withSubject(Draft d, String source, Map<UUID, CustomerId> survivors, List<FieldError> errors) {
        JsonNode subject = d.raw().customer();
        CustomerId customer = null;
        CustomerId origin = null;
        JsonNode identities = subject == null ? null : subject.get("identities");
        if (d.customerId() != null) {
            customer = survivors.get(d.customerId());
            if (customer == null) {
                errors.add(new FieldError("customerId", "unknown customer " + d.customerId()));
                return null;
            }
            origin = new CustomerId(d.customerId());
        } else if (identities != null && identities.isArray() && !identities.isEmpty()) {
            List<IdentityInput> inputs = new ArrayList<>();
            for (JsonNode identity : identities) {
                String value = RawEvent.text(identity, "value");
                String scope = RawEvent.text(identity, "shopId");
                UUID scopeId = scope == null ? d.shopId() : parseUuid(scope);
                inputs.add(new IdentityInput(RawEvent.text(identity, "type"), value, scopeId));
            }
            CustomerTraits traits = subject.has("traits")
                    ? json.treeToValue(subject.get("traits"), CustomerTraits.class) : CustomerTraits.none();
            Resolution resolution = customers.identify(new IdentifyRequest(inputs, traits, d.occurredAt(), "event:" + source));
            if (resolution.resolved()) {
                customer = resolution.customerId();
                origin = resolution.origin();
            } else if (d.anonymousId() == null) {
                errors.add(new FieldError("customer.identities", "no usable identity: "
                        + resolution.ignored().get(0).reason()));
                return null;
            }
        }
        if (customer == null && d.anonymousId() == null) {
            errors.add(new FieldError("customerId", "an event needs a customerId, customer.identities or an anonymousId"));
            return null;
        }
        return new NewEvent(d.eventId(), d.type(), d.name(), d.occurredAt(), customer, origin, d.anonymousId(), d.shopId(),
                d.properties(), source);
    }

    private static UUID parseUuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("customer.identities.shopId", "'" + s + "' is not a shop id");
        }
    }
}
