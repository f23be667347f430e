package io.liuliang.messaging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

import io.liuliang.customer.Signatures;
import io.liuliang.shared.CustomerId;

/**
 * The signed tokens of the links in messages: {@code base64url(payload).signature}. An unsubscribe token names a
 * customer and a channel kind, an open token a delivery, a click token a delivery and the URL it leads to (so the
 * click redirect can only go where the message pointed: no open redirect).
 */
@Component
class LinkTokens {

    static final String UNSUBSCRIBE = "msg-unsubscribe";
    static final String OPEN = "msg-open";
    static final String CLICK = "msg-click";

    private final Signatures signatures;

    LinkTokens(Signatures signatures) {
        this.signatures = signatures;
    }

    record Unsubscribe(CustomerId customer, ChannelKind channel) {
    }

    record Click(UUID delivery, String url) {
    }

    String unsubscribe(CustomerId customer, ChannelKind channel) {
        return token(UNSUBSCRIBE, customer.value() + ":" + channel.code());
    }

    String open(UUID delivery) {
        return token(OPEN, delivery.toString());
    }

    String click(UUID delivery, String url) {
        return token(CLICK, delivery + "\n" + url);
    }

    Optional<Unsubscribe> readUnsubscribe(String token) {
        return payload(UNSUBSCRIBE, token).flatMap(p -> {
            int cut = p.indexOf(':');
            try {
                return Codes.parse(ChannelKind.class, p.substring(cut + 1))
                        .map(kind -> new Unsubscribe(new CustomerId(UUID.fromString(p.substring(0, cut))), kind));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }

    Optional<UUID> readOpen(String token) {
        return payload(OPEN, token).flatMap(LinkTokens::uuid);
    }

    Optional<Click> readClick(String token) {
        return payload(CLICK, token).flatMap(p -> {
            int cut = p.indexOf('\n');
            return cut < 0 ? Optional.empty() : uuid(p.substring(0, cut)).map(id -> new Click(id, p.substring(cut + 1)));
        });
    }

    private String token(String purpose, String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + signatures.sign(purpose, payload);
    }

    private Optional<String> payload(String purpose, String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.lastIndexOf('.');
        if (dot <= 0) {
            return Optional.empty();
        }
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return signatures.verify(purpose, payload, token.substring(dot + 1)) ? Optional.of(payload) : Optional.empty();
    }

    private static Optional<UUID> uuid(String s) {
        try {
            return Optional.of(UUID.fromString(s));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
