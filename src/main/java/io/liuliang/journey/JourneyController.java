package io.liuliang.journey;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.customer.Customers;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Journeys: drafts, validation, publication, status, figures, enrolments, playbooks. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Journeys")
class JourneyController {

    private final JourneyService journeys;
    private final JourneyStore store;
    private final JourneyStats stats;
    private final JourneyPlaybooks playbooks;
    private final Customers customers;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    JourneyController(JourneyService journeys, JourneyStore store, JourneyStats stats, JourneyPlaybooks playbooks,
                      Customers customers, JdbcClient jdbc, JsonMapper json) {
        this.journeys = journeys;
        this.store = store;
        this.stats = stats;
        this.playbooks = playbooks;
        this.customers = customers;
        this.jdbc = jdbc;
        this.json = json;
    }

    record JourneySummary(UUID id, String name, String description, String status, String entryKind,
                          Integer currentVersion, boolean hasDraftChanges, long enrolled, long active, long converted,
                          Instant createdAt, Instant updatedAt) {

        static JourneySummary of(JourneyRow r, JourneyStore.Counts c) {
            return new JourneySummary(r.id(), r.name(), r.description(), r.status().code(), r.entryKind(),
                    r.currentVersion(), r.draftChanged() && r.currentVersion() != null, c == null ? 0 : c.enrolled(),
                    c == null ? 0 : c.active(), c == null ? 0 : c.converted(), r.createdAt(), r.updatedAt());
        }
    }

    record VersionSummary(int version, Instant publishedAt, String publishedBy, long enrolled) {
    }

    record JourneyView(UUID id, String name, String description, String status, String entryKind,
                       Integer currentVersion, boolean hasDraftChanges, long enrolled, long active, long converted,
                       Instant createdAt, String createdBy, Instant updatedAt, String updatedBy, JsonNode definition,
                       List<VersionSummary> versions) {
    }

    private JourneyView view(JourneyRow r) {
        JourneyStore.Counts c = store.counts(List.of(r.id())).get(r.id());
        return new JourneyView(r.id(), r.name(), r.description(), r.status().code(), r.entryKind(), r.currentVersion(),
                r.draftChanged() && r.currentVersion() != null, c == null ? 0 : c.enrolled(), c == null ? 0 : c.active(),
                c == null ? 0 : c.converted(), r.createdAt(), r.createdBy(), r.updatedAt(), r.updatedBy(),
                masked(json.readTree(r.draft())), store.versions(r.id()).stream()
                .map(v -> new VersionSummary(v.version(), v.publishedAt(), v.publishedBy(), v.enrolled())).toList());
    }

