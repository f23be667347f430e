package io.liuliang.loyalty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Customers;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;

/** The program and its tiers (validated, with the brief's design warnings), members, adjustments and spends. */
@Service
class LoyaltyService {

    static final int MAX_TIERS = 20;
    /** The brief: more than five tiers confuse members. */
    static final int ADVISED_MAX_TIERS = 5;
    /** The brief: each step at most 2.5× the previous threshold. */
    static final BigDecimal MAX_STEP = new BigDecimal("2.5");
    /** The brief: neighbouring tiers' benefits should differ by at least 30%. */
    static final BigDecimal MIN_BENEFIT_GAP = new BigDecimal("0.30");
    static final long MAX_POINTS_PER_ENTRY = 100_000_000L;
    static final int MAX_KEY = 100;

    private final LoyaltyStore store;
    private final PointsLedger ledger;
    private final TierEvaluator evaluator;
    private final Customers customers;
    private final MemberEnrolment enrolment;
    private final Clock clock;
    private final java.time.ZoneId zone;

    LoyaltyService(LoyaltyStore store, PointsLedger ledger, TierEvaluator evaluator, Customers customers,
                   MemberEnrolment enrolment, Clock clock,
                   @org.springframework.beans.factory.annotation.Value("${liuliang.metrics.timezone:Asia/Shanghai}")
                   java.time.ZoneId zone) {
        this.zone = zone;
        this.enrolment = enrolment;
        this.store = store;
        this.ledger = ledger;
        this.evaluator = evaluator;
        this.customers = customers;
        this.clock = clock;
    }

    record ProgramInput(String name, Boolean enabled, BigDecimal pointsPerUnit, String earnOn, String expiry,
                        Integer expiryMonths, Boolean autoEnrol, Instant earnFrom) {
    }

    record TierInput(UUID id, String code, String name, String qualifyBy, BigDecimal threshold,
                     BigDecimal pointsMultiplier, BigDecimal discountPercent, Boolean freeShipping,
                     UUID birthdayCouponTemplateId, String exclusiveService, Integer graceDays) {
    }

    /** A design warning on the tier ladder: where ({@code tiers[i]…}) and which rule of the brief it breaks. */
    record Warning(String field, String rule, String message) {
    }

