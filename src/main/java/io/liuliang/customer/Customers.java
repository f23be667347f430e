package io.liuliang.customer;

import java.util.Optional;

import io.liuliang.shared.CustomerId;

/** The customer module's face to other modules: resolve records to customers, follow merges. */
public interface Customers {

    /** Resolves one record to a customer, creating or merging customers as One-ID requires. */
    Resolution identify(IdentifyRequest request);

    /** The customer that now stands for this id: itself, or the survivor it was merged into. */
    Optional<CustomerId> survivorOf(CustomerId id);
}
