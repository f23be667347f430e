package io.liuliang.customer;

/**
 * The kinds of personal data the PII vault holds. A kind's {@link #name()} is bound into every
 * ciphertext (as GCM associated data) and every blind index, so a value of one kind can never be
 * read or found as a value of another.
 */
public enum PiiKind {
    /** A phone number, normalised to E.164 ({@code +8613812345678}). */
    PHONE,
    /** An e-mail address, trimmed and lower-cased. */
    EMAIL,
    /** A person's real name. */
    NAME,
    /** A postal address. */
    ADDRESS,
    /**
     * A credential, such as a webhook signing secret: never shown, masked as {@code ••••} and its last 4 characters
     * ({@code ••••9f3a}).
     */
    SECRET
}
