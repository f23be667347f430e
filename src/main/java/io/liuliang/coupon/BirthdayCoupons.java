package io.liuliang.coupon;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.liuliang.loyalty.BirthdayCouponsDue;
import io.liuliang.shared.ApiProblemException;

/**
 * Issues the birthday coupon of each member's tier, once per member and year (the issue key), so a redelivered
 * announcement issues nothing twice. A template that does not issue now (paused, ended) is logged and skipped.
 */
@Component
class BirthdayCoupons {

    private static final Logger log = LoggerFactory.getLogger(BirthdayCoupons.class);

    private final CouponIssuer issuer;
    private final org.springframework.transaction.support.TransactionTemplate tx;

    BirthdayCoupons(CouponIssuer issuer, org.springframework.transaction.PlatformTransactionManager transactions) {
        this.issuer = issuer;
        // each template in its own transaction: one that does not issue must not undo the others
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.tx.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @ApplicationModuleListener
    void on(BirthdayCouponsDue due) {
        java.util.Map<java.util.UUID, java.util.List<java.util.UUID>> byTemplate = new java.util.LinkedHashMap<>();
        due.members().forEach(m -> byTemplate.computeIfAbsent(m.couponTemplateId(), t -> new java.util.ArrayList<>())
                .add(m.customer().value()));
        byTemplate.forEach((template, customers) -> {
            try {
                Long issued = tx.execute(s -> issuer.issue(template, customers, "birthday:" + due.year(), "birthday")
                        .stream().filter(r -> r.status() == IssueStatus.ISSUED).count());
                log.info("Birthday coupons of template {}: {} issued to {} members", template, issued, customers.size());
            } catch (ApiProblemException e) {
                log.warn("Birthday coupons of template {} not issued: {}", template, e.getMessage());
            }
        });
    }
}
