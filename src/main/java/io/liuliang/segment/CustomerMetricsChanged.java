package io.liuliang.segment;

import java.util.Set;

import io.liuliang.shared.CustomerId;

/** The metrics (and so possibly RFM scores and lifecycle stage) of these customers were recomputed and changed. */
public record CustomerMetricsChanged(Set<CustomerId> customers) {

    public CustomerMetricsChanged {
        customers = Set.copyOf(customers);
    }
}
