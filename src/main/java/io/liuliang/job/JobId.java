package io.liuliang.job;

import java.util.UUID;

/** Identifies a background job. */
public record JobId(UUID value) {

    public static JobId random() {
        return new JobId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
