/**
 * Loyalty: the program (how points are earned, when they expire, automatic enrolment), tiers qualified by rolling
 * 12-month net spend, points or orders (upgraded at once, downgraded by a periodic evaluation after an optional grace
 * period), members, and the points ledger: append-only entries (earn, spend, expire, adjust, reverse), each recorded
 * once per source ({@code points_source}), lots spent and expired first-in-first-out, a balance that never goes
 * negative and that is the sum of the ledger. Completed orders earn (points per currency unit × the tier's
 * multiplier); refunds and cancellations take back their share.
 * <p>
 * Publishes {@link io.liuliang.loyalty.TierChanged} for upgrades, downgrades and tiers at risk.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Loyalty")
package io.liuliang.loyalty;
