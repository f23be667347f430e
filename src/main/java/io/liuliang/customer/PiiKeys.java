package io.liuliang.customer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The keys of the PII vault.
 * <p>
 * The 32-byte master key comes, in this order, from
 * <ol>
 * <li>the property {@code liuliang.master-key} (environment variable {@code LIULIANG_MASTER_KEY}),
 * the base64 of exactly 32 bytes;</li>
 * <li>the file {@code <liuliang.data-dir>/keys/master.key}, holding the same base64 text;</li>
 * <li>failing both, a new random key, written to that file (owner read/write only) with a WARN that
 * it must be backed up: losing it makes the stored personal data unreadable.</li>
 * </ol>
 * A malformed key (not base64, or not 32 bytes) fails start-up with an {@link IllegalStateException}
 * that names its source.
 * <p>
 * The master key itself is never used directly. Three independent 32-byte sub-keys are derived from it
 * with HKDF-SHA256 (RFC 5869; extract with the salt {@code "liuliang-v1"}, expand with the info
 * {@code "pii-encryption"}, {@code "pii-blind-index"} and {@code "link-signing"}): one for {@link PiiCipher}, one
 * for {@link BlindIndex}, one for {@link LinkSignatures}. Tests build one without Spring with {@link #fromMasterKey(byte[])}.
 */
@Component
final class PiiKeys {

    static final int KEY_BYTES = 32;
    static final String ENV_VAR = "LIULIANG_MASTER_KEY";
    static final String KEY_FILE = "keys/master.key";
    static final byte[] SALT = "liuliang-v1".getBytes(StandardCharsets.US_ASCII);
    static final byte[] ENCRYPTION_INFO = "pii-encryption".getBytes(StandardCharsets.US_ASCII);
    static final byte[] BLIND_INDEX_INFO = "pii-blind-index".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SIGNING_INFO = "link-signing".getBytes(StandardCharsets.US_ASCII);

    private static final Logger log = LoggerFactory.getLogger(PiiKeys.class);
    private static final String HMAC = "HmacSHA256";
    private static final int HASH_BYTES = 32;

    private final SecretKey encryptionKey;
    private final SecretKey blindIndexKey;
    private final SecretKey signingKey;

    /**
     * Reads the master key from {@code liuliang.master-key}, else from {@code <dataDir>/keys/master.key},
     * generating that file if it does not exist.
     *
     * @param masterKey the base64 master key, or null/blank to use the key file
     * @param dataDir the data directory that holds {@code keys/master.key}
     */
    @Autowired
    PiiKeys(@Value("${liuliang.master-key:}") String masterKey, @Value("${liuliang.data-dir:./data}") Path dataDir) {
        this(loadMasterKey(masterKey, dataDir));
    }

    private PiiKeys(byte[] masterKey) {
        try {
            byte[] prk = hkdfExtract(SALT, masterKey);
            byte[] enc = hkdfExpand(prk, ENCRYPTION_INFO, KEY_BYTES);
            byte[] idx = hkdfExpand(prk, BLIND_INDEX_INFO, KEY_BYTES);
            byte[] sig = hkdfExpand(prk, SIGNING_INFO, KEY_BYTES);
            this.encryptionKey = new SecretKeySpec(enc, "AES");
            this.blindIndexKey = new SecretKeySpec(idx, HMAC);
            this.signingKey = new SecretKeySpec(sig, HMAC);
            Arrays.fill(prk, (byte) 0);
            Arrays.fill(enc, (byte) 0);
            Arrays.fill(idx, (byte) 0);
            Arrays.fill(sig, (byte) 0);
        } finally {
            Arrays.fill(masterKey, (byte) 0);
        }
    }

    /**
     * Keys derived from raw master-key bytes, without Spring, files or environment (for tests and tools).
     *
     * @param masterKey exactly 32 bytes; the array is copied, not kept
     * @throws IllegalArgumentException if it is not 32 bytes long
     */
    static PiiKeys fromMasterKey(byte[] masterKey) {
        if (masterKey == null || masterKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("The master key must be exactly " + KEY_BYTES + " bytes, got "
                    + (masterKey == null ? "none" : masterKey.length + " bytes"));
        }
        return new PiiKeys(masterKey.clone());
    }

    /** The AES-256 key of {@link PiiCipher}. */
    SecretKey encryptionKey() {
        return encryptionKey;
    }

    /** The HMAC-SHA256 key of {@link BlindIndex}. */
    SecretKey blindIndexKey() {
        return blindIndexKey;
    }

    /** The HMAC-SHA256 key of {@link LinkSignatures} (signed links such as unsubscribe and tracking links). */
    SecretKey signingKey() {
        return signingKey;
    }

    @Override
    public String toString() {
        return "PiiKeys[****]";
    }

    // ---- loading ----

    /** The master key from the configured value, else from the key file, generating it when absent. */
    static byte[] loadMasterKey(String configured, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return decode(configured, ENV_VAR + " (liuliang.master-key)");
        }
        Path file = dataDir.resolve(KEY_FILE).toAbsolutePath().normalize();
        if (Files.exists(file)) {
            return read(file);
        }
        return generate(file);
    }

    private static byte[] read(Path file) {
        try {
            return decode(Files.readString(file, StandardCharsets.US_ASCII), "the key file " + file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the master key file " + file + ": " + e.getMessage()
                    + ". Make it readable, or set " + ENV_VAR + ".", e);
        }
    }

    private static byte[] decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The master key in " + source + " is not valid base64. It must be the"
                    + " base64 of exactly " + KEY_BYTES + " random bytes (e.g. the output of `openssl rand -base64 "
                    + KEY_BYTES + "`).", e);
        }
        if (key.length != KEY_BYTES) {
            int length = key.length;
            Arrays.fill(key, (byte) 0);
            throw new IllegalStateException("The master key in " + source + " is " + length + " bytes long; it must"
                    + " be the base64 of exactly " + KEY_BYTES + " bytes (e.g. the output of `openssl rand -base64 "
                    + KEY_BYTES + "`).");
        }
        return key;
    }

    /**
     * Writes a new random key to {@code file} without ever replacing an existing one: the key goes to a
     * private temporary file first, which is then linked (or, where links are not supported, moved) to its
     * name. If another process won the race, its key is used.
     */
    private static byte[] generate(Path file) {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path dir = file.getParent();
        Path tmp = null;
        try {
            createPrivateDirectory(dir);
            tmp = createPrivateFile(dir);
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + System.lineSeparator(),
                    StandardCharsets.US_ASCII);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                Arrays.fill(key, (byte) 0);
                return read(file);
            } catch (UnsupportedOperationException | IOException e) {
                Files.move(tmp, file);
                tmp = null;
            }
        } catch (FileAlreadyExistsException e) {
            Arrays.fill(key, (byte) 0);
            return read(file);
        } catch (IOException e) {
            throw new IllegalStateException("No master key is set and none could be written to " + file + ": "
                    + e.getMessage() + ". Set " + ENV_VAR + " to the base64 of " + KEY_BYTES
                    + " random bytes, or make " + dir + " writable.", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    log.debug("Could not remove the temporary key file {}", tmp, e);
                }
            }
        }
        log.warn("Generated a new master key at {}. Back it up now and keep it with the database backups:"
                + " losing it makes the stored personal data (phones, e-mails, names, addresses) unreadable."
                + " To manage the key yourself, set {} instead.", file, ENV_VAR);
        return key;
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(dir);
        }
    }

    private static Path createPrivateFile(Path dir) throws IOException {
        try {
            return Files.createTempFile(dir, ".master.key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            log.debug("File permissions are not POSIX here; the master key file keeps its default permissions");
            return Files.createTempFile(dir, ".master.key", ".tmp");
        }
    }

    // ---- HKDF (RFC 5869) with HMAC-SHA256 ----

    /** HKDF-Extract: {@code PRK = HMAC-SHA256(salt, ikm)}; an empty salt means 32 zero bytes. */
    static byte[] hkdfExtract(byte[] salt, byte[] ikm) {
        byte[] s = salt == null || salt.length == 0 ? new byte[HASH_BYTES] : salt;
        return hmac(s).doFinal(ikm);
    }

    /**
     * HKDF-Expand: {@code T(i) = HMAC-SHA256(prk, T(i-1) || info || i)}, the first {@code length} bytes of
     * {@code T(1) || T(2) || ...}.
     */
    static byte[] hkdfExpand(byte[] prk, byte[] info, int length) {
        if (length < 0 || length > 255 * HASH_BYTES) {
            throw new IllegalArgumentException("HKDF-SHA256 can expand to at most " + 255 * HASH_BYTES + " bytes");
        }
        Mac mac = hmac(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info == null ? new byte[0] : info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
