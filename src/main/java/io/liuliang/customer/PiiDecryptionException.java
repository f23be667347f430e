package io.liuliang.customer;

/**
 * A stored personal-data value could not be decrypted: it is malformed, was changed, belongs to another
 * {@link PiiKind}, or was encrypted with another master key. The message never contains the value.
 */
final class PiiDecryptionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    PiiDecryptionException(String message) {
        super(message);
    }

    PiiDecryptionException(String message, Throwable cause) {
        super(message, cause);
    }
}
