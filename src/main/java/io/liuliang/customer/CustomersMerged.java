package io.liuliang.customer;

import io.liuliang.shared.CustomerId;

/** {@code merged} became part of {@code survivor}; published inside the merge's transaction. */
public record CustomersMerged(CustomerId survivor, CustomerId merged) {
}
