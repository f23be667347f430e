package io.liuliang.order;

import java.util.List;
import java.util.Set;

import io.liuliang.shared.CustomerId;

/**
 * What a bulk upsert did: one result per order, in the order given, the totals, and the customers whose orders were
 * created or changed (also announced as one {@link OrdersChanged}).
 */
public record BulkUpsertResult(List<UpsertResult> results, long created, long updated, long unchanged,
                               long refundsCreated, Set<CustomerId> changedCustomers) {

    public BulkUpsertResult {
        results = List.copyOf(results);
        changedCustomers = Set.copyOf(changedCustomers);
    }
}
