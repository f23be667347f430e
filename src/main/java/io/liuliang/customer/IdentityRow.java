package io.liuliang.customer;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code customer_identity}. */
record IdentityRow(long id, UUID customerId, UUID originCustomerId, String type, UUID scopeId, byte[] valueKey,
                   byte[] valueEnc, String valuePlain, String valueMasked, boolean flagged, int seenCustomers,
                   String source, Instant firstSeenAt, Instant lastSeenAt) {

    String lookupKey() {
        return type + "|" + scopeId + "|" + java.util.HexFormat.of().formatHex(valueKey);
    }
}
