package io.liuliang.customer;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;
import io.liuliang.shared.ProblemType;
import io.liuliang.shared.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Customers", description = "One-ID identity resolution and the 360° customer view")
class CustomerController {

    static final int MAX_BATCH = 1_000;
    private static final String PII_READ = "customer.pii.read";

    private final Customers customers;
    private final CustomerQueries queries;
    private final MergeService merges;
    private final ConflictService conflicts;
    private final IdentityTypeRegistry types;
    private final TraitRuleService traitRules;
    private final JsonMapper json;

    CustomerController(Customers customers, CustomerQueries queries, MergeService merges, ConflictService conflicts,
                       IdentityTypeRegistry types, TraitRuleService traitRules, JsonMapper json) {
        this.traitRules = traitRules;
        this.customers = customers;
        this.queries = queries;
        this.merges = merges;
        this.conflicts = conflicts;
        this.types = types;
        this.json = json;
    }

    /** One record to identify: identities and traits. */
    record IdentifyRecord(List<IdentityInput> identities, TraitsInput traits, Instant seenAt) {
    }

    record TraitsInput(String displayName, String gender, LocalDate birthday, String province, String city,
                       String realName) {
    }

    record IdentifyResult(int index, UUID customerId, Boolean created, List<UUID> merged, Long conflictId,
                          List<Resolution.IgnoredIdentity> ignored, org.springframework.http.ProblemDetail error) {
    }

    record BatchResult(int accepted, int rejected, List<IdentifyResult> results) {
    }

    record MergeRequest(List<UUID> customerIds, String reason) {
    }

    @PostMapping("/customers:identify")
    @PreAuthorize("hasAuthority('customer.write')")
    @Operation(summary = "Resolve identities (+ traits) to a customer, creating or merging as One-ID requires. "
            + "Send one record as an object, or up to 1,000 as an array (per-item results).")
    ResponseEntity<?> identify(@RequestBody JsonNode body) {
        if (body == null || !(body.isObject() || body.isArray())) {
            throw new ApiProblemException(ProblemType.MALFORMED_REQUEST, "Send a record object or an array of records");
        }
        if (body.isObject()) {
            Resolution r = customers.identify(request(json.treeToValue(body, IdentifyRecord.class)));
            return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(result(0, r));
        }
        if (body.size() > MAX_BATCH) {
            throw ApiProblemException.invalid("", "a batch holds at most " + MAX_BATCH + " records, this one " + body.size());
        }
        List<IdentifyResult> results = new ArrayList<>();
        int rejected = 0;
        for (int i = 0; i < body.size(); i++) {
            try {
                IdentifyRecord record = json.treeToValue(body.get(i), IdentifyRecord.class);
                results.add(result(i, customers.identify(request(record))));
            } catch (ApiProblemException e) {
                rejected++;
                results.add(new IdentifyResult(i, null, null, null, null, null, Problems.of(e)));
            } catch (tools.jackson.core.JacksonException e) {
                rejected++;
                results.add(new IdentifyResult(i, null, null, null, null, null,
                        Problems.of(ProblemType.MALFORMED_REQUEST, "record " + i + " is not valid: " + e.getOriginalMessage())));
            }
        }
        return ResponseEntity.ok(new BatchResult(body.size() - rejected, rejected, results));
    }

    private static IdentifyRequest request(IdentifyRecord record) {
        if (record.identities() == null || record.identities().isEmpty()) {
            throw ApiProblemException.invalid(List.of(new FieldError("identities", "at least one identity is required")));
        }
        TraitsInput t = record.traits();
        CustomerTraits traits = t == null ? CustomerTraits.none()
                : new CustomerTraits(t.displayName(), t.gender(), t.birthday(), t.province(), t.city(), t.realName());
        return new IdentifyRequest(record.identities(), traits, record.seenAt(), "api");
    }

    private static IdentifyResult result(int index, Resolution r) {
        if (!r.resolved()) {
            throw ApiProblemException.invalid("identities", "no usable identity: " + (r.ignored().isEmpty()
                    ? "none given" : r.ignored().get(0).reason()));
        }
        return new IdentifyResult(index, r.customerId().value(), r.created(),
                r.merged().stream().map(io.liuliang.shared.CustomerId::value).toList(), r.conflictId(), r.ignored(), null);
    }

    @GetMapping("/customers/{id}")
    @PreAuthorize("hasAuthority('customer.read')")
    @Operation(summary = "The 360° view; a merged-away id redirects (307) to the surviving customer")
    ResponseEntity<CustomerView> get(@PathVariable UUID id) {
        CustomerQueries.Lookup lookup = queries.view(id, holds(PII_READ));
        if (lookup instanceof CustomerQueries.MergedInto m) {
            return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
                    .location(URI.create("/api/v1/customers/" + m.survivor())).build();
        }
        return ResponseEntity.ok(((CustomerQueries.Found) lookup).view());
    }

