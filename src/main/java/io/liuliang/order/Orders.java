package io.liuliang.order;

import java.util.List;

import io.liuliang.shared.CustomerId;

/** Orders for other modules: idempotent upserts from ingestion, and per-customer reads for the 360° view. */
public interface Orders {

    UpsertResult upsert(OrderUpsert order);

    CustomerOrderSummary summaryOf(CustomerId customer);

    List<OrderView> recentOf(CustomerId customer, int limit);
}
