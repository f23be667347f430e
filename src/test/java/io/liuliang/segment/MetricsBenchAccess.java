package io.liuliang.segment;

import java.util.UUID;

import org.springframework.context.ApplicationContext;

/** Lets benchmarks in another package drive the package-private metrics service. */
public class MetricsBenchAccess {

    private final MetricsService metrics;
    private final MetricsSettingsStore settings;

    public MetricsBenchAccess(ApplicationContext context) {
        this.metrics = context.getBean(MetricsService.class);
        this.settings = context.getBean(MetricsSettingsStore.class);
    }

    public record Timing(double scaleSeconds, double stageSeconds, int stageChanges) {
    }

    public void rebuildAll() {
        metrics.rebuildAll(null, done -> { }, (UUID last) -> { });
    }

    public Timing recomputeAll() {
        MetricsService.Recompute r = metrics.recomputeAll(settings.get());
        return new Timing(r.scaleTime().toNanos() / 1e9, r.stageTime().toNanos() / 1e9, r.stageChanges());
    }
}
