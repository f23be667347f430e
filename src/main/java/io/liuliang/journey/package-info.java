/**
 * Journeys: an operator's graph of an entry trigger, waits, condition and A/B splits, actions (message, coupon,
 * points, tag, field, staff task, webhook) and exits, published in frozen versions and run for every customer who
 * enters. The engine keeps enrolments and their due times in PostgreSQL; workers claim due enrolments with
 * {@code FOR UPDATE SKIP LOCKED}; every side effect is keyed by enrolment and node, so a retry, a crash or a second
 * instance never repeats it. Orders after a journey's messages count as its conversions (attribution per variant).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Journeys")
package io.liuliang.journey;
