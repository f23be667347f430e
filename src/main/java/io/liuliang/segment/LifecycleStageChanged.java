package io.liuliang.segment;

import java.time.Instant;

import io.liuliang.shared.CustomerId;

/**
 * One recorded lifecycle change, in {@code seq} order ({@code from} is null for a customer seen the first time).
 * Announced in ranges by {@link LifecycleStagesChanged}; read through {@link CustomerMetrics#lifecycleChanges}.
 */
public record LifecycleStageChanged(long seq, CustomerId customer, LifecycleStage from, LifecycleStage to, Instant changedAt) {
}
