package io.liuliang.coupon;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.job.JobId;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.segment.Segments;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerDataOwner;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;
import io.liuliang.shared.PageRequest;

/** Issuing (to a list, a segment, another module) and reading coupons; coupons follow One-ID merges. */
@Service
class CouponService implements Coupons, CustomerDataOwner {

    static final int MAX_BATCH = 1_000;
    static final int MAX_REQUEST_ID = 100;

    private final CouponIssuer issuer;
    private final CouponStore store;
    private final CouponTemplateService templates;
    private final Segments segments;
    private final Jobs jobs;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;
    private final io.liuliang.customer.Customers customers;

    CouponService(CouponIssuer issuer, CouponStore store, CouponTemplateService templates, Segments segments, Jobs jobs,
                  org.springframework.jdbc.core.simple.JdbcClient jdbc, io.liuliang.customer.Customers customers) {
        this.customers = customers;
        this.issuer = issuer;
        this.store = store;
        this.templates = templates;
        this.segments = segments;
        this.jobs = jobs;
        this.jdbc = jdbc;
    }

    @Override
    @Transactional
    public IssueResult issue(UUID templateId, CustomerId customer, String idempotencyKey, String source) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("an idempotency key is required");
        }
        return issuer.issue(templateId, List.of(customer.value()), source + ":" + idempotencyKey, source).get(0);
    }

    @Override
    public java.util.Optional<String> templateName(UUID templateId) {
        return templates.find(templateId).map(CouponTemplate::name);
    }

    /** Issues to up to {@link #MAX_BATCH} customers; {@code requestId} makes a retry return the same coupons. */
    @Transactional
    List<IssueResult> issueToList(UUID templateId, List<UUID> customerIds, String requestId) {
        List<FieldError> errors = new java.util.ArrayList<>();
        if (customerIds == null || customerIds.isEmpty()) {
            errors.add(new FieldError("customerIds", "at least one customer id is required"));
        } else if (customerIds.size() > MAX_BATCH) {
            errors.add(new FieldError("customerIds", "at most " + MAX_BATCH + " customers per request, not "
                    + customerIds.size() + "; issue to a segment for more"));
        } else {
            for (int i = 0; i < customerIds.size(); i++) {
                if (customerIds.get(i) == null) {
                    errors.add(new FieldError("customerIds[" + i + "]", "must be a customer id"));
                }
            }
        }
        if (requestId == null || requestId.isBlank()) {
            errors.add(new FieldError("requestId", "is required: a key of your choosing that makes a retry safe"));
        } else if (requestId.length() > MAX_REQUEST_ID) {
            errors.add(new FieldError("requestId", "must be at most " + MAX_REQUEST_ID + " characters"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        templates.get(templateId);
        return issuer.issue(templateId, customerIds, "api:" + requestId.trim(), "list");
    }

    /** Starts the job issuing to every member of a segment. */
    JobId issueToSegment(UUID templateId, UUID segmentId) {
        if (segmentId == null) {
            throw ApiProblemException.invalid("segmentId", "is required");
        }
        CouponTemplate template = templates.get(templateId);
        String segment = segments.nameOf(segmentId)
                .orElseThrow(() -> ApiProblemException.invalid("segmentId", "no segment " + segmentId));
        if (template.status() != TemplateStatus.ACTIVE) {
            throw ApiProblemException.conflict("coupon template " + template.name() + " is " + template.status().code()
                    + ": only active templates issue coupons");
        }
        return jobs.submit(new JobSubmission(CouponIssueToSegmentJob.TYPE, "Issue " + template.name() + " to " + segment,
                "{\"templateId\":\"" + templateId + "\",\"segmentId\":\"" + segmentId + "\"}", null));
    }

    Coupon byCode(String typed) {
        String code = CouponCodes.normalise(typed);
        return (CouponCodes.wellFormed(code) ? store.byCode(code) : java.util.Optional.<Coupon>empty())
                .orElseThrow(() -> ApiProblemException.notFound("coupon", typed));
    }

    CursorPage<Coupon> ofTemplate(UUID templateId, String status, String code, PageRequest page) {
        templates.get(templateId);
        CouponStatus s = status == null || status.isBlank() ? null : CouponStatus.ofCode(status).orElseThrow(() ->
                ApiProblemException.invalid("status", "must be one of issued, redeemed, expired, revoked"));
        Cursor after = Cursor.of(page);
        return CursorPage.of(store.ofTemplate(templateId, s, code, after.issuedAt(), after.id(), page.limit() + 1),
                page.limit(), Cursor::after);
    }

    CursorPage<Coupon> ofCustomer(CustomerId customer, boolean availableOnly, PageRequest page) {
        Cursor after = Cursor.of(page);
        CustomerId survivor = customers.survivorOf(customer).orElse(customer);
        return CursorPage.of(store.ofCustomer(survivor, availableOnly, after.issuedAt(), after.id(), page.limit() + 1),
                page.limit(), Cursor::after);
    }

    /** Newest first: the position after a coupon is its issue time and id. */
    private record Cursor(Instant issuedAt, UUID id) {

        static Cursor of(PageRequest page) {
            if (page.cursorKey() == null) {
                return new Cursor(null, null);
            }
            String[] parts = page.cursorKey().split("/", 2);
            try {
                return new Cursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw ApiProblemException.invalid("cursor", "is not a cursor returned by this API");
            }
        }

        static String after(Coupon c) {
            return PageRequest.encode(c.issuedAt() + "/" + c.id());
        }
    }

    @Override
    public void reassign(CustomerId from, CustomerId to) {
        jdbc.sql("UPDATE coupon SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value()).update();
    }

    @Override
    public void restore(java.util.Collection<CustomerId> origins, CustomerId from, CustomerId to) {
        jdbc.sql("UPDATE coupon SET customer_id = ? WHERE customer_id = ? AND origin_customer_id = ANY (?::uuid[])")
                .params(to.value(), from.value(), origins.stream().map(CustomerId::value).toArray(UUID[]::new)).update();
    }
}
