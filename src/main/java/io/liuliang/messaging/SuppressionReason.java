package io.liuliang.messaging;

/** Why an address is suppressed. A hard bounce (or an invalid address) stops service messages too. */
enum SuppressionReason {
    HARD_BOUNCE, COMPLAINT, UNSUBSCRIBED, MANUAL, INVALID;

    boolean blocksService() {
        return this == HARD_BOUNCE || this == INVALID;
    }
}
