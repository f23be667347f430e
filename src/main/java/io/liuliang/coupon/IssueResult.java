package io.liuliang.coupon;

import java.util.UUID;

/**
 * The outcome of issuing to one requested customer: the coupon (for {@link IssueStatus#ISSUED} and
 * {@link IssueStatus#ALREADY_ISSUED}) or why not (for {@link IssueStatus#REJECTED}).
 */
public record IssueResult(UUID requestedCustomer, IssueStatus status, IssuedCoupon coupon, String reason) {
}