    @GetMapping("/journeys")
    @PreAuthorize("hasAuthority('journey.read')")
    @Operation(summary = "Journeys by name with their enrolment counts; q searches name and description")
    CursorPage<JourneySummary> list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                                    @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) String cursor) {
        CursorPage<JourneyRow> page = journeys.list(q, status, PageRequest.of(limit, cursor));
        Map<UUID, JourneyStore.Counts> counts = store.counts(page.items().stream().map(JourneyRow::id).toList());
        return page.map(r -> JourneySummary.of(r, counts.get(r.id())));
    }

    @PostMapping("/journeys")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('journey.manage')")
    @Operation(summary = "Create a journey (a draft): name, description and its definition (entry, nodes, edges, ...)")
    JourneyView create(@RequestBody JourneyService.JourneyInput input) {
        return view(journeys.create(input));
    }

    @GetMapping("/journeys/{id}")
    @PreAuthorize("hasAuthority('journey.read')")
    JourneyView get(@PathVariable UUID id) {
        return view(journeys.get(id));
    }

    @PutMapping("/journeys/{id}")
    @PreAuthorize("hasAuthority('journey.manage')")
    @Operation(summary = "Change the draft (published versions never change; publish makes the draft the next one)")
    JourneyView update(@PathVariable UUID id, @RequestBody JourneyService.JourneyInput input) {
        return view(journeys.update(id, input));
    }

    @DeleteMapping("/journeys/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @PreAuthorize("hasAuthority('journey.manage')")
    @Operation(summary = "Delete a journey that was never published")
    void delete(@PathVariable UUID id) {
        journeys.delete(id);
    }

    record Validation(boolean valid, List<FieldError> errors) {
    }

    @PostMapping("/journeys/{id}:validate")
    @PreAuthorize("hasAuthority('journey.read')")
    @Operation(summary = "Every error of the draft: fields, graph (dead ends, unreachable nodes, loops) and references")
    Validation validate(@PathVariable UUID id) {
        List<FieldError> errors = journeys.validate(id);
        return new Validation(errors.isEmpty(), errors);
    }

    @PostMapping("/journeys/{id}:publish")
    @PreAuthorize("hasAuthority('journey.manage')")
    @Operation(summary = "Freeze the draft as the next version; it takes new entries, running enrolments finish on theirs")
    JourneyView publish(@PathVariable UUID id) {
        return view(journeys.publish(id));
    }

    @PostMapping("/journeys/{id}:pause")
    @PreAuthorize("hasAuthority('journey.manage')")
    JourneyView pause(@PathVariable UUID id) {
        return view(journeys.pause(id));
    }

    @PostMapping("/journeys/{id}:resume")
    @PreAuthorize("hasAuthority('journey.manage')")
    JourneyView resume(@PathVariable UUID id) {
        return view(journeys.resume(id));
    }

    @PostMapping("/journeys/{id}:stop")
    @PreAuthorize("hasAuthority('journey.manage')")
    @Operation(summary = "Stop for good: enrolments still travelling leave the journey")
    JourneyView stop(@PathVariable UUID id) {
        return view(journeys.stop(id));
    }

    record VersionView(int version, JsonNode definition, Instant publishedAt, String publishedBy) {
    }

    @GetMapping("/journeys/{id}/version/{version}")
    @PreAuthorize("hasAuthority('journey.read')")
    VersionView version(@PathVariable UUID id, @PathVariable int version) {
        JourneyStore.VersionRow v = store.version(id, version)
                .orElseThrow(() -> ApiProblemException.notFound("journey version", id + " v" + version));
        return new VersionView(v.version(), masked(json.readTree(v.definition())), v.publishedAt(), v.publishedBy());
    }

    @GetMapping("/journeys/{id}/stats")
    @PreAuthorize("hasAuthority('journey.read')")
    @Operation(summary = "Per-node counters of a version (default: the current one), totals and A/B variants with p-values")
    JourneyStats.Stats stats(@PathVariable UUID id, @RequestParam(required = false) Integer version) {
        JourneyRow row = journeys.get(id);
        return stats.of(id, version == null ? row.currentVersion() : version);
    }

    record EnrolmentView(UUID id, UUID customerId, String customerName, int version, String state, String currentNode,
                         Instant dueAt, String variant, Instant enteredAt, Instant finishedAt, Instant convertedAt,
                         String lastError) {
    }

    @GetMapping("/journeys/{id}/enrolments")
    @PreAuthorize("hasAuthority('journey.read')")
    CursorPage<EnrolmentView> enrolments(@PathVariable UUID id, @RequestParam(required = false) String state,
                                         @RequestParam(required = false) UUID customerId,
                                         @RequestParam(required = false) Integer limit,
                                         @RequestParam(required = false) String cursor) {
        journeys.get(id);
        PageRequest page = PageRequest.of(limit, cursor);
        if (state != null && !state.isBlank() && JourneyEnums.ofCode(EnrolmentState.class, state).isEmpty()) {
            throw ApiProblemException.invalid("state", "must be one of " + JourneyEnums.codes(EnrolmentState.class));
        }
        UUID after = null;
        if (page.cursorKey() != null) {
            try {
                after = UUID.fromString(page.cursorKey());
            } catch (IllegalArgumentException e) {
                throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
            }
        }
        // newest first: enrolment ids are time-ordered
        List<EnrolmentView> rows = jdbc.sql("SELECT e.id, e.customer_id, e.version, e.state, e.node_id, e.due_at, e.variant, "
                        + "e.entered_at, e.finished_at, e.converted_at, e.last_error FROM journey_enrolment e "
                        + "WHERE e.journey_id = ? AND (?::text IS NULL OR e.state = ?) AND (?::uuid IS NULL OR e.customer_id = ?) "
                        + "AND (?::uuid IS NULL OR e.id < ?) ORDER BY e.id DESC LIMIT ?")
                .params(id, blank(state), blank(state), customerId, customerId, after, after, page.fetchSize())
                .query((rs, n) -> new EnrolmentView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), null,
                        rs.getInt(3), rs.getString(4), rs.getString(5), instant(rs.getTimestamp(6)), rs.getString(7),
                        rs.getTimestamp(8).toInstant(), instant(rs.getTimestamp(9)), instant(rs.getTimestamp(10)),
                        rs.getString(11)))
                .list();
        Map<CustomerId, String> names = customers.displayNamesOf(rows.stream().map(r -> new CustomerId(r.customerId())).toList());
        return CursorPage.of(rows.stream().map(r -> new EnrolmentView(r.id(), r.customerId(),
                names.get(new CustomerId(r.customerId())), r.version(), r.state(), r.currentNode(), r.dueAt(), r.variant(),
                r.enteredAt(), r.finishedAt(), r.convertedAt(), r.lastError())).toList(), page.limit(),
                r -> PageRequest.encode(r.id().toString()));
    }

    record EnrolRequest(List<UUID> customerIds, String requestId) {
    }

    @PostMapping("/journeys/{id}/enrolments")
    @PreAuthorize("hasAuthority('journey.manage')")
    @Operation(summary = "Enrol up to 1,000 customers now (idempotent per requestId); says who was skipped and why")
    JourneyService.Enrolled enrol(@PathVariable UUID id, @RequestBody EnrolRequest request) {
        return journeys.enrol(id, request.customerIds(), request.requestId());
    }

    record PlaybookView(String key, Map<String, String> name, Map<String, String> description, String entryKind) {
    }

    @GetMapping("/journey-playbooks")
    @PreAuthorize("hasAuthority('journey.read')")
    @Operation(summary = "The ready journeys of the brief, installable in one click")
    List<PlaybookView> playbooks() {
        return playbooks.all().stream().map(p -> new PlaybookView(p.key(), p.name(), p.description(), p.entryKind())).toList();
    }

    record InstallRequest(String name, String lang) {
    }

    @PostMapping("/journey-playbooks/{key}:install")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('journey.manage')")
    @Operation(summary = "Create a draft journey from a playbook (name optional; lang zh-CN or en for the default name)")
    JourneyView install(@PathVariable String key, @RequestBody(required = false) InstallRequest request) {
        JourneyPlaybooks.Playbook p = playbooks.find(key).orElseThrow(() -> ApiProblemException.notFound("playbook", key));
        String lang = request != null && "en".equals(request.lang()) ? "en" : "zh-CN";
        String name = request != null && request.name() != null && !request.name().isBlank() ? request.name()
                : uniqueName(p.name().get(lang));
        return view(journeys.create(new JourneyService.JourneyInput(name, p.description().get(lang), p.definition())));
    }

    private String uniqueName(String base) {
        String name = base;
        for (int i = 2; store.nameTaken(name, null); i++) {
            name = base + " (" + i + ")";
        }
        return name;
    }

    record CustomerJourney(UUID journeyId, String journeyName, int version, String state, String currentNode,
                           Instant enteredAt, Instant finishedAt, Instant convertedAt, String variant) {
    }

    @GetMapping("/customers/{id}/journeys")
    @PreAuthorize("hasAuthority('journey.read')")
    @Operation(summary = "The journeys a customer joined, latest first")
    List<CustomerJourney> ofCustomer(@PathVariable UUID id) {
        CustomerId live = customers.survivorOf(new CustomerId(id)).orElseThrow(() -> ApiProblemException.notFound("customer", id));
        return jdbc.sql("SELECT e.journey_id, j.name, e.version, e.state, e.node_id, e.entered_at, e.finished_at, "
                        + "e.converted_at, e.variant FROM journey_enrolment e JOIN journey j ON j.id = e.journey_id "
                        + "WHERE e.customer_id = ? ORDER BY e.entered_at DESC LIMIT 200")
                .param(live.value())
                .query((rs, n) -> new CustomerJourney(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7)),
                        instant(rs.getTimestamp(8)), rs.getString(9)))
                .list();
    }

    static final String MASK = "••••••";

    /** The definition with webhook secrets masked, unless the caller manages journeys (and may change them). */
    private static JsonNode masked(JsonNode definition) {
        org.springframework.security.core.Authentication auth = org.springframework.security.core.context.SecurityContextHolder
                .getContext().getAuthentication();
        boolean manager = auth != null && auth.getAuthorities().stream().anyMatch(a -> "journey.manage".equals(a.getAuthority()));
        if (manager || definition == null) {
            return definition;
        }
        for (JsonNode node : definition.path("nodes")) {
            JsonNode config = node.path("config");
            if (config.isObject() && config.hasNonNull("secret")) {
                ((tools.jackson.databind.node.ObjectNode) config).put("secret", MASK);
            }
        }
        return definition;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
