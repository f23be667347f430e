package io.liuliang.customer;

import java.time.Instant;
import java.util.UUID;

/** A customer in a list: enough to recognise and open them. */
record CustomerSummary(UUID id, String displayName, String province, String city, String phone, Instant firstSeenAt,
                       Instant lastSeenAt, String source) {
}
