package io.liuliang.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The 360° view of one customer as the API answers it. Personal data (phones, emails, real name) is masked unless
 * the caller holds {@code customer.pii.read}.
 */
record CustomerView(UUID id, String displayName, String gender, LocalDate birthday, String province, String city,
                    String realName, Instant firstSeenAt, Instant lastSeenAt, String source, boolean piiVisible,
                    List<IdentityView> identities, List<MergeService.MergeRecord> merges, List<Long> openConflicts,
                    io.liuliang.order.CustomerOrderSummary summary, List<io.liuliang.order.OrderView> recentOrders,
                    List<io.liuliang.event.StoredEvent> recentEvents, List<io.liuliang.shared.CustomerTags.Tag> tags) {

    record IdentityView(long id, String type, String value, UUID shopId, boolean flagged, String source,
                        Instant firstSeenAt, Instant lastSeenAt, UUID originCustomerId) {
    }
}
