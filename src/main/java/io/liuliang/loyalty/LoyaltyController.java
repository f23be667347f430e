package io.liuliang.loyalty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.job.JobId;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/loyalty")
@Tag(name = "Loyalty", description = "The program, tiers, members and their points ledger")
class LoyaltyController {

    private final LoyaltyService loyalty;
    private final LoyaltyStore store;
    private final PointsLedger ledger;
    private final JdbcClient jdbc;
    private final Jobs jobs;

    LoyaltyController(LoyaltyService loyalty, LoyaltyStore store, PointsLedger ledger, JdbcClient jdbc, Jobs jobs) {
        this.loyalty = loyalty;
        this.store = store;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.jobs = jobs;
    }

    record ProgramView(String name, boolean enabled, BigDecimal pointsPerUnit, String earnOn, String expiry,
                       Integer expiryMonths, boolean autoEnrol, Instant earnFrom, Instant updatedAt) {

        static ProgramView of(LoyaltyProgram p) {
            return new ProgramView(p.name(), p.enabled(), p.pointsPerUnit(), p.earnOn().code(), p.expiry().code(),
                    p.expiryMonths(), p.autoEnrol(), p.earnFrom(), p.updatedAt());
        }
    }

    @GetMapping("/program")
    @PreAuthorize("hasAuthority('loyalty.read')")
    ProgramView program() {
        return ProgramView.of(loyalty.program());
    }

