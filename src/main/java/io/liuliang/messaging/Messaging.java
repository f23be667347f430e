package io.liuliang.messaging;

/**
 * The messaging module's face to other modules (journeys): queue one message from a template to a customer. The
 * message is written to the delivery queue in the caller's transaction and sent by the dispatcher afterwards, so a
 * rolled-back caller sends nothing; the idempotency key makes a retry or a second app instance queue it once.
 */
public interface Messaging {

    /**
     * Queues the template's message for the customer unless consent, suppression, the frequency caps or a missing
     * address forbid it (then nothing is queued and the outcome says why). A marketing message due in the customer's
     * quiet hours is queued for after them. The same {@code idempotencyKey} again answers the first outcome's
     * delivery ({@link SendOutcome.AlreadyQueued}).
     *
     * @throws io.liuliang.shared.ApiProblemException 404 for an unknown template
     */
    SendOutcome send(SendRequest request);

    /**
     * {@link #send} for many messages in one go (a few queries for the whole list, however long): the outcomes in the
     * order of the requests, each as {@link #send} would answer it if they were sent one after another (a second
     * request with a key already in the list answers the first one's delivery).
     *
     * @throws io.liuliang.shared.ApiProblemException 404 for an unknown template or customer (nothing is queued)
     */
    java.util.List<SendOutcome> sendAll(java.util.List<SendRequest> requests);

    /** The name of the message template with this id, if it exists (journeys check their references with it). */
    java.util.Optional<String> templateName(java.util.UUID templateId);
}
