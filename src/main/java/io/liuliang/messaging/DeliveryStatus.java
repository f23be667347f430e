package io.liuliang.messaging;

/**
 * A delivery's life: queued → sending → sent → delivered; failed (retried with backoff while attempts remain, or
 * refused by the carrier's receipt), dead (out of attempts, or its sender stopped mid-send, so whether it went out
 * is unknown: it is never sent again by itself), skipped (never queued, with a {@link SkipReason}).
 */
enum DeliveryStatus {
    QUEUED, SENDING, SENT, DELIVERED, FAILED, SKIPPED, DEAD;

    String code() {
        return Codes.of(this);
    }
}
