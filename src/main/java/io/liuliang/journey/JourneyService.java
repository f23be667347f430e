package io.liuliang.journey;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.coupon.Coupons;
import io.liuliang.customer.Customers;
import io.liuliang.journey.JourneyDefinition.Node;
import io.liuliang.journey.JourneyDefinition.RefConfig;
import io.liuliang.segment.CustomerConditions;
import io.liuliang.segment.ManualTags;
import io.liuliang.segment.Segments;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Journeys: drafts, validation, publication of frozen versions, pause/resume/stop, and enrolment by API. */
@Service
class JourneyService {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 1_000;
    static final int MAX_DEFINITION_CHARS = 512 * 1024;
    static final int MAX_API_BATCH = 1_000;
    static final int MAX_REQUEST_ID = 100;

    private final JourneyStore store;
    private final JourneyCatalog catalog;
    private final Enroller enroller;
    private final Segments segments;
    private final CustomerConditions conditions;
    private final ManualTags tags;
    private final Coupons coupons;
    private final io.liuliang.messaging.Messaging messaging;
    private final Customers customers;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    JourneyService(JourneyStore store, JourneyCatalog catalog, Enroller enroller, Segments segments,
                   CustomerConditions conditions, ManualTags tags, Coupons coupons, io.liuliang.messaging.Messaging messaging,
                   Customers customers, JdbcClient jdbc,
                   JsonMapper json, Clock clock) {
        this.store = store;
        this.catalog = catalog;
        this.enroller = enroller;
        this.segments = segments;
        this.conditions = conditions;
        this.tags = tags;
        this.coupons = coupons;
        this.messaging = messaging;
        this.customers = customers;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** What a client sends to create or change a journey. */
    record JourneyInput(String name, String description, JsonNode definition) {
    }

    @Transactional
    JourneyRow create(JourneyInput input) {
        List<FieldError> errors = new ArrayList<>();
        String name = name(input.name(), null, errors);
        String description = description(input.description(), errors);
        String draft = draft(input.definition(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        UUID id = UUID.randomUUID();
        store.insert(id, name, description, draft, entryKindOf(input.definition()), actor());
        return get(id);
    }

    @Transactional
    JourneyRow update(UUID id, JourneyInput input) {
        JourneyRow row = store.lock(id).orElseThrow(() -> ApiProblemException.notFound("journey", id));
        if (row.status() == JourneyStatus.STOPPED) {
            throw ApiProblemException.conflict("Journey " + row.name() + " is stopped; copy it into a new journey instead");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = name(input.name(), id, errors);
        String description = description(input.description(), errors);
        String draft = draft(input.definition(), errors);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        store.updateDraft(id, name, description, draft, entryKindOf(input.definition()), actor());
        return get(id);
    }

    @Transactional
    void delete(UUID id) {
        JourneyRow row = get(id);
        if (store.hasVersions(id)) {
            throw ApiProblemException.conflict("Journey " + row.name() + " was published; stop it instead of deleting it");
        }
        store.delete(id);
    }

    JourneyRow get(UUID id) {
        return store.find(id).orElseThrow(() -> ApiProblemException.notFound("journey", id));
    }

    CursorPage<JourneyRow> list(String q, String status, PageRequest page) {
        JourneyStatus s = null;
        if (status != null && !status.isBlank()) {
            s = JourneyEnums.ofCode(JourneyStatus.class, status)
                    .orElseThrow(() -> ApiProblemException.invalid("status", "must be one of " + JourneyEnums.codes(JourneyStatus.class)));
        }
        String afterName = null;
        UUID afterId = null;
        if (page.cursorKey() != null) {
            int cut = page.cursorKey().lastIndexOf('\u0001');
            try {
                afterName = page.cursorKey().substring(0, cut);
                afterId = UUID.fromString(page.cursorKey().substring(cut + 1));
            } catch (RuntimeException e) {
                throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
            }
        }
        return CursorPage.of(store.page(q, s, afterName, afterId, page.fetchSize()), page.limit(),
                r -> PageRequest.encode(r.name().toLowerCase(java.util.Locale.ROOT) + '\u0001' + r.id()));
    }

    /** Every error of the draft: its fields, its graph and the objects it refers to. */
    List<FieldError> validate(UUID id) {
        JourneyRow row = get(id);
        return validate(json.readTree(row.draft()));
    }

    List<FieldError> validate(JsonNode definition) {
        DefinitionParser.Parsed parsed = DefinitionParser.parse(definition);
        List<FieldError> errors = new ArrayList<>(parsed.errors());
        if (parsed.errors().stream().noneMatch(e -> e.field().equals("definition"))) {
            errors.addAll(references(parsed.definition()));
        }
        return errors;
    }

    private List<FieldError> references(JourneyDefinition d) {
        List<FieldError> errors = new ArrayList<>();
        JourneyDefinition.Entry entry = d.entry();
        if (entry.segmentId() != null && segments.nameOf(entry.segmentId()).isEmpty()) {
            errors.add(JourneyProblem.SEGMENT_MISSING.at("entry.segmentId", "segment " + entry.segmentId() + " does not exist",
                    "id", entry.segmentId()));
        }
        if (entry.templateId() != null && coupons.templateName(entry.templateId()).isEmpty()) {
            errors.add(JourneyProblem.COUPON_TEMPLATE_MISSING.at("entry.templateId",
                    "coupon template " + entry.templateId() + " does not exist", "id", entry.templateId()));
        }
        for (Node n : d.nodes()) {
            String path = "nodes[" + n.id() + "].config";
            switch (n.type()) {
                case SEND_MESSAGE: {
                    UUID ref = ((RefConfig) n.config()).ref();
                    if (ref != null && messaging.templateName(ref).isEmpty()) {
                        errors.add(JourneyProblem.MESSAGE_TEMPLATE_MISSING.at(path + ".templateId",
                                "message template " + ref + " does not exist", "id", ref));
                    }
                    break;
                }
                case ISSUE_COUPON: {
                    UUID ref = ((RefConfig) n.config()).ref();
                    if (ref != null && coupons.templateName(ref).isEmpty()) {
                        errors.add(JourneyProblem.COUPON_TEMPLATE_MISSING.at(path + ".templateId",
                                "coupon template " + ref + " does not exist", "id", ref));
                    }
                    break;
                }
                case ADD_TAG:
                case REMOVE_TAG: {
                    UUID ref = ((RefConfig) n.config()).ref();
                    if (ref != null && tags.manualTagName(ref).isEmpty()) {
                        errors.add(JourneyProblem.TAG_MISSING.at(path + ".tagId", "manual tag " + ref + " does not exist", "id", ref));
                    }
                    break;
                }
                case CONDITION: {
                    JsonNode condition = ((JourneyDefinition.ConditionConfig) n.config()).condition();
                    if (condition != null) {
                        errors.addAll(conditions.check(condition, path + ".condition"));
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return errors;
    }

    /** Freezes the draft as the next version and makes it the one new entries take. */
    @Transactional
    JourneyRow publish(UUID id) {
        JourneyRow row = store.lock(id).orElseThrow(() -> ApiProblemException.notFound("journey", id));
        if (row.status() == JourneyStatus.STOPPED) {
            throw ApiProblemException.conflict("Journey " + row.name() + " is stopped and cannot be published again");
        }
        JsonNode draft = json.readTree(row.draft());
        List<FieldError> errors = validate(draft);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        JourneyDefinition d = DefinitionParser.parse(draft).definition();
        Instant next = null;
        if (d.entry().kind() == EntryKind.SEGMENT_SEND) {
            next = d.entry().sendAt() == null ? clock.instant() : d.entry().sendAt();
        }
        int version = store.nextVersion(id);
        store.publish(id, version, draft.toString(), next, actor());
        catalog.invalidate();
        return get(id);
    }

    @Transactional
    JourneyRow pause(UUID id) {
        JourneyRow row = store.lock(id).orElseThrow(() -> ApiProblemException.notFound("journey", id));
        if (row.status() != JourneyStatus.ACTIVE) {
            throw ApiProblemException.conflict("Only an active journey can be paused (this one is " + row.status().code() + ")");
        }
        store.setStatus(id, JourneyStatus.PAUSED, actor());
        catalog.invalidate();
        return get(id);
    }

    @Transactional
    JourneyRow resume(UUID id) {
        JourneyRow row = store.lock(id).orElseThrow(() -> ApiProblemException.notFound("journey", id));
        if (row.status() != JourneyStatus.PAUSED) {
            throw ApiProblemException.conflict("Only a paused journey can be resumed (this one is " + row.status().code() + ")");
        }
        store.setStatus(id, JourneyStatus.ACTIVE, actor());
        catalog.invalidate();
        return get(id);
    }

    /** Ends the journey for good: every enrolment still travelling leaves it. */
    @Transactional
    JourneyRow stop(UUID id) {
        JourneyRow row = store.lock(id).orElseThrow(() -> ApiProblemException.notFound("journey", id));
        if (row.status() != JourneyStatus.ACTIVE && row.status() != JourneyStatus.PAUSED) {
            throw ApiProblemException.conflict("Only an active or paused journey can be stopped (this one is " + row.status().code() + ")");
        }
        store.setStatus(id, JourneyStatus.STOPPED, actor());
        jdbc.sql("UPDATE journey_enrolment SET state = 'exited', finished_at = now(), due_at = NULL, wait_since = NULL, "
                + "wait_event = NULL WHERE journey_id = ? AND state = 'active'").param(id).update();
        jdbc.sql("UPDATE journey_version SET next_send_at = NULL WHERE journey_id = ?").param(id).update();
        catalog.invalidate();
        return get(id);
    }

    /** The outcome of enrolling a list by API. */
    record Enrolled(int enrolled, List<Skipped> skipped) {
    }

    record Skipped(UUID customerId, String reason) {
    }

    @Transactional
    Enrolled enrol(UUID id, List<UUID> customerIds, String requestId) {
        List<FieldError> errors = new ArrayList<>();
        if (customerIds == null || customerIds.isEmpty() || customerIds.size() > MAX_API_BATCH) {
            errors.add(new FieldError("customerIds", "must list 1 to " + MAX_API_BATCH + " customer ids"));
        } else if (customerIds.stream().anyMatch(java.util.Objects::isNull)) {
            errors.add(new FieldError("customerIds", "must not contain null"));
        }
        if (requestId == null || requestId.isBlank() || requestId.length() > MAX_REQUEST_ID) {
            errors.add(new FieldError("requestId", "is required (at most " + MAX_REQUEST_ID + " characters): it makes a retry safe"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        JourneyRow row = get(id);
        if (row.status() != JourneyStatus.ACTIVE || row.currentVersion() == null) {
            throw ApiProblemException.conflict("Journey " + row.name() + " is " + row.status().code()
                    + "; only an active journey takes enrolments");
        }
        CompiledJourney journey = catalog.version(id, row.currentVersion());
        Map<CustomerId, CustomerId> live = customers.survivorsOf(customerIds.stream().map(CustomerId::new).toList());
        List<Skipped> skipped = new ArrayList<>();
        List<Enroller.Candidate> candidates = new ArrayList<>();
        for (UUID c : new java.util.LinkedHashSet<>(customerIds)) {
            CustomerId survivor = live.get(new CustomerId(c));
            if (survivor == null) {
                skipped.add(new Skipped(c, "unknown_customer"));
            } else {
                candidates.add(new Enroller.Candidate(survivor, "api:" + requestId.trim()));
            }
        }
        java.util.Set<CustomerId> enrolled = enroller.enrol(journey, candidates);
        for (Enroller.Candidate c : candidates) {
            if (!enrolled.contains(c.customer())) {
                skipped.add(new Skipped(c.customer().value(), skipReason(journey, c.customer(), "api:" + requestId.trim())));
            }
        }
        return new Enrolled(enrolled.size(), skipped);
    }

    private String skipReason(CompiledJourney journey, CustomerId customer, String slot) {
        JourneyDefinition d = journey.definition();
        Instant now = clock.instant();
        if (d.startsAt() != null && now.isBefore(d.startsAt()) || d.endsAt() != null && !now.isBefore(d.endsAt())) {
            return "not_active";
        }
        boolean sameSlot = jdbc.sql("SELECT count(*) FROM journey_enrolment WHERE journey_id = ? AND customer_id = ? "
                        + "AND entry_slot IN (?, ?)")
                .params(journey.journeyId(), customer.value(), slot, Enroller.ONCE_SLOT).query(Long.class).single() > 0;
        if (sameSlot) {
            return "already_enrolled";
        }
        if (d.enrolmentLimit() != null) {
            return "limit_reached";
        }
        return "reentry_rule";
    }

    private String name(String name, UUID self, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(JourneyProblem.REQUIRED.at("name", "is required"));
            return null;
        }
        String n = name.trim();
        if (n.length() > MAX_NAME) {
            errors.add(JourneyProblem.MAX_LENGTH.at("name", "at most " + MAX_NAME + " characters", "max", MAX_NAME));
        } else if (store.nameTaken(n, self)) {
            errors.add(JourneyProblem.NAME_TAKEN.at("name", "another journey is called " + n, "name", n));
        }
        return n;
    }

    private static String description(String description, List<FieldError> errors) {
        if (description == null || description.isBlank()) {
            return null;
        }
        if (description.length() > MAX_DESCRIPTION) {
            errors.add(JourneyProblem.MAX_LENGTH.at("description", "at most " + MAX_DESCRIPTION + " characters", "max",
                    MAX_DESCRIPTION));
        }
        return description.trim();
    }

    private static String draft(JsonNode definition, List<FieldError> errors) {
        if (definition == null || !definition.isObject()) {
            errors.add(JourneyProblem.DEFINITION_OBJECT.at("definition", "is required: an object with entry, nodes and edges"));
            return "{}";
        }
        String text = definition.toString();
        if (text.length() > MAX_DEFINITION_CHARS) {
            errors.add(JourneyProblem.DEFINITION_TOO_LARGE.at("definition",
                    "is too large (at most " + MAX_DEFINITION_CHARS + " characters)", "max", MAX_DEFINITION_CHARS));
        }
        return text;
    }

    private static String entryKindOf(JsonNode definition) {
        JsonNode kind = definition == null ? null : definition.path("entry").path("kind");
        return kind != null && kind.isString() ? kind.asString() : "none";
    }

    static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
