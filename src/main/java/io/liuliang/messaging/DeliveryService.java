package io.liuliang.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Customers;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CursorPage;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.PageRequest;

/** The delivery log: lists, retries of dead deliveries, carrier receipts, e-mail opens and clicks. */
@Service
class DeliveryService {

    private final DeliveryStore store;
    private final JdbcClient jdbc;
    private final Customers customers;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 90;

    /** One day's deliveries by where they are now. */
    record Day(java.time.LocalDate date, long waiting, long sent, long delivered, long failed, long skipped) {
    }

    private final java.time.ZoneId zone;

    List<Day> daily(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw io.liuliang.shared.ApiProblemException.invalid("days", "must be from 1 to " + MAX_DAYS);
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(zone));
        java.time.LocalDate first = today.minusDays(days - 1L);
        java.util.Map<java.time.LocalDate, long[]> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT (created_at AT TIME ZONE ?)::date AS day, "
                        + "count(*) FILTER (WHERE status IN ('queued', 'sending')), count(*) FILTER (WHERE status = 'sent'), "
                        + "count(*) FILTER (WHERE status = 'delivered'), count(*) FILTER (WHERE status IN ('failed', 'dead')), "
                        + "count(*) FILTER (WHERE status = 'skipped') FROM msg_delivery WHERE created_at >= ? "
                        + "GROUP BY 1")
                .params(zone.getId(), java.time.OffsetDateTime.ofInstant(first.atStartOfDay(zone).toInstant(),
                        java.time.ZoneOffset.UTC))
                .query(rs -> {
                    counts.put(rs.getObject(1, java.time.LocalDate.class), new long[] {rs.getLong(2), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6)});
                });
        List<Day> out = new java.util.ArrayList<>();
        for (java.time.LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
            long[] c = counts.getOrDefault(d, new long[5]);
            out.add(new Day(d, c[0], c[1], c[2], c[3], c[4]));
        }
        return out;
    }

    DeliveryService(DeliveryStore store, JdbcClient jdbc, Customers customers, ApplicationEventPublisher events,
                    Clock clock,
                    @org.springframework.beans.factory.annotation.Value("${liuliang.metrics.timezone:Asia/Shanghai}") java.time.ZoneId zone) {
        this.zone = zone;
        this.store = store;
        this.jdbc = jdbc;
        this.customers = customers;
        this.events = events;
        this.clock = clock;
    }

    Delivery get(UUID id) {
        return store.find(id).orElseThrow(() -> ApiProblemException.notFound("delivery", id));
    }

    CursorPage<Delivery> list(String status, String channel, UUID customerId, String q, PageRequest page) {
        DeliveryStatus s = status == null || status.isBlank() ? null : Codes.parse(DeliveryStatus.class, status)
                .orElseThrow(() -> ApiProblemException.invalid("status", "must be one of " + Codes.list(DeliveryStatus.class)));
        ChannelKind c = channel == null || channel.isBlank() ? null : Codes.parse(ChannelKind.class, channel)
                .orElseThrow(() -> ApiProblemException.invalid("channel", "must be one of " + Codes.list(ChannelKind.class)));
        UUID customer = customerId == null ? null : customers.survivorOf(new CustomerId(customerId)).map(CustomerId::value)
                .orElse(customerId);
        if (q != null && q.length() > 200) {
            throw ApiProblemException.invalid("q", "at most 200 characters");
        }
        PageRequest.After<Instant> before = page.cursorAsValueAndId('|', Instant::parse);
        return CursorPage.of(store.list(new DeliveryStore.Filter(s, c, customer, q), before == null ? null : before.value(),
                before == null ? null : before.id(), page.fetchSize()), page.limit(),
                d -> PageRequest.encode(d.createdAt().toString(), '|', d.id()));
    }

    /** Queues a dead (or finally failed) delivery again, with fresh attempts. */
    @Transactional
    Delivery retry(UUID id) {
        Delivery d = get(id);
        if (d.status() != DeliveryStatus.DEAD && !(d.status() == DeliveryStatus.FAILED && d.nextAttemptAt() == null)) {
            throw ApiProblemException.conflict("status", "only dead or finally failed deliveries can be retried; this one is "
                    + d.status().code());
        }
        Instant now = clock.instant();
        jdbc.sql("UPDATE msg_delivery SET status = 'queued', attempts = 0, next_attempt_at = ?, error = NULL, "
                        + "lease_until = NULL, updated_at = ? WHERE id = ?")
                .params(Timestamp.from(now), Timestamp.from(now), id).update();
        return get(id);
    }

    /** An open (the pixel): the first one is kept. */
    void opened(UUID delivery) {
        jdbc.sql("UPDATE msg_delivery SET opened_at = coalesce(opened_at, ?), updated_at = ? WHERE id = ?")
                .params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), delivery).update();
    }

    /** A click: the first one is kept; a click also means it was opened. */
    void clicked(UUID delivery) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE msg_delivery SET clicked_at = coalesce(clicked_at, ?), opened_at = coalesce(opened_at, ?), "
                + "updated_at = ? WHERE id = ?").params(now, now, now, delivery).update();
    }

    /** A carrier's delivery receipt for a message of this channel, found by the provider's id or (Aliyun) our id. */
    record Receipt(String providerMessageId, UUID deliveryId, boolean delivered, String code, String message, String raw) {
    }

    /** Applies receipts; answers how many matched a delivery. */
    @Transactional
    int receipts(UUID channel, List<Receipt> receipts) {
        int matched = 0;
        Instant now = clock.instant();
        List<MessagesFailed.Failure> failed = new java.util.ArrayList<>();
        for (Receipt r : receipts) {
            Optional<Delivery> d = jdbc.sql("SELECT * FROM msg_delivery WHERE channel_id = ? AND (provider_message_id = ? "
                            + "OR id = ?) AND status IN ('sending', 'sent', 'delivered', 'failed') LIMIT 1")
                    .params(channel, r.providerMessageId(), r.deliveryId() == null ? new UUID(0, 0) : r.deliveryId())
                    .query(store::delivery).optional();
            if (d.isEmpty()) {
                continue;
            }
            matched++;
            String receipt = r.raw().length() > 2_000 ? r.raw().substring(0, 2_000) : r.raw();
            if (r.delivered()) {
                jdbc.sql("UPDATE msg_delivery SET status = 'delivered', delivered_at = ?, provider_receipt = ?, updated_at = ? "
                                + "WHERE id = ?")
                        .params(Timestamp.from(now), receipt, Timestamp.from(now), d.get().id()).update();
            } else {
                String error = "undelivered: " + (r.code() == null ? "" : r.code()) + (r.message() == null ? "" : " " + r.message());
                jdbc.sql("UPDATE msg_delivery SET status = 'failed', next_attempt_at = NULL, provider_receipt = ?, "
                                + "error = ?, updated_at = ? WHERE id = ?")
                        .params(receipt, error.strip(), Timestamp.from(now), d.get().id()).update();
                Delivery x = d.get();
                failed.add(new MessagesFailed.Failure(x.id(), x.customerId(), x.templateId(), x.channel().code(),
                        Codes.of(x.purpose()), "failed", error.strip(), x.source(), x.sourceRef(), now));
            }
        }
        if (!failed.isEmpty()) {
            events.publishEvent(new MessagesFailed(failed));
        }
        return matched;
    }
}