    @PutMapping("/program")
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Set up or change the program: pointsPerUnit, earnOn (paid|completed), expiry "
            + "(never|end_of_following_year|months with expiryMonths), autoEnrol, earnFrom (orders before it earn nothing)")
    ProgramView saveProgram(@RequestBody LoyaltyService.ProgramInput input) {
        return ProgramView.of(loyalty.saveProgram(input));
    }

    record TierView(UUID id, String code, String name, int rank, String qualifyBy, BigDecimal threshold,
                    BigDecimal pointsMultiplier, BigDecimal discountPercent, boolean freeShipping,
                    UUID birthdayCouponTemplateId, String exclusiveService, int graceDays, long members) {
    }

    record Ladder(List<TierView> tiers, List<LoyaltyService.Warning> warnings) {
    }

    private Ladder ladder(List<Tier> tiers) {
        Map<UUID, Long> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT tier_id, count(*) FROM loyalty_member WHERE tier_id IS NOT NULL GROUP BY tier_id")
                .query(rs -> {
                    counts.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        return new Ladder(tiers.stream().map(t -> new TierView(t.id(), t.code(), t.name(), t.rank(), t.qualifyBy().code(),
                t.threshold(), t.pointsMultiplier(), t.discountPercent(), t.freeShipping(), t.birthdayCouponTemplateId(),
                t.exclusiveService(), t.graceDays(), counts.getOrDefault(t.id(), 0L))).toList(), LoyaltyService.warnings(tiers));
    }

    @GetMapping("/tiers")
    @PreAuthorize("hasAuthority('loyalty.read')")
    @Operation(summary = "The tiers, lowest first, with their members and the design warnings of the brief")
    Ladder tiers() {
        return ladder(loyalty.tiers());
    }

    @PutMapping("/tiers")
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Replace the tier ladder (lowest first); answers the saved tiers and the design warnings")
    Ladder saveTiers(@RequestBody List<LoyaltyService.TierInput> tiers) {
        return ladder(loyalty.saveTiers(tiers));
    }

    record JobStarted(UUID jobId) {
    }

    @PostMapping("/tiers:evaluate")
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Evaluate every member's tier now (a job): upgrades, at-risk notices, downgrades after grace")
    ResponseEntity<JobStarted> evaluate() {
        JobId job = jobs.submit(new JobSubmission(TierEvaluationJob.TYPE, "Evaluate loyalty tiers", "{}", null));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new JobStarted(job.value()));
    }

    record Progress(String nextTier, String qualifyBy, BigDecimal current, BigDecimal needed, BigDecimal remaining) {
    }

    record MemberView(UUID customerId, String memberNo, String tier, String tierName, Instant tierSince,
                      Instant downgradeDueAt, long balance, Instant enrolledAt, String enrolledBy, Progress progress) {
    }

    private MemberView view(LoyaltyStore.Member m, List<Tier> tiers, TierEvaluator.Standing standing) {
        Tier tier = TierEvaluator.byId(tiers, m.tierId());
        Progress progress = null;
        if (standing != null) {
            Tier next = tiers.stream().filter(t -> tier == null || t.rank() > tier.rank()).findFirst().orElse(null);
            if (next != null) {
                BigDecimal current = standing.measure(next.qualifyBy());
                progress = new Progress(next.code(), next.qualifyBy().code(), current, next.threshold(),
                        next.threshold().subtract(current).max(BigDecimal.ZERO));
            }
        }
        return new MemberView(m.customerId(), m.memberNo(), tier == null ? null : tier.code(),
                tier == null ? null : tier.name(), m.tierSince(), m.downgradeDueAt(), m.balance(), m.enrolledAt(),
                m.enrolledBy(), progress);
    }

    record EnrolRequest(UUID customerId) {
    }

    @PostMapping("/members")
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Enrol a customer (a member already is answered as is)")
    MemberView enrol(@RequestBody EnrolRequest request) {
        if (request == null || request.customerId() == null) {
            throw ApiProblemException.invalid("customerId", "is required");
        }
        LoyaltyStore.Member m = loyalty.enrol(request.customerId());
        return view(m, store.tiers(), null);
    }

    @GetMapping("/members")
    @PreAuthorize("hasAuthority('loyalty.read')")
    @Operation(summary = "Members by customer id; filter by tier code or find one member number")
    CursorPage<MemberView> members(@RequestParam(required = false) String tier,
                                   @RequestParam(required = false) String memberNo,
                                   @RequestParam(required = false) Integer limit,
                                   @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        List<Tier> tiers = store.tiers();
        UUID tierId = null;
        if (tier != null && !tier.isBlank()) {
            tierId = tiers.stream().filter(t -> t.code().equals(tier)).map(Tier::id).findFirst()
                    .orElseThrow(() -> ApiProblemException.invalid("tier", "no tier " + tier));
        }
        UUID after;
        try {
            after = page.cursorKey() == null ? null : UUID.fromString(page.cursorKey());
        } catch (IllegalArgumentException e) {
            throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
        List<LoyaltyStore.Member> rows = store.members(tierId, memberNo, after, page.limit() + 1);
        return CursorPage.of(rows, page.limit(), m -> PageRequest.encode(m.customerId().toString()))
                .map(m -> view(m, tiers, null));
    }

    @GetMapping("/members/{customerId}")
    @PreAuthorize("hasAuthority('loyalty.read') or hasAuthority('loyalty.member')")
    @Operation(summary = "A member: tier, balance and the progress to the next tier over the last 12 months")
    MemberView member(@PathVariable UUID customerId) {
        LoyaltyStore.Member m = loyalty.member(customerId);
        return view(m, store.tiers(), loyalty.standings(List.of(m.customerId())).get(m.customerId()));
    }

    record EntryView(long id, String kind, long points, long balanceAfter, String source, String reason, String orderRef,
                     Instant at, String actor) {

        static EntryView of(PointsLedger.Entry e) {
            return new EntryView(e.id(), e.kind().code(), e.points(), e.balanceAfter(), e.sourceKey(), e.reason(),
                    e.orderRef(), e.at(), e.actor());
        }
    }

    @GetMapping("/members/{customerId}/points")
    @PreAuthorize("hasAuthority('loyalty.read') or hasAuthority('loyalty.member')")
    @Operation(summary = "The member's points statement, newest first")
    CursorPage<EntryView> statement(@PathVariable UUID customerId, @RequestParam(required = false) Integer limit,
                                    @RequestParam(required = false) String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        Long before;
        try {
            before = page.cursorKey() == null ? null : Long.parseLong(page.cursorKey());
        } catch (NumberFormatException e) {
            throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
        }
        UUID customer = loyalty.member(customerId).customerId();
        return CursorPage.of(ledger.statement(customer, before, page.limit() + 1), page.limit(),
                e -> PageRequest.encode(Long.toString(e.id()))).map(EntryView::of);
    }

    record TierChangeView(long seq, String change, String fromTier, String toTier, String reason, Instant at) {
    }

    @GetMapping("/members/{customerId}/tier-history")
    @PreAuthorize("hasAuthority('loyalty.read') or hasAuthority('loyalty.member')")
    List<TierChangeView> tierHistory(@PathVariable UUID customerId) {
        UUID customer = loyalty.member(customerId).customerId();
        return jdbc.sql("SELECT h.seq, h.change, f.code, t.code, h.reason, h.at FROM loyalty_tier_change h "
                        + "LEFT JOIN loyalty_tier f ON f.id = h.from_tier_id LEFT JOIN loyalty_tier t ON t.id = h.to_tier_id "
                        + "WHERE h.customer_id = ? ORDER BY h.seq DESC LIMIT 200")
                .param(customer).query((rs, n) -> new TierChangeView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())).list();
    }

    record PointsRequest(Long points, String reason, String requestId) {
    }

    record PostedView(EntryView entry, boolean replayed) {
    }

    @PostMapping("/members/{customerId}/points:adjust")
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Adjust points (signed) with a reason, once per requestId; never below a zero balance")
    PostedView adjust(@PathVariable UUID customerId, @RequestBody PointsRequest request) {
        PointsLedger.Posted p = loyalty.adjust(customerId, request == null ? null : request.points(),
                request == null ? null : request.reason(), request == null ? null : request.requestId());
        return new PostedView(EntryView.of(p.entry()), p.replayed());
    }

    record CreditsRequest(List<LoyaltyService.CreditInput> items) {
    }

    /** One credit's outcome: its entry (replayed when its request id was posted before), or not posted (no member). */
    record CreditView(UUID customerId, boolean posted, EntryView entry, boolean replayed, String reason) {
    }

    record CreditsView(List<CreditView> items) {
    }

    @PostMapping("/points:credit")
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Credit many members (up to 1,000 positive adjustments, each once per requestId) in one "
            + "statement; a customer who is not a member is answered not posted")
    CreditsView credit(@RequestBody CreditsRequest request) {
        List<LoyaltyService.CreditInput> items = request == null ? null : request.items();
        List<java.util.Optional<PointsLedger.Posted>> posted = loyalty.credit(items);
        List<CreditView> out = new ArrayList<>(posted.size());
        for (int i = 0; i < posted.size(); i++) {
            UUID customer = items.get(i).customerId();
            out.add(posted.get(i).map(p -> new CreditView(customer, true, EntryView.of(p.entry()), p.replayed(), null))
                    .orElseGet(() -> new CreditView(customer, false, null, false, "not_a_member")));
        }
        return new CreditsView(out);
    }

    @PostMapping("/members/{customerId}/points:spend")
    @PreAuthorize("hasAuthority('loyalty.manage')")
    @Operation(summary = "Spend points, once per requestId; more than the balance is a 409")
    PostedView spend(@PathVariable UUID customerId, @RequestBody PointsRequest request) {
        PointsLedger.Posted p = loyalty.spend(customerId, request == null ? null : request.points(),
                request == null ? null : request.reason(), request == null ? null : request.requestId());
        return new PostedView(EntryView.of(p.entry()), p.replayed());
    }

    record TierCount(String tier, String name, long members) {
    }

    record MonthPoints(String month, long earned, long spent, long expired, long adjusted, long reversed) {
    }

    record Overview(long members, List<TierCount> tiers, long outstandingPoints, long expiringIn30Days,
                    List<MonthPoints> months) {
    }

    @GetMapping("/overview")
    @PreAuthorize("hasAuthority('loyalty.read')")
    @Operation(summary = "Members per tier, outstanding points (the liability), points expiring within 30 days, and "
            + "points earned, spent, expired, adjusted and reversed per month over the last 12 months")
    Overview overview() {
        long members = jdbc.sql("SELECT count(*) FROM loyalty_member").query(Long.class).single();
        List<TierCount> tiers = new ArrayList<>(jdbc.sql("SELECT t.code, t.name, count(m.customer_id) FROM loyalty_tier t "
                        + "LEFT JOIN loyalty_member m ON m.tier_id = t.id GROUP BY t.code, t.name, t.rank ORDER BY t.rank")
                .query((rs, n) -> new TierCount(rs.getString(1), rs.getString(2), rs.getLong(3))).list());
        long untiered = jdbc.sql("SELECT count(*) FROM loyalty_member WHERE tier_id IS NULL").query(Long.class).single();
        tiers.add(0, new TierCount(null, null, untiered));
        long outstanding = jdbc.sql("SELECT coalesce(sum(balance), 0) FROM loyalty_member").query(Long.class).single();
        long expiring = jdbc.sql("SELECT coalesce(sum(remaining), 0) FROM points_lot WHERE remaining > 0 "
                + "AND expires_at <= now() + interval '30 days'").query(Long.class).single();
        List<MonthPoints> months = jdbc.sql("""
                SELECT to_char(date_trunc('month', at), 'YYYY-MM') AS month,
                       coalesce(sum(points) FILTER (WHERE kind = 'earn'), 0),
                       coalesce(-sum(points) FILTER (WHERE kind = 'spend'), 0),
                       coalesce(-sum(points) FILTER (WHERE kind = 'expire'), 0),
                       coalesce(sum(points) FILTER (WHERE kind = 'adjust'), 0),
                       coalesce(-sum(points) FILTER (WHERE kind = 'reverse'), 0)
                FROM points_entry WHERE at >= date_trunc('month', now()) - interval '11 months'
                GROUP BY 1 ORDER BY 1""")
                .query((rs, n) -> new MonthPoints(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6))).list();
        return new Overview(members, tiers, outstanding, expiring, months);
    }
}
