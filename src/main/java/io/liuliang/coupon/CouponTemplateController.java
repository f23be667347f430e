package io.liuliang.coupon;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.job.JobId;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/v1/coupon-templates")
@Tag(name = "Coupon templates", description = "满减, 折扣, 包邮 and gift coupons: terms, validity, stock, scope; issuing")
class CouponTemplateController {

    private final CouponTemplateService templates;
    private final CouponService coupons;
    private final CouponStats stats;

    CouponTemplateController(CouponTemplateService templates, CouponService coupons, CouponStats stats) {
        this.templates = templates;
        this.coupons = coupons;
        this.stats = stats;
    }

    record TemplateView(UUID id, String name, String description, String kind, BigDecimal amountOff, BigDecimal threshold,
                        BigDecimal percentOff, BigDecimal maxDiscount, String giftName, String currency,
                        String validityType, Instant validFrom, Instant validUntil, Integer validDays,
                        Integer totalStock, int perCustomerLimit, List<UUID> shopIds, List<String> categories,
                        String minTier, boolean restoreOnCancel, int expiringNoticeDays, String status, long issued, long redeemed,
                        long expired, Instant createdAt, String createdBy, Instant updatedAt, String updatedBy) {

        static TemplateView of(CouponTemplate t, CouponStats.Counts c) {
            return new TemplateView(t.id(), t.name(), t.description(), t.kind().code(), t.amountOff(), t.threshold(),
                    t.percentOff(), t.maxDiscount(), t.giftName(), t.currency(), t.validityType().code(), t.validFrom(),
                    t.validUntil(), t.validDays(), t.totalStock(), t.perCustomerLimit(), t.shopIds(), t.categories(),
                    t.minTier(), t.restoreOnCancel(), t.expiringNoticeDays(), t.status().code(), t.issuedCount(),
                    c == null ? 0 : c.redeemed(), c == null ? 0 : c.expired(), t.createdAt(), t.createdBy(),
                    t.updatedAt(), t.updatedBy());
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('coupon.read')")
    @Operation(summary = "Templates by name, with issued, redeemed and expired counts; q searches the name")
    CursorPage<TemplateView> list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) String cursor) {
        CursorPage<CouponTemplate> page = templates.list(q, status, PageRequest.of(limit, cursor));
        Map<UUID, CouponStats.Counts> counts = stats.ofTemplates(page.items().stream().map(CouponTemplate::id).toList());
        return page.map(t -> TemplateView.of(t, counts.get(t.id())));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAuthority('coupon.read')")
    TemplateView get(@PathVariable UUID id) {
        return TemplateView.of(templates.get(id), stats.ofTemplate(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAuthority('coupon.manage')")
    @Operation(summary = "Create a template: kind amount_off (amountOff, threshold), percent_off (percentOff, maxDiscount), "
            + "free_shipping or gift (giftName); validity fixed (validFrom, validUntil) or relative (validDays)")
    TemplateView create(@RequestBody CouponTemplateService.TemplateInput input) {
        return TemplateView.of(templates.create(input), null);
    }

    @PutMapping("/{id}")
    @PreAuthorize("hasAuthority('coupon.manage')")
    @Operation(summary = "Change a template (its discount terms are frozen once coupons were issued), pause or archive it")
    TemplateView update(@PathVariable UUID id, @RequestBody CouponTemplateService.TemplateInput input) {
        return TemplateView.of(templates.update(id, input), stats.ofTemplate(id));
    }

    record StatsView(long issued, long redeemed, long expired, long revoked, long outstanding, BigDecimal redemptionRate,
                     BigDecimal gmv, BigDecimal discountTotal, String currency, List<DayView> daily) {
    }

    record DayView(LocalDate date, long issued, long redeemed, long expired) {
    }

    @GetMapping("/{id}/stats")
    @PreAuthorize("hasAuthority('coupon.read')")
    @Operation(summary = "Issued, redeemed, expired, revoked, outstanding, redemption rate, GMV of redeeming orders, "
            + "discount total and the last 30 days")
    StatsView stats(@PathVariable UUID id) {
        CouponTemplate t = templates.get(id);
        CouponStats.Counts c = stats.ofTemplate(id);
        return new StatsView(c.issued(), c.redeemed(), c.expired(), c.revoked(), c.outstanding(), c.redemptionRate(),
                c.gmv(), c.discountTotal(), t.currency(), stats.daily(id).stream()
                .map(d -> new DayView(d.date(), d.issued(), d.redeemed(), d.expired())).toList());
    }

    @GetMapping("/{id}/coupons")
    @PreAuthorize("hasAuthority('coupon.read')")
    @Operation(summary = "The template's coupons, newest first; status filters, code finds by prefix")
    CursorPage<CouponController.CouponView> coupons(@PathVariable UUID id, @RequestParam(required = false) String status,
                                                    @RequestParam(required = false) String code,
                                                    @RequestParam(required = false) Integer limit,
                                                    @RequestParam(required = false) String cursor) {
        return coupons.ofTemplate(id, status, code, PageRequest.of(limit, cursor)).map(CouponController.CouponView::of);
    }

    record IssueRequest(List<UUID> customerIds, String requestId) {
    }

    record ItemResult(UUID customerId, IssueStatus status, UUID couponId, String code, FieldError error) {
    }

    record IssueResponse(long issued, long alreadyIssued, long rejected, List<ItemResult> results) {
    }

    @PostMapping("/{id}:issue")
    @PreAuthorize("hasAuthority('coupon.manage')")
    @Operation(summary = "Issue one coupon to each of up to 1,000 customers; the same requestId again issues nothing new")
    IssueResponse issue(@PathVariable UUID id, @RequestBody IssueRequest request) {
        List<IssueResult> results = coupons.issueToList(id, request == null ? null : request.customerIds(),
                request == null ? null : request.requestId());
        List<ItemResult> items = new java.util.ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            IssueResult r = results.get(i);
            items.add(new ItemResult(r.requestedCustomer(), r.status(), r.coupon() == null ? null : r.coupon().couponId(),
                    r.coupon() == null ? null : r.coupon().code(),
                    r.reason() == null ? null : new FieldError("customerIds[" + i + "]", r.reason())));
        }
        return new IssueResponse(count(results, IssueStatus.ISSUED), count(results, IssueStatus.ALREADY_ISSUED),
                count(results, IssueStatus.REJECTED), items);
    }

    private static long count(List<IssueResult> results, IssueStatus status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    record SegmentIssueRequest(UUID segmentId) {
    }

    record JobStarted(UUID jobId) {
    }

    @PostMapping("/{id}:issue-to-segment")
    @PreAuthorize("hasAuthority('coupon.manage')")
    @Operation(summary = "Issue one coupon to every member of a segment (a job with progress; rejected customers as its CSV result)")
    ResponseEntity<JobStarted> issueToSegment(@PathVariable UUID id, @RequestBody SegmentIssueRequest request) {
        JobId job = coupons.issueToSegment(id, request == null ? null : request.segmentId());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new JobStarted(job.value()));
    }
}
