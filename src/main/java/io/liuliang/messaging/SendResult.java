package io.liuliang.messaging;

/** What a provider answered to one message. */
sealed interface SendResult {

    /** Taken; {@code providerMessageId} ties the receipts to the delivery. */
    record Accepted(String providerMessageId, String answer) implements SendResult {
    }

    /** Not taken; a retryable refusal (a timeout, a 5xx) is tried again with backoff, another is final. */
    record Refused(String error, String answer, boolean retryable) implements SendResult {
    }
}
