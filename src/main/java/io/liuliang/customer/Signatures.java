package io.liuliang.customer;

/**
 * Signs short texts (the payload of a link sent to a customer: an unsubscribe link, an e-mail's tracking pixel and
 * click links) with a key derived from the master key, so that a link cannot be forged or altered. The purpose is
 * bound into each signature: a signature made for one purpose never verifies for another.
 */
public interface Signatures {

    /** The URL-safe base64 signature (128 bits of HMAC-SHA256) of {@code payload} for {@code purpose}. */
    String sign(String purpose, String payload);

    /** Whether {@code signature} was made by {@link #sign} for this purpose and payload; constant time. */
    boolean verify(String purpose, String payload, String signature);
}
