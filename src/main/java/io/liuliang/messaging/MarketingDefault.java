package io.liuliang.messaging;

/**
 * What a customer without a recorded consent for a channel's marketing gets ({@code liuliang.messaging.marketing-default}).
 */
enum MarketingDefault {
    /** Marketing only after an explicit opt-in. */
    OPT_IN_REQUIRED,
    /** Marketing unless the customer opted out (the default: existing customers of the shop, with an unsubscribe in every message). */
    ALLOWED_UNLESS_OPTED_OUT
}
