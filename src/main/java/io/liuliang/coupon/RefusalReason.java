package io.liuliang.coupon;

/** Why a coupon cannot be redeemed or reversed: the {@code reason} of a {@code coupon-not-redeemable} problem. */
enum RefusalReason {
    ALREADY_REDEEMED("already_redeemed"),
    EXPIRED("expired"),
    NOT_YET_VALID("not_yet_valid"),
    REVOKED("revoked"),
    BELOW_THRESHOLD("below_threshold"),
    OUT_OF_SCOPE("out_of_scope"),
    BELOW_TIER("below_tier"),
    WRONG_CUSTOMER("wrong_customer"),
    CURRENCY_MISMATCH("currency_mismatch"),
    NOT_REDEEMED("not_redeemed"),
    OTHER_ORDER("other_order"),
    NOT_RESTORABLE("not_restorable");

    private final String code;

    RefusalReason(String code) {
        this.code = code;
    }

    String code() {
        return code;
    }
}
