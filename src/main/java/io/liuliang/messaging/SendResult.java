package io.liuliang.messaging;

/** What a provider answered to one message. */
sealed interface SendResult {

    /** Taken; {@code providerMessageId} ties the receipts to the delivery. */
    record Accepted(String providerMessageId, String answer) implements SendResult {
    }

    /**
     * The address cannot receive messages (an SMTP 5xx for the recipient, a phone number the carrier calls invalid):
     * final, and the address is suppressed so that nothing is sent to it again.
     */
    record BadAddress(String error, String answer) implements SendResult {
    }

    /** Not taken; a retryable refusal (a timeout, a 5xx) is tried again with backoff, another is final. */
    record Refused(String error, String answer, boolean retryable) implements SendResult {
    }
}
