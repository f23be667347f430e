package io.liuliang.customer;

import io.liuliang.shared.CustomerId;

/** A merge was undone: {@code restored} is a customer of its own again, split from {@code survivor}. */
public record CustomerUnmerged(CustomerId survivor, CustomerId restored) {
}
