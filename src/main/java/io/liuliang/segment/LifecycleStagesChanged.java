package io.liuliang.segment;

/**
 * Lifecycle changes {@code firstSeq..lastSeq} were recorded (a daily pass may move many customers at once, so the
 * event names the range; read the changes with {@link CustomerMetrics#lifecycleChanges}).
 */
public record LifecycleStagesChanged(long firstSeq, long lastSeq, int count) {
}
