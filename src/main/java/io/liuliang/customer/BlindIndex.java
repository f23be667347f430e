package io.liuliang.customer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

/**
 * Blind indexes for exact lookup of encrypted values: {@code HMAC-SHA256(indexKey, namespace + ':' + value)},
 * 32 bytes, deterministic for one master key.
 * <p>
 * For personal data the namespace is the {@link PiiKind}'s name ({@code "PHONE:+8613812345678"}), so equal
 * strings of different kinds get different indexes; values must be normalised first ({@link PiiNormalizer}).
 * Other identity types use their own namespace, e.g. {@code "identity:platform_buyer_id"}. Namespaces are
 * fixed code constants: {@code of(PiiKind.PHONE, v)} equals {@code of("PHONE", v)}, and a namespace must not
 * be another namespace followed by {@code ':'} and more. The value is UTF-8 encoded. {@code null} in gives
 * {@code null} out.
 * <p>
 * Thread-safe and allocation-light for bulk imports: each thread keeps its own {@link Mac}, cloned from a
 * prototype initialised once.
 */
@Component
class BlindIndex {

    static final int LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    private final SecretKey key;
    private final Mac prototype;
    private final ThreadLocal<Mac> macs;
    private final byte[][] kindPrefixes;

    BlindIndex(PiiKeys keys) {
        this.key = keys.blindIndexKey();
        this.prototype = newMac(key);
        this.macs = ThreadLocal.withInitial(this::copyOfPrototype);
        PiiKind[] kinds = PiiKind.values();
        this.kindPrefixes = new byte[kinds.length][];
        for (PiiKind kind : kinds) {
            kindPrefixes[kind.ordinal()] = prefix(kind.name());
        }
    }

    /** The index of a normalised personal-data value, or null if it is null. */
    byte[] of(PiiKind kind, String normalizedValue) {
        Objects.requireNonNull(kind, "kind");
        return normalizedValue == null ? null : hmac(kindPrefixes[kind.ordinal()], normalizedValue);
    }

    /** The index of a value in a non-PII namespace (e.g. {@code "identity:platform_buyer_id"}), or null if it is null. */
    byte[] of(String namespace, String value) {
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("A blind index needs a namespace");
        }
        return value == null ? null : hmac(prefix(namespace), value);
    }

    private byte[] hmac(byte[] prefix, String value) {
        Mac mac = macs.get();
        mac.update(prefix);
        mac.update(value.getBytes(StandardCharsets.UTF_8));
        return mac.doFinal();
    }

    private static byte[] prefix(String namespace) {
        return (namespace + ':').getBytes(StandardCharsets.UTF_8);
    }

    private Mac copyOfPrototype() {
        try {
            synchronized (prototype) {
                return (Mac) prototype.clone();
            }
        } catch (CloneNotSupportedException e) {
            return newMac(key);
        }
    }

    private static Mac newMac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
