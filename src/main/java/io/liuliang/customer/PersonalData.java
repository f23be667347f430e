package io.liuliang.customer;

/**
 * The PII vault for other modules: encrypts personal data (order receivers, ...) and masks it for display, with
 * the same keys and rules as customers' own data.
 */
public interface PersonalData {

    /** AES-256-GCM ciphertext of the value (phones are normalised to E.164 first when they can be). */
    byte[] encrypt(PiiKind kind, String value);

    /** The masked form shown to those without {@code customer.pii.read}. */
    String mask(PiiKind kind, String value);

    /**
     * A keyed fingerprint (the blind index, hex) of the normalised value: equal values give equal fingerprints,
     * which reveal nothing without the key. For grouping without decrypting.
     */
    String fingerprint(PiiKind kind, String value);

    /** Decrypts a value this vault encrypted; callers must audit the read. */
    String decrypt(PiiKind kind, byte[] ciphertext);
}
