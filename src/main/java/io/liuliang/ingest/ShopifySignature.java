package io.liuliang.ingest;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Shopify's webhook signature: the {@code X-Shopify-Hmac-Sha256} header is the base64 of HMAC-SHA256 over the raw
 * request body, keyed with the secret's UTF-8 bytes. It must be computed over the bytes exactly as received, never
 * over re-serialised JSON.
 */
final class ShopifySignature {

    static final String HEADER = "X-Shopify-Hmac-Sha256";
    private static final String ALGORITHM = "HmacSHA256";

    private ShopifySignature() {
    }

    /** The header value Shopify sends for this body. */
    static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(hmac(secret, body));
    }

    /** Whether {@code header} signs {@code body} with {@code secret}; compared in constant time. */
    static boolean verify(String secret, byte[] body, String header) {
        if (secret == null || secret.isEmpty() || body == null || header == null || header.isBlank()) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), given);
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