    @Transactional
    LoyaltyProgram saveProgram(ProgramInput in) {
        if (in == null) {
            throw ApiProblemException.invalid("body", "the program is required");
        }
        List<FieldError> errors = new ArrayList<>();
        String name = in.name() == null ? "" : in.name().trim();
        if (name.isEmpty() || name.length() > 100) {
            errors.add(new FieldError("name", "is required (at most 100 characters)"));
        }
        if (in.pointsPerUnit() == null || in.pointsPerUnit().signum() < 0 || in.pointsPerUnit().compareTo(BigDecimal.valueOf(1000)) > 0) {
            errors.add(new FieldError("pointsPerUnit", "is required: points per currency unit, 0 to 1000"));
        }
        LoyaltyEnums.EarnOn earnOn = LoyaltyEnums.of(LoyaltyEnums.EarnOn.class, in.earnOn() == null ? "completed" : in.earnOn())
                .orElse(null);
        if (earnOn == null) {
            errors.add(new FieldError("earnOn", "must be one of " + LoyaltyEnums.codes(LoyaltyEnums.EarnOn.class)));
        }
        LoyaltyEnums.Expiry expiry = LoyaltyEnums.of(LoyaltyEnums.Expiry.class,
                in.expiry() == null ? "end_of_following_year" : in.expiry()).orElse(null);
        if (expiry == null) {
            errors.add(new FieldError("expiry", "must be one of " + LoyaltyEnums.codes(LoyaltyEnums.Expiry.class)));
        } else if (expiry == LoyaltyEnums.Expiry.MONTHS && (in.expiryMonths() == null || in.expiryMonths() < 1
                || in.expiryMonths() > 120)) {
            errors.add(new FieldError("expiryMonths", "must be between 1 and 120 when points expire after months"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        Instant now = clock.instant();
        Instant earnFrom = in.earnFrom() != null ? in.earnFrom()
                : store.program().map(LoyaltyProgram::earnFrom).orElse(now);
        LoyaltyProgram p = new LoyaltyProgram(name, in.enabled() == null || in.enabled(),
                in.pointsPerUnit().setScale(4, RoundingMode.HALF_UP), earnOn, expiry,
                expiry == LoyaltyEnums.Expiry.MONTHS ? in.expiryMonths() : null, in.autoEnrol() == null || in.autoEnrol(),
                earnFrom, now);
        store.saveProgram(p);
        return p;
    }

    LoyaltyProgram program() {
        return store.program().orElseThrow(() -> ApiProblemException.notFound("loyalty program", "(not set up yet)"));
    }

    /** Replaces the tier ladder (lowest first); returns the saved tiers. */
    @Transactional
    List<Tier> saveTiers(List<TierInput> input) {
        if (input == null) {
            throw ApiProblemException.invalid("tiers", "a list of tiers is required (it may be empty)");
        }
        List<FieldError> errors = new ArrayList<>();
        if (input.size() > MAX_TIERS) {
            errors.add(new FieldError("tiers", "at most " + MAX_TIERS + " tiers"));
        }
        List<Tier> current = store.tiers();
        Set<String> codes = new HashSet<>();
        List<Tier> tiers = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            TierInput t = input.get(i);
            String at = "tiers[" + i + "]";
            if (t == null) {
                errors.add(new FieldError(at, "must be a tier"));
                continue;
            }
            String code = t.code() == null ? "" : t.code().trim();
            if (!code.matches("[a-z][a-z0-9_]{0,29}")) {
                errors.add(new FieldError(at + ".code", "must be 1–30 lower-case letters, digits or _ (e.g. gold)"));
            } else if (!codes.add(code)) {
                errors.add(new FieldError(at + ".code", "is used by another tier"));
            }
            String name = t.name() == null ? "" : t.name().trim();
            if (name.isEmpty() || name.length() > 50) {
                errors.add(new FieldError(at + ".name", "is required (at most 50 characters)"));
            }
            LoyaltyEnums.QualifyBy by = LoyaltyEnums.of(LoyaltyEnums.QualifyBy.class,
                    t.qualifyBy() == null ? "net_spend_12m" : t.qualifyBy()).orElse(null);
            if (by == null) {
                errors.add(new FieldError(at + ".qualifyBy", "must be one of " + LoyaltyEnums.codes(LoyaltyEnums.QualifyBy.class)));
            }
            if (t.threshold() == null || t.threshold().signum() < 0) {
                errors.add(new FieldError(at + ".threshold", "is required and must be 0 or more"));
            } else if (i > 0 && input.get(i - 1) != null && input.get(i - 1).threshold() != null
                    && t.threshold().compareTo(input.get(i - 1).threshold()) <= 0
                    && java.util.Objects.equals(t.qualifyBy(), input.get(i - 1).qualifyBy())) {
                errors.add(new FieldError(at + ".threshold", "must be above the threshold of the tier below"));
            }
            BigDecimal multiplier = t.pointsMultiplier() == null ? BigDecimal.ONE : t.pointsMultiplier();
            if (multiplier.signum() <= 0 || multiplier.compareTo(BigDecimal.TEN) > 0) {
                errors.add(new FieldError(at + ".pointsMultiplier", "must be more than 0 and at most 10"));
            }
            BigDecimal discount = t.discountPercent() == null ? BigDecimal.ZERO : t.discountPercent();
            if (discount.signum() < 0 || discount.compareTo(BigDecimal.valueOf(100)) >= 0) {
                errors.add(new FieldError(at + ".discountPercent", "must be from 0 to less than 100"));
            }
            int grace = t.graceDays() == null ? 0 : t.graceDays();
            if (grace < 0 || grace > 730) {
                errors.add(new FieldError(at + ".graceDays", "must be between 0 and 730"));
            }
            UUID id = t.id() != null ? t.id() : current.stream().filter(c -> c.code().equals(code)).map(Tier::id)
                    .findFirst().orElse(UUID.randomUUID());
            if (errors.isEmpty()) {
                tiers.add(new Tier(id, code, name, i + 1, by, t.threshold().setScale(2, RoundingMode.HALF_UP),
                        multiplier.setScale(2, RoundingMode.HALF_UP), discount.setScale(2, RoundingMode.HALF_UP),
                        Boolean.TRUE.equals(t.freeShipping()), t.birthdayCouponTemplateId(),
                        t.exclusiveService() == null || t.exclusiveService().isBlank() ? null : t.exclusiveService().trim(),
                        grace));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        for (Tier old : current) {
            if (tiers.stream().noneMatch(t -> t.id().equals(old.id())) && store.membersIn(old.id()) > 0) {
                throw ApiProblemException.conflict("tiers", "tier " + old.name() + " still has " + store.membersIn(old.id())
                        + " members: keep it or lower its threshold instead");
            }
        }
        store.replaceTiers(tiers);
        return store.tiers();
    }

    /** Where a tier ladder breaks the brief's rules of thumb (saved anyway: they are warnings). */
    static List<Warning> warnings(List<Tier> tiers) {
        List<Warning> out = new ArrayList<>();
        if (tiers.size() > ADVISED_MAX_TIERS) {
            out.add(new Warning("tiers", "at_most_5_tiers", tiers.size() + " tiers: more than " + ADVISED_MAX_TIERS
                    + " are hard for members to tell apart"));
        }
        for (int i = 1; i < tiers.size(); i++) {
            Tier below = tiers.get(i - 1);
            Tier t = tiers.get(i);
            String at = "tiers[" + i + "]";
            if (below.qualifyBy() == t.qualifyBy() && below.threshold().signum() > 0
                    && t.threshold().compareTo(below.threshold().multiply(MAX_STEP)) > 0) {
                out.add(new Warning(at + ".threshold", "step_at_most_2_5x", t.name() + " needs "
                        + t.threshold().divide(below.threshold(), 1, RoundingMode.HALF_UP) + "× what " + below.name()
                        + " needs: steps above 2.5× feel out of reach"));
            }
            boolean multiplierGap = gap(below.pointsMultiplier(), t.pointsMultiplier());
            boolean discountGap = gap(below.discountPercent(), t.discountPercent());
            boolean extras = t.freeShipping() && !below.freeShipping()
                    || t.exclusiveService() != null && below.exclusiveService() == null
                    || t.birthdayCouponTemplateId() != null && below.birthdayCouponTemplateId() == null;
            if (!multiplierGap && !discountGap && !extras) {
                out.add(new Warning(at, "benefits_differ_30_percent", t.name() + "'s benefits are within 30% of "
                        + below.name() + "'s: members will not feel the step up"));
            }
        }
        return out;
    }

    private static boolean gap(BigDecimal lower, BigDecimal higher) {
        if (lower.signum() == 0) {
            return higher.signum() > 0;
        }
        return higher.subtract(lower).divide(lower, 4, RoundingMode.HALF_UP).compareTo(MIN_BENEFIT_GAP) >= 0;
    }

    List<Tier> tiers() {
        return store.tiers();
    }

    /** Enrols a customer (or their survivor) explicitly; a member already is answered as is. */
    @Transactional
    LoyaltyStore.Member enrol(UUID customerId) {
        program();
        UUID customer = survivor(customerId);
        enrolment.enrol(customer, "explicit", clock.instant());
        LoyaltyStore.Member member = store.lockMember(customer).orElseThrow();
        evaluator.upgradeIfQualified(member, store.tiers());
        return store.member(customer).orElseThrow();
    }

    LoyaltyStore.Member member(UUID customerId) {
        UUID customer = survivor(customerId);
        return store.member(customer).orElseThrow(() -> ApiProblemException.notFound("loyalty member", customerId));
    }

    /**
     * An adjustment by an administrator (signed), once per request id, never below zero. Not in a transaction of its
     * own: the ledger's posting is atomic by itself (a credit one statement, a debit its own transaction) and checks
     * the membership read here again under the member's lock.
     */
    PointsLedger.Posted adjust(UUID customerId, Long points, String reason, String requestId) {
        List<FieldError> errors = pointsErrors(points, requestId, true);
        if (reason == null || reason.isBlank()) {
            errors.add(new FieldError("reason", "is required for an adjustment"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        UUID customer = member(customerId).customerId();
        return ledger.post(customer, EntryKind.ADJUST, points, "adjust:" + requestId.trim(), reason.trim(), null,
                points > 0 ? program().expiresAt(clock.instant(), zone) : null, null,
                PointsLedger.Shortfall.REFUSE, actor());
    }

    static final int MAX_CREDITS = 1_000;

    /** One positive adjustment of {@link #credit(List)}. */
    record CreditInput(UUID customerId, Long points, String reason, String requestId) {
    }

    /**
     * Many positive adjustments (a bulk reward, an import of points from an earlier system) posted by the ledger in
     * one statement, each once per request id: the same source as {@link #adjust}'s, so a retry through either posts
     * nothing twice. Answers, in the order given, each one's entry (or its first one, replayed), or empty for a
     * customer who is not a member (nothing is posted for them).
     */
    List<java.util.Optional<PointsLedger.Posted>> credit(List<CreditInput> items) {
        if (items == null || items.isEmpty() || items.size() > MAX_CREDITS) {
            throw ApiProblemException.invalid("items", "1 to " + MAX_CREDITS + " credits are required");
        }
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            CreditInput in = items.get(i);
            String at = "items[" + i + "].";
            if (in == null || in.customerId() == null) {
                errors.add(new FieldError(at + "customerId", "is required"));
                continue;
            }
            for (FieldError e : pointsErrors(in.points(), in.requestId(), false)) {
                errors.add(new FieldError(at + e.field(), e.message()));
            }
            if (in.reason() == null || in.reason().isBlank()) {
                errors.add(new FieldError(at + "reason", "is required for an adjustment"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        Map<CustomerId, CustomerId> survivors = customers.survivorsOf(items.stream()
                .map(in -> new CustomerId(in.customerId())).distinct().toList());
        Instant expiresAt = program().expiresAt(clock.instant(), zone);
        String actor = actor();
        List<PointsLedger.Credit> credits = new ArrayList<>(items.size());
        for (CreditInput in : items) {
            CustomerId survivor = survivors.get(new CustomerId(in.customerId()));
            // an unknown customer is nobody's member: a random id posts nothing and is answered as such
            credits.add(new PointsLedger.Credit(survivor == null ? in.customerId() : survivor.value(), EntryKind.ADJUST,
                    in.points(), "adjust:" + in.requestId().trim(), in.reason().trim(), null, expiresAt, actor));
        }
        return ledger.credit(credits);
    }

    /** A spend of points (a redemption in the shop), once per request id; more than the balance is a 409. */
    PointsLedger.Posted spend(UUID customerId, Long points, String reason, String requestId) {
        List<FieldError> errors = pointsErrors(points, requestId, false);
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        UUID customer = member(customerId).customerId();
        return ledger.post(customer, EntryKind.SPEND, -points, "spend:" + requestId.trim(),
                reason == null || reason.isBlank() ? null : reason.trim(), null, null, null,
                PointsLedger.Shortfall.REFUSE, actor());
    }

    private static List<FieldError> pointsErrors(Long points, String requestId, boolean signed) {
        List<FieldError> errors = new ArrayList<>();
        if (points == null || points == 0 || (!signed && points < 0) || Math.abs(points) > MAX_POINTS_PER_ENTRY) {
            errors.add(new FieldError("points", signed ? "must be a non-zero whole number of points"
                    : "must be a positive whole number of points"));
        }
        if (requestId == null || requestId.isBlank() || requestId.length() > MAX_KEY) {
            errors.add(new FieldError("requestId", "is required (at most " + MAX_KEY + " characters): it makes a retry safe"));
        }
        return errors;
    }

    private UUID survivor(UUID customerId) {
        return customers.survivorOf(new CustomerId(customerId)).map(CustomerId::value)
                .orElseThrow(() -> ApiProblemException.notFound("customer", customerId));
    }

    Map<UUID, TierEvaluator.Standing> standings(List<UUID> customers) {
        return evaluator.standings(customers);
    }

    static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }
}
