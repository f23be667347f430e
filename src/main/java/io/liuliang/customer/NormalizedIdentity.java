package io.liuliang.customer;

import java.util.HexFormat;
import java.util.UUID;

/**
 * An identity ready to store and look up: its type, scope (a shop for shop-scoped types, else the nil UUID), the
 * blind-index key, and the value encrypted (personal data) or in clear, with its masked form.
 */
record NormalizedIdentity(int index, IdentityType type, UUID scopeId, byte[] key, byte[] encrypted, String plain,
                          String masked, String lookupKey) {

    static final UUID NO_SCOPE = new UUID(0, 0);

    /**
     * An identity with its {@link #lookupKey()}, which identifies the value regardless of which customer holds it
     * (computed once: resolutions compare and hash it many times).
     */
    NormalizedIdentity(int index, IdentityType type, UUID scopeId, byte[] key, byte[] encrypted, String plain,
                       String masked) {
        this(index, type, scopeId, key, encrypted, plain, masked,
                type.code() + "|" + scopeId + "|" + HexFormat.of().formatHex(key));
    }
}
