package io.liuliang.customer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts and decrypts personal data with AES-256-GCM.
 * <p>
 * Each value gets a fresh random 12-byte nonce, and the {@link PiiKind}'s name is the associated data,
 * so a phone ciphertext does not decrypt as an e-mail. The stored form is
 * {@code version (1 byte, = 1) || nonce (12 bytes) || ciphertext || tag (16 bytes)}; an empty string
 * encrypts to 29 bytes. A tampered, truncated or wrong-kind ciphertext, or one made with another master
 * key, throws {@link PiiDecryptionException}. {@code null} in gives {@code null} out.
 * <p>
 * Thread-safe: a {@link Cipher} is created per call.
 */
@Component
class PiiCipher {

    static final byte VERSION = 1;
    static final int NONCE_BYTES = 12;
    static final int TAG_BITS = 128;
    static final int OVERHEAD = 1 + NONCE_BYTES + TAG_BITS / 8;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    PiiCipher(PiiKeys keys) {
        this.key = keys.encryptionKey();
    }

    /** The stored form of {@code value}, or null if it is null. */
    byte[] encrypt(PiiKind kind, String value) {
        Objects.requireNonNull(kind, "kind");
        if (value == null) {
            return null;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] plain = value.getBytes(StandardCharsets.UTF_8);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(kind));
            byte[] out = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plain.length)];
            out[0] = VERSION;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            int n = cipher.doFinal(plain, 0, plain.length, out, 1 + NONCE_BYTES);
            if (n != out.length - 1 - NONCE_BYTES) {
                throw new IllegalStateException("AES-GCM wrote " + n + " bytes, expected " + (out.length - 1 - NONCE_BYTES));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is not available in this JVM", e);
        }
    }

    /**
     * The value of a stored form made by {@link #encrypt} with the same kind, or null if it is null.
     *
     * @throws PiiDecryptionException if it is malformed, was changed, is of another kind, or was made
     *         with another master key
     */
    String decrypt(PiiKind kind, byte[] stored) {
        Objects.requireNonNull(kind, "kind");
        if (stored == null) {
            return null;
        }
        if (stored.length < OVERHEAD) {
            throw new PiiDecryptionException("Cannot decrypt " + kind + ": the stored value is " + stored.length
                    + " bytes, shorter than the " + OVERHEAD + " bytes of an empty one");
        }
        if (stored[0] != VERSION) {
            throw new PiiDecryptionException("Cannot decrypt " + kind + ": unknown format version " + (stored[0] & 0xff)
                    + " (this version of Liuliang reads version " + VERSION + ")");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 1, NONCE_BYTES));
            cipher.updateAAD(associatedData(kind));
            byte[] plain = cipher.doFinal(stored, 1 + NONCE_BYTES, stored.length - 1 - NONCE_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new PiiDecryptionException("Cannot decrypt " + kind + ": the stored value fails its integrity check;"
                    + " it was changed, is not a " + kind + " value, or was encrypted with another master key", e);
        } catch (GeneralSecurityException e) {
            throw new PiiDecryptionException("Cannot decrypt " + kind + ": " + e.getMessage(), e);
        }
    }

    private static byte[] associatedData(PiiKind kind) {
        return kind.name().getBytes(StandardCharsets.US_ASCII);
    }
}
