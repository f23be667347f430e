package io.liuliang.shared;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How Liuliang signs the webhooks it sends (messages to a webhook channel, a journey's webhook action): the header
 * {@value #HEADER} carries {@code sha256=<hex HMAC-SHA256 of the body with the receiver's secret>}, and
 * {@value #DELIVERY_HEADER} the id a receiver de-duplicates retries by.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Liuliang-Signature";
    public static final String DELIVERY_HEADER = "X-Liuliang-Delivery";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The {@value #HEADER} value for this body. */
    public static String of(String secret, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
        }
    }
}
