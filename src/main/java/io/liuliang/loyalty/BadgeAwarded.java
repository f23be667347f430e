package io.liuliang.loyalty;

import java.time.Instant;

import io.liuliang.shared.CustomerId;

/** A member unlocked a badge (once). */
public record BadgeAwarded(CustomerId customer, String badge, String name, Instant at) {
}
