package io.liuliang.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A row of {@code customer}: its own traits (the survivor's include what merges folded in). */
record CustomerRow(UUID id, String displayName, String gender, LocalDate birthday, String province, String city,
                   byte[] realNameEnc, String realNameMasked, Instant firstSeenAt, Instant lastSeenAt, String source,
                   UUID mergedInto, Instant mergedAt, Instant createdAt, Instant updatedAt) {

    /** The traits as stored, for snapshots and folding. */
    TraitSnapshot traits() {
        return new TraitSnapshot(displayName, gender, birthday, province, city,
                realNameEnc == null ? null : java.util.Base64.getEncoder().encodeToString(realNameEnc), realNameMasked,
                firstSeenAt, lastSeenAt);
    }

    /** Orders customers for "merge into the oldest": first seen, then created, then id. */
    static final java.util.Comparator<CustomerRow> OLDEST_FIRST = java.util.Comparator
            .comparing(CustomerRow::firstSeenAt).thenComparing(CustomerRow::createdAt).thenComparing(CustomerRow::id);
}
