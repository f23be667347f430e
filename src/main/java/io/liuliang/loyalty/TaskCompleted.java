package io.liuliang.loyalty;

import java.time.Instant;

import io.liuliang.shared.CustomerId;

/** A member completed a task (a check-in, a share, a review, a custom event) and earned its reward. */
public record TaskCompleted(CustomerId customer, String task, String periodKey, long points, Instant at) {
}
