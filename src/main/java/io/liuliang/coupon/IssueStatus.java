package io.liuliang.coupon;

/** What an issuance did for one customer. */
public enum IssueStatus {
    /** A new coupon was issued. */
    ISSUED,
    /** This issuance (its key) had already issued one: the same coupon is returned, nothing new is issued. */
    ALREADY_ISSUED,
    /** None was issued: unknown customer, the per-customer limit, or the stock ran out. */
    REJECTED
}