    @GetMapping("/customers")
    @PreAuthorize("hasAuthority('customer.read')")
    @Operation(summary = "Search customers: exact phone, email or platform id, or a name prefix; filter by region, "
            + "shop, net spend and order count (inclusive bounds; a shop's own when shopId is given)")
    CustomerQueries.Page list(@RequestParam(required = false) String q, @RequestParam(required = false) String province,
                              @RequestParam(required = false) String city, @RequestParam(required = false) UUID shopId,
                              @RequestParam(required = false) java.math.BigDecimal minSpent,
                              @RequestParam(required = false) java.math.BigDecimal maxSpent,
                              @RequestParam(required = false) Long minOrders, @RequestParam(required = false) Long maxOrders,
                              @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return queries.search(new CustomerQueries.Filter(q, province, city, shopId, minSpent, maxSpent, minOrders, maxOrders),
                PageRequest.of(limit, cursor));
    }

    @PostMapping("/customers/{id}:unmerge")
    @PreAuthorize("hasAuthority('customer.write')")
    @Operation(summary = "Undo the merge of this customer into another: it gets back its identities, orders and events")
    MergeService.MergeRecord unmerge(@PathVariable UUID id) {
        return merges.unmerge(id, actor());
    }

    @PostMapping("/customers:merge")
    @PreAuthorize("hasAuthority('customer.write')")
    @Operation(summary = "Merge customers by hand into the oldest of them")
    ResponseEntity<Void> merge(@RequestBody MergeRequest request) {
        if (request.customerIds() == null || request.customerIds().size() < 2) {
            throw ApiProblemException.invalid("customerIds", "name at least two customers");
        }
        String reason = request.reason() == null || request.reason().isBlank() ? "merged by hand" : request.reason().strip();
        UUID survivor = merges.mergeManually(request.customerIds(), reason, actor());
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/api/v1/customers/" + survivor)).build();
    }

    @GetMapping("/identity-conflicts")
    @PreAuthorize("hasAuthority('customer.read')")
    @Operation(summary = "The review queue of merges One-ID refused to make")
    CursorPage<ConflictService.Conflict> conflicts(@RequestParam(required = false) ConflictService.Status status,
                                                   @RequestParam(required = false) Integer limit,
                                                   @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        return CursorPage.of(conflicts.list(status, page.cursorAsLong(), page.fetchSize()), page.limit(),
                c -> PageRequest.encode(Long.toString(c.id())));
    }

    @PostMapping("/identity-conflicts/{id}:merge")
    @PreAuthorize("hasAuthority('customer.write')")
    ConflictService.Conflict mergeConflict(@PathVariable long id) {
        return conflicts.merge(id, actor());
    }

    @PostMapping("/identity-conflicts/{id}:dismiss")
    @PreAuthorize("hasAuthority('customer.write')")
    ConflictService.Conflict dismissConflict(@PathVariable long id) {
        return conflicts.dismiss(id, actor());
    }

    @GetMapping("/identity-types")
    @PreAuthorize("hasAuthority('customer.read')")
    @Operation(summary = "Identity types with their priority, limit and scope")
    List<IdentityType> identityTypes() {
        return types.all();
    }

    @PostMapping("/identity-types")
    @PreAuthorize("hasAuthority('settings.manage')")
    @Operation(summary = "Add a merchant's own identity type (e.g. a loyalty card number): code, name, priority "
            + "(1 = strongest), per-customer limit, shop scope. Custom types are never personal data.")
    ResponseEntity<IdentityType> createIdentityType(@RequestBody IdentityTypeRegistry.NewType type) {
        return ResponseEntity.status(HttpStatus.CREATED).body(types.create(type));
    }

    @GetMapping("/trait-merge-rules")
    @PreAuthorize("hasAuthority('customer.read')")
    @Operation(summary = "How One-ID folds each customer trait (displayName, gender, birthday, region, realName) when "
            + "records of one person meet: latest_non_empty, oldest_non_empty or keep_existing, with the defaults")
    TraitRuleService.Rules traitMergeRules() {
        return traitRules.view();
    }

    @PutMapping("/trait-merge-rules")
    @PreAuthorize("hasAuthority('settings.manage')")
    @Operation(summary = "Declare the merge strategy of some traits ({rules: [{field, strategy}]}); the others keep "
            + "theirs. Applies to records and merges from now on (an unmerge re-folds with the current rules).")
    TraitRuleService.Rules changeTraitMergeRules(@RequestBody TraitRuleService.RulesInput input) {
        return traitRules.change(input, actor());
    }

    private static boolean holds(String permission) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getAuthorities().stream().anyMatch(a -> permission.equals(a.getAuthority()));
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
