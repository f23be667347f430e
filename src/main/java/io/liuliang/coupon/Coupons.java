package io.liuliang.coupon;

import java.util.UUID;

import io.liuliang.shared.CustomerId;

/** The coupon module's face to other modules (journeys, loyalty): issue a coupon idempotently. */
public interface Coupons {

    /**
     * Issues one coupon of the template to the customer (or their survivor), once per {@code idempotencyKey}: the
     * same key again returns the coupon it issued ({@link IssueStatus#ALREADY_ISSUED}).
     *
     * @param source who issues, for statistics and the coupon's history (e.g. {@code journey})
     * @throws io.liuliang.shared.ApiProblemException 404 for an unknown template, 409 when it does not issue now
     */
    IssueResult issue(UUID templateId, CustomerId customer, String idempotencyKey, String source);

    /** The name of the coupon template with this id, if it exists. */
    java.util.Optional<String> templateName(UUID templateId);
}
