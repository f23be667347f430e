package io.liuliang.messaging;

import java.util.List;
import java.util.UUID;

import io.liuliang.shared.CustomerId;

/**
 * One rendered message for a sender: the real address (never logged), subject (e-mail), body (HTML for e-mail, text
 * otherwise) and, for SMS, the provider template's code and parameters. {@code unsubscribeUrl} is set for marketing e-mail.
 */
record OutgoingMessage(UUID deliveryId, CustomerId customer, Purpose purpose, String address, String subject,
                       String body, String providerTemplate, List<SmsParam> params, String unsubscribeUrl, String source, String sourceRef) {

    OutgoingMessage {
        params = params == null ? List.of() : List.copyOf(params);
    }

    @Override
    public String toString() {
        return "OutgoingMessage[" + deliveryId + ", address=****]";
    }
}
