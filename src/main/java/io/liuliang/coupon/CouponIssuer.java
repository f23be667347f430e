package io.liuliang.coupon;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Customers;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.TimeOrderedIds;

/**
 * Issues coupons of one template to a batch of customers, set-based, inside the caller's transaction. The template
 * row is locked first, so issuances of one template queue and its stock and per-customer limits hold under
 * concurrency. Every coupon carries an issue key ({@code <prefix>:<customer>}): the same issuance again returns the
 * coupons it already issued and issues nothing. Customers merged away get their coupon as their survivor.
 */
@Component
class CouponIssuer {

    /** Attempts at fresh codes for the few rows whose random code was taken (80 bits: practically never). */
    private static final int CODE_ATTEMPTS = 5;

    private final JdbcClient jdbc;
    private final CouponTemplateStore templates;
    private final Customers customers;
    private final io.liuliang.loyalty.MemberTiers tiers;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    CouponIssuer(JdbcClient jdbc, CouponTemplateStore templates, Customers customers, io.liuliang.loyalty.MemberTiers tiers,
                 ApplicationEventPublisher publisher, Clock clock) {
        this.tiers = tiers;
        this.jdbc = jdbc;
        this.templates = templates;
        this.customers = customers;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Issues one coupon of {@code templateId} to each of {@code requested} (in that order), with issue keys
     * {@code keyPrefix:<customer>}; the results are in the order of the request.
     *
     * @throws ApiProblemException 404 for an unknown template, 409 when it is not active or its validity has ended
     */
    @Transactional(propagation = Propagation.REQUIRED)
    List<IssueResult> issue(UUID templateId, List<UUID> requested, String keyPrefix, String source) {
        CouponTemplate template = templates.lock(templateId)
                .orElseThrow(() -> ApiProblemException.notFound("coupon template", templateId));
        Instant now = clock.instant();
        if (template.status() != TemplateStatus.ACTIVE) {
            throw ApiProblemException.conflict("coupon template " + template.name() + " is " + template.status().code()
                    + ": only active templates issue coupons");
        }
        if (template.validityType() == ValidityType.FIXED && !template.validUntil().isAfter(now)) {
            throw ApiProblemException.conflict("coupon template " + template.name() + " was valid until "
                    + template.validUntil() + ": its coupons can no longer be issued");
        }
        Map<CustomerId, CustomerId> survivors = customers.survivorsOf(
                requested.stream().map(CustomerId::new).collect(java.util.stream.Collectors.toSet()));
        // the survivor of each requested customer, once, in request order
        Map<UUID, String> keyOf = new LinkedHashMap<>();
        for (UUID id : requested) {
            CustomerId survivor = survivors.get(new CustomerId(id));
            if (survivor != null) {
                keyOf.putIfAbsent(survivor.value(), keyPrefix + ":" + survivor.value());
            }
        }
        Map<UUID, IssuedCoupon> done = new HashMap<>();
        Set<UUID> already = new java.util.HashSet<>();
        if (!keyOf.isEmpty()) {
            jdbc.sql("SELECT id, code, customer_id, valid_until FROM coupon WHERE template_id = ? AND issue_key = ANY (?::text[])")
                    .params(templateId, keyOf.values().toArray(String[]::new))
                    .query(rs -> {
                        UUID customer = rs.getObject(3, UUID.class);
                        done.put(customer, new IssuedCoupon(rs.getObject(1, UUID.class), rs.getString(2), templateId,
                                new CustomerId(customer), rs.getTimestamp(4).toInstant()));
                        already.add(customer);
                    });
        }
        List<UUID> candidates = keyOf.keySet().stream().filter(c -> !done.containsKey(c)).toList();
        Map<UUID, String> refused = new HashMap<>();
        if (!candidates.isEmpty()) {
            Map<UUID, Integer> held = new HashMap<>();
            jdbc.sql("SELECT customer_id, count(*) FROM coupon WHERE template_id = ? AND customer_id = ANY (?::uuid[]) "
                            + "AND status <> 'revoked' GROUP BY customer_id")
                    .params(templateId, candidates.toArray(UUID[]::new))
                    .query(rs -> {
                        held.put(rs.getObject(1, UUID.class), rs.getInt(2));
                    });
            Map<CustomerId, Integer> ranks = template.minTier() == null ? Map.of()
                    : tiers.ranksOf(candidates.stream().map(CustomerId::new).toList());
            Integer minRank = template.minTier() == null ? null : tiers.rankOf(template.minTier()).orElse(Integer.MAX_VALUE);
            List<UUID> eligible = new ArrayList<>();
            for (UUID c : candidates) {
                int n = held.getOrDefault(c, 0);
                if (minRank != null && ranks.getOrDefault(new CustomerId(c), Integer.MIN_VALUE) < minRank) {
                    refused.put(c, "below the loyalty tier " + template.minTier() + " this coupon needs");
                } else if (n >= template.perCustomerLimit()) {
                    refused.put(c, "already holds " + n + " of this coupon (limit " + template.perCustomerLimit()
                            + " per customer)");
                } else {
                    eligible.add(c);
                }
            }
            Integer remaining = template.remainingStock();
            if (remaining != null && eligible.size() > remaining) {
                for (UUID c : eligible.subList(Math.max(0, remaining), eligible.size())) {
                    refused.put(c, "out of stock: all " + template.totalStock() + " coupons have been issued");
                }
                eligible = new ArrayList<>(eligible.subList(0, Math.max(0, remaining)));
            }
            List<IssuedCoupon> issued = insert(template, eligible, keyOf, source, now);
            if (!issued.isEmpty()) {
                templates.addIssued(templateId, issued.size());
                issued.forEach(c -> done.put(c.customer().value(), c));
                publisher.publishEvent(new CouponsIssued(source, issued));
            }
        }
        List<IssueResult> results = new ArrayList<>(requested.size());
        Set<UUID> reported = new java.util.HashSet<>();
        for (UUID id : requested) {
            CustomerId survivor = survivors.get(new CustomerId(id));
            if (survivor == null) {
                results.add(new IssueResult(id, IssueStatus.REJECTED, null, "no customer " + id));
                continue;
            }
            UUID s = survivor.value();
            IssuedCoupon coupon = done.get(s);
            if (coupon == null) {
                results.add(new IssueResult(id, IssueStatus.REJECTED, null, refused.get(s)));
            } else if (already.contains(s) || !reported.add(s)) {
                results.add(new IssueResult(id, IssueStatus.ALREADY_ISSUED, coupon, null));
            } else {
                results.add(new IssueResult(id, IssueStatus.ISSUED, coupon, null));
            }
        }
        return results;
    }

    private List<IssuedCoupon> insert(CouponTemplate template, List<UUID> customers, Map<UUID, String> keyOf,
                                      String source, Instant now) {
        List<IssuedCoupon> issued = new ArrayList<>();
        Instant from = template.validFromFor(now);
        Instant until = template.validUntilFor(now);
        List<UUID> pending = customers;
        for (int attempt = 0; attempt < CODE_ATTEMPTS && !pending.isEmpty(); attempt++) {
            int n = pending.size();
            UUID[] ids = new UUID[n];
            String[] codes = new String[n];
            String[] keys = new String[n];
            for (int i = 0; i < n; i++) {
                ids[i] = TimeOrderedIds.next();
                codes[i] = CouponCodes.next();
                keys[i] = keyOf.get(pending.get(i));
            }
            Set<UUID> stored = new LinkedHashSet<>();
            jdbc.sql("""
                    INSERT INTO coupon (id, code, template_id, customer_id, origin_customer_id, source, issue_key,
                                        issued_at, valid_from, valid_until)
                    SELECT i.id, i.code, ?, i.customer, i.customer, ?, i.key, ?, ?, ?
                    FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[]) AS i(id, code, customer, key)
                    ON CONFLICT DO NOTHING
                    RETURNING id""")
                    .params(template.id(), source, CouponTemplateStore.ts(now), CouponTemplateStore.ts(from),
                            CouponTemplateStore.ts(until), ids, codes, pending.toArray(UUID[]::new), keys)
                    .query(rs -> {
                        stored.add(rs.getObject(1, UUID.class));
                    });
            List<UUID> retry = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (stored.contains(ids[i])) {
                    issued.add(new IssuedCoupon(ids[i], codes[i], template.id(), new CustomerId(pending.get(i)), until));
                } else {
                    retry.add(pending.get(i));
                }
            }
            pending = retry;
        }
        if (!pending.isEmpty()) {
            throw new IllegalStateException(pending.size() + " coupons could not get a unique code");
        }
        return issued;
    }
}
