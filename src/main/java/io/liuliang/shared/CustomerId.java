package io.liuliang.shared;

import java.util.UUID;

/** Identifies a customer (one person, after One-ID resolution). The natural distribution key of the schema. */
public record CustomerId(UUID value) {

    public static CustomerId random() {
        return new CustomerId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
