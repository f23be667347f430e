package io.liuliang.customer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

/** HMAC-SHA256 with the master key's {@code link-signing} sub-key over {@code purpose NUL payload}, cut to 16 bytes. */
@Component
class LinkSignatures implements Signatures {

    static final int SIGNATURE_BYTES = 16;
    private static final String HMAC = "HmacSHA256";

    private final SecretKey key;

    LinkSignatures(PiiKeys keys) {
        this.key = keys.signingKey();
    }

    @Override
    public String sign(String purpose, String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose, payload));
    }

    @Override
    public boolean verify(String purpose, String payload, String signature) {
        if (purpose == null || payload == null || signature == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(purpose, payload), given);
    }

    private byte[] mac(String purpose, String payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
