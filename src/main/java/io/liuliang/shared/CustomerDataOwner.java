package io.liuliang.shared;

import java.util.Collection;

/**
 * Implemented by every module that keeps data per customer (orders, events, tags, ...), so that a One-ID merge can
 * move that data to the surviving customer and an unmerge can give it back. Rows carry the customer they were
 * first attributed to (their origin); an unmerge moves back the rows whose origin lies in the restored customer's
 * subtree. Both calls run inside the merge's transaction.
 */
public interface CustomerDataOwner {

    /** Moves everything owned by {@code from} to {@code to}. */
    void reassign(CustomerId from, CustomerId to);

    /** Moves the rows owned by {@code from} whose origin is one of {@code origins} to {@code to}. */
    void restore(Collection<CustomerId> origins, CustomerId from, CustomerId to);
}
