package io.liuliang.loyalty;

import java.time.Instant;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/**
 * A member's tier changed ({@code upgraded}, {@code downgraded}) or will be lowered at {@code downgradeDueAt} unless
 * they qualify again ({@code at_risk}). Tiers are given by code; null is no tier.
 */
public record TierChanged(CustomerId customer, String change, String fromTier, String toTier, Instant downgradeDueAt,
                          Instant at) {
}
