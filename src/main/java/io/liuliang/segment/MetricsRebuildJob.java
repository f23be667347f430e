package io.liuliang.segment;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;

/**
 * Rebuilds every customer's metrics from orders and events in customer id order, checkpointing the last id so a
 * restarted job resumes; then recomputes the RFM scale and lifecycle stages. Safe to repeat: unchanged customers
 * are not written.
 */
@Component
class MetricsRebuildJob implements JobHandler {

    static final String TYPE = "segment.metrics-rebuild";

    private final MetricsService metrics;

    MetricsRebuildJob(MetricsService metrics) {
        this.metrics = metrics;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) {
        long total = metrics.liveCustomers();
        UUID resume = context.checkpoint().map(c -> UUID.fromString(c.replace("\"", ""))).orElse(null);
        context.progress(0, total);
        metrics.rebuildAll(resume, done -> {
            context.checkCancelled();
            context.progress(Math.min(done, total), total);
        }, last -> context.checkpoint("\"" + last + "\"", 0));
        context.progress(total, total);
    }
}
