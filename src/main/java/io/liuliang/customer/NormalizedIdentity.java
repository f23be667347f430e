package io.liuliang.customer;

import java.util.HexFormat;
import java.util.UUID;

/**
 * An identity ready to store and look up: its type, scope (a shop for shop-scoped types, else the nil UUID), the
 * blind-index key, and the value encrypted (personal data) or in clear, with its masked form.
 */
record NormalizedIdentity(int index, IdentityType type, UUID scopeId, byte[] key, byte[] encrypted, String plain,
                          String masked) {

    static final UUID NO_SCOPE = new UUID(0, 0);

    /** Identifies the identity's value regardless of which customer holds it. */
    String lookupKey() {
        return type.code() + "|" + scopeId + "|" + HexFormat.of().formatHex(key);
    }
}
