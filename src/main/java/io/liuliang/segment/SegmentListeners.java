package io.liuliang.segment;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.liuliang.customer.CustomerUnmerged;
import io.liuliang.customer.CustomersMerged;
import io.liuliang.event.EventsRecorded;
import io.liuliang.order.OrdersChanged;
import io.liuliang.shared.CustomerId;

/**
 * Marks the customers of announced changes for a segment re-check ({@link SegmentWorker} drains the marks within a
 * fraction of a second). Idempotent: marking twice is marking once. New events also mark their customers' metrics
 * for a recompute, in the same listener: one event publication (and its three small transactions) per stored
 * group of events rather than two.
 */
@Component
class SegmentListeners {

    private final SegmentWorker worker;
    private final MetricsService metrics;

    SegmentListeners(SegmentWorker worker, MetricsService metrics) {
        this.worker = worker;
        this.metrics = metrics;
    }

    @ApplicationModuleListener
    void on(CustomerMetricsChanged event) {
        worker.mark(ids(event.customers()), false);
    }

    @ApplicationModuleListener
    void on(OrdersChanged event) {
        worker.mark(ids(event.customers()), false);
    }

    @ApplicationModuleListener
    void on(EventsRecorded event) {
        metrics.mark(event.customers());
        worker.mark(ids(event.customers()), true);
    }

    /** Stages moved by the daily recompute or new thresholds: no fact of these customers changed, their stage did. */
    @ApplicationModuleListener
    void on(LifecycleStagesChanged event) {
        worker.markStageChanges(event.firstSeq(), event.lastSeq());
    }

    @ApplicationModuleListener
    void on(CustomersMerged event) {
        worker.mark(List.of(event.survivor().value(), event.merged().value()), false);
    }

    @ApplicationModuleListener
    void on(CustomerUnmerged event) {
        worker.mark(List.of(event.survivor().value(), event.restored().value()), false);
    }

    private static List<UUID> ids(Set<CustomerId> customers) {
        return customers.stream().filter(java.util.Objects::nonNull).map(CustomerId::value).toList();
    }
}
