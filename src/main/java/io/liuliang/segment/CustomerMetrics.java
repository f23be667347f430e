package io.liuliang.segment;

import java.util.List;
import java.util.Optional;

import io.liuliang.shared.CustomerId;

/** Customer metrics, RFM and lifecycle for other modules. */
public interface CustomerMetrics {

    /** The metrics of a live customer, once computed (within seconds of the customer's first order or event). */
    Optional<MetricsView> of(CustomerId customer);

    /** Recorded lifecycle changes after {@code afterSeq}, oldest first. */
    List<LifecycleStageChanged> lifecycleChanges(long afterSeq, int limit);
}
