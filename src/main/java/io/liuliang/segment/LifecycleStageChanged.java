package io.liuliang.segment;

import java.time.Instant;

import io.liuliang.shared.CustomerId;

/** A customer moved from one lifecycle stage to another ({@code from} is null for a customer seen the first time). */
public record LifecycleStageChanged(CustomerId customer, LifecycleStage from, LifecycleStage to, Instant changedAt) {
}
