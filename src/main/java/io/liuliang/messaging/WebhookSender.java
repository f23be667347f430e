package io.liuliang.messaging;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * Signed webhooks (and app push through a webhook): the message as JSON, POSTed with
 * {@code X-Liuliang-Signature: sha256=<hex HMAC-SHA256 of the body, keyed with the channel's secret>} and
 * {@code X-Liuliang-Delivery: <delivery id>}. A 2xx answer is sent; its {@code X-Request-Id} header is not read: the
 * delivery id is the message id.
 */
@Component
class WebhookSender implements ChannelSender {

    static final String SIGNATURE_HEADER = io.liuliang.shared.WebhookSignature.HEADER;
    static final String DELIVERY_HEADER = io.liuliang.shared.WebhookSignature.DELIVERY_HEADER;

    private final ProviderHttp http;
    private final JsonMapper json;
    private final Clock clock;

    WebhookSender(ProviderHttp http, JsonMapper json, Clock clock) {
        this.http = http;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public boolean sends(ChannelType type) {
        return type == ChannelType.WEBHOOK || type == ChannelType.PUSH_WEBHOOK;
    }

    /** The JSON body. {@code type} is {@code message} or {@code push}. */
    record Body(String type, UUID deliveryId, UUID customerId, String purpose, String title, String body,
                String source, String sourceRef, Instant sentAt) {
    }

    @Override
    public SendResult send(Channel channel, OutgoingMessage message) {
        ChannelConfig.Webhook config = (ChannelConfig.Webhook) channel.config();
        String payload = json.writeValueAsString(new Body(channel.type() == ChannelType.PUSH_WEBHOOK ? "push" : "message",
                message.deliveryId(), message.customer() == null ? null : message.customer().value(),
                Codes.of(message.purpose()), message.subject(), message.body(), message.source(), message.sourceRef(),
                clock.instant()));
        try {
            ProviderHttp.Answer answer = http.post(URI.create(config.url()), Map.of("Content-Type", "application/json",
                    SIGNATURE_HEADER, signature(config.secret(), payload), DELIVERY_HEADER, message.deliveryId().toString()),
                    payload);
            return answer.ok() ? new SendResult.Accepted(message.deliveryId().toString(), answer.summary())
                    : ProviderHttp.refusedFor(answer);
        } catch (IOException e) {
            return ProviderHttp.unreachable(e);
        }
    }

    static String signature(String secret, String payload) {
        return io.liuliang.shared.WebhookSignature.of(secret, payload);
    }
}
