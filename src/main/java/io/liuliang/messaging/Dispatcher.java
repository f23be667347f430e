package io.liuliang.messaging;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.liuliang.shared.CustomerId;

/**
 * Sends the due deliveries, every {@code liuliang.messaging.dispatch-interval}, on any number of instances.
 * <ol>
 * <li>Claim: in one transaction, due rows ({@code queued}, or {@code failed} with a retry due) are locked with
 * {@code FOR UPDATE SKIP LOCKED}, checked again under their customers' locks (consent, suppression, caps counting only
 * what went out, quiet hours: a skip or a deferral) and marked {@code sending} with a lease. The claim is the
 * guarantee: a row is sending on one instance only.</li>
 * <li>Send, outside any transaction, within the channel's per-second budget.</li>
 * <li>Record: {@code sent} with the provider's id, or {@code failed} with the next attempt after an exponential
 * backoff, or {@code dead} when out of attempts or refused for good.</li>
 * </ol>
 * A row whose lease ran out while {@code sending} (its instance stopped mid-send) becomes {@code dead}: whether it
 * went out is unknown, so it is never sent again by itself (an operator may retry it).
 */
@Component
class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final Duration DISABLED_WAIT = Duration.ofSeconds(30);
    /**
     * How many seconds of a channel's per-second rate one claim takes at most: the channel's other due messages are
     * put back with the time its rate will reach them, so a backlog on a slow channel neither fills every claim nor
     * holds up the messages of other channels behind it.
     */
    static final int PACE_SECONDS = 2;

    private final JdbcClient jdbc;
    private final DeliveryStore deliveries;
    private final ChannelStore channels;
    private final ChannelSenders senders;
    private final SendPolicy policy;
    private final SettingsService settings;
    private final CustomerLock locks;
    private final PersonalData vault;
    private final MessageComposer composer;
    private final Suppressions suppressions;
    private final ApplicationEventPublisher events;
    private final MessagingProperties properties;
    private final TransactionTemplate tx;
    private final JdbcTemplate batch;
    private final ExecutorService sending;
    private final Clock clock;
    private final ZoneId zone;

    Dispatcher(JdbcClient jdbc, DeliveryStore deliveries, ChannelStore channels, ChannelSenders senders,
               SendPolicy policy, SettingsService settings, CustomerLock locks, PersonalData vault, MessageComposer composer,
               Suppressions suppressions,
               ApplicationEventPublisher events, MessagingProperties properties, PlatformTransactionManager transactions,
               JdbcTemplate batch, Clock clock, @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.channels = channels;
        this.senders = senders;
        this.policy = policy;
        this.settings = settings;
        this.locks = locks;
        this.vault = vault;
        this.composer = composer;
        this.suppressions = suppressions;
        this.events = events;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.batch = batch;
        java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
        this.sending = Executors.newFixedThreadPool(properties.sendConcurrency(), r -> {
            Thread t = new Thread(r, "message-send-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.clock = clock;
        this.zone = zone;
    }

    @PreDestroy
    void close() {
        sending.shutdown();
    }

    @Scheduled(fixedDelayString = "${liuliang.messaging.dispatch-interval:500ms}",
            initialDelayString = "${liuliang.messaging.dispatch-interval:500ms}")
    void run() {
        try {
            expireLeases();
            while (dispatchOnce() >= properties.dispatchBatch()) {
                // a full batch: there may be more due
            }
        } catch (RuntimeException e) {
            log.warn("Message dispatch failed (will retry): {}", e.getMessage(), e);
        }
    }

    /** One claimed delivery, ready to send. */
    record Claimed(Delivery delivery, Channel channel, String address, String templateCode) {
    }

    /** Claims, sends and records one batch; answers how many rows it claimed. */
    int dispatchOnce() {
        List<Claimed> claimed = new ArrayList<>();
        Integer seen = tx.execute(status -> claim(claimed));
        if (claimed.isEmpty()) {
            return seen == null ? 0 : seen;
        }
        List<SendResult> results = send(claimed);
        MessagingSettings.Retry retry = settings.current().retry();
        List<MessagesSent.Sent> sent = new ArrayList<>();
        List<MessagesFailed.Failure> failed = new ArrayList<>();
        List<Object[]> accepted = new ArrayList<>();
        List<UUID> untried = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            Claimed c = claimed.get(i);
            Delivery d = c.delivery();
            SendResult result = results.get(i);
            Instant now = clock.instant();
            int attempt = d.attempts() + 1;
            if (result == null) {
                untried.add(d.id());
                continue;
            }
            if (result instanceof SendResult.Accepted a) {
                accepted.add(new Object[] {Timestamp.from(now), a.providerMessageId(), a.answer(), Timestamp.from(now),
                        d.id(), attempt});
                sent.add(new MessagesSent.Sent(d.id(), d.customerId(), d.templateId(), d.channel().code(),
                        Codes.of(d.purpose()), d.source(), d.sourceRef(), now));
                continue;
            }
            if (result instanceof SendResult.BadAddress b) {
                String normalized = Suppressions.normalized(d.channel(), c.address());
                if (normalized != null) {
                    suppressions.suppress(d.channel(), normalized, d.channel() == ChannelKind.EMAIL
                            ? SuppressionReason.HARD_BOUNCE : SuppressionReason.INVALID, "provider:" + c.channel().type().code(), null);
                }
                result = new SendResult.Refused(b.error(), b.answer(), false);
            }
            SendResult.Refused r = (SendResult.Refused) result;
            boolean again = r.retryable() && attempt < retry.maxAttempts();
            if (again) {
                Instant next = now.plus(backoff(retry, attempt));
                jdbc.sql("UPDATE msg_delivery SET status = 'failed', next_attempt_at = ?, error = ?, provider_receipt = ?, "
                                + "lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'sending' AND attempts = ?")
                        .params(Timestamp.from(next), r.error(), r.answer(), Timestamp.from(now), d.id(), attempt).update();
            } else {
                jdbc.sql("UPDATE msg_delivery SET status = 'dead', next_attempt_at = NULL, error = ?, provider_receipt = ?, "
                                + "lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'sending' AND attempts = ?")
                        .params(r.error(), r.answer(), Timestamp.from(now), d.id(), attempt).update();
                failed.add(new MessagesFailed.Failure(d.id(), d.customerId(), d.templateId(), d.channel().code(),
                        Codes.of(d.purpose()), "dead", r.error(), d.source(), d.sourceRef(), now));
            }
        }
        if (!untried.isEmpty()) {
            // not sent before half the lease was gone: back to the queue, as if never claimed
            jdbc.sql("UPDATE msg_delivery SET status = 'queued', attempts = attempts - 1, lease_until = NULL, updated_at = ? "
                            + "WHERE id = ANY (?::uuid[]) AND status = 'sending'")
                    .params(Timestamp.from(clock.instant()), untried.toArray(UUID[]::new)).update();
        }
        if (!accepted.isEmpty()) {
            batch.batchUpdate("UPDATE msg_delivery SET status = 'sent', sent_at = ?, provider_message_id = ?, "
                    + "provider_receipt = ?, error = NULL, lease_until = NULL, next_attempt_at = NULL, updated_at = ? "
                    + "WHERE id = ? AND status = 'sending' AND attempts = ?", accepted);
        }
        announce(sent, failed);
        return seen == null ? 0 : seen;
    }

    /**
     * Sends the claimed messages within each channel's per-second budget, up to {@code send-concurrency} provider
     * calls at a time; the results in the order of the claims. The channels take turns: every round asks each channel
     * with messages left for its slots of the current second and starts those calls at once, so a channel with a low
     * rate never holds up another's messages of the same batch; a round that gets no slot at all waits for the next
     * second. Once half the lease is gone (slow providers, a channel's low rate) no more calls start: those messages
     * answer null, not tried.
     */
    private List<SendResult> send(List<Claimed> claimed) {
        long stopAt = System.nanoTime() + properties.lease().toNanos() / 2;
        Map<UUID, List<Integer>> waiting = new LinkedHashMap<>();
        for (int i = 0; i < claimed.size(); i++) {
            waiting.computeIfAbsent(claimed.get(i).channel().id(), k -> new ArrayList<>()).add(i);
        }
        Map<Integer, Future<SendResult>> calls = new HashMap<>();
        boolean stopping = false;
        while (!waiting.isEmpty() && System.nanoTime() < stopAt) {
            boolean started = false;
            for (Map.Entry<UUID, List<Integer>> channel : waiting.entrySet()) {
                List<Integer> rest = channel.getValue();
                int granted = stopping ? rest.size() : channels.takeSendSlots(channel.getKey(), rest.size());
                for (int i : rest.subList(0, granted)) {
                    Claimed c = claimed.get(i);
                    calls.put(i, sending.submit(() -> System.nanoTime() < stopAt
                            ? senders.send(c.channel(), outgoing(c)) : null));
                }
                channel.setValue(rest.subList(granted, rest.size()));
                started |= granted > 0;
            }
            waiting.values().removeIf(List::isEmpty);
            if (!started && !waiting.isEmpty() && !sleepToNextSecond()) {
                stopping = true; // shutting down: send what was claimed rather than leave it to the lease
            }
        }
        SendResult[] results = new SendResult[claimed.size()];
        calls.forEach((i, call) -> results[i] = outcome(call));
        return java.util.Arrays.asList(results);
    }

    private OutgoingMessage outgoing(Claimed c) {
        Delivery d = c.delivery();
        return new OutgoingMessage(d.id(), new CustomerId(d.customerId()), d.purpose(), c.address(), d.subject(), d.body(),
                c.templateCode(), d.providerParams(),
                d.purpose() == Purpose.MARKETING && d.channel() == ChannelKind.EMAIL
                        ? composer.unsubscribeUrl(new CustomerId(d.customerId()), ChannelKind.EMAIL) : null,
                d.source(), d.sourceRef());
    }

    private static SendResult outcome(Future<SendResult> call) {
        try {
            return call.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendResult.Refused("interrupted while sending: whether it went out is unknown", null, false);
        } catch (ExecutionException e) {
            return new SendResult.Refused("sender failed: " + e.getCause(), null, true);
        }
    }

    static Duration backoff(MessagingSettings.Retry retry, int attempt) {
        long seconds = (long) retry.backoffSeconds() << Math.min(attempt - 1, 16);
        return Duration.ofSeconds(Math.min(seconds, 86_400));
    }

    /** A due row with its encrypted address. */
    private record Due(Delivery delivery, byte[] addressEnc) {
    }

    private Integer claim(List<Claimed> out) {
        Instant now = clock.instant();
        List<Due> due = jdbc.sql("SELECT * FROM msg_delivery WHERE status IN ('queued', 'failed') AND next_attempt_at <= ? "
                        + "ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(Timestamp.from(now), properties.dispatchBatch())
                .query((rs, n) -> new Due(deliveries.delivery(rs, n), rs.getBytes("address_enc"))).list();
        if (due.isEmpty()) {
            return 0;
        }
        locks.lockAll(due.stream().map(d -> new CustomerId(d.delivery().customerId())).toList());
        MessagingSettings current = settings.current();
        Map<UUID, Channel> byId = new HashMap<>();
        // Optional: most templates have no SMS code, and a null would not be remembered
        Map<UUID, Optional<String>> templateCodes = new HashMap<>();
        List<UUID> disabled = new ArrayList<>();
        List<Object[]> deferred = new ArrayList<>();
        List<Claimed> ready = new ArrayList<>();
        for (Due row : due) {
            Delivery d = row.delivery();
            Channel channel = byId.computeIfAbsent(d.channelId(), id -> channels.find(id).orElseThrow());
            if (!channel.enabled()) {
                disabled.add(d.id());
                continue;
            }
            if (d.purpose() == Purpose.MARKETING) {
                Instant allowed = QuietHours.firstAllowed(SettingsService.quietWindows(current, d.channel()), now, zone);
                if (allowed.isAfter(now)) {
                    deferred.add(new Object[] {Timestamp.from(allowed), Timestamp.from(allowed), Timestamp.from(now), d.id()});
                    continue;
                }
            }
            ready.add(new Claimed(d, channel, address(d, row.addressEnc()),
                    templateCodes.computeIfAbsent(d.templateId(), this::templateCode).orElse(null)));
        }
        List<Object[]> paced = new ArrayList<>();
        ready = pace(ready, now, paced);
        SendPolicy.Batch checks = policy.prepare(ready.stream().map(Dispatcher::candidate).toList(), current, true);
        List<Object[]> skipped = new ArrayList<>();
        List<UUID> sendingIds = new ArrayList<>();
        for (Claimed c : ready) {
            SkipReason skip = checks.check(candidate(c)).orElse(null);
            if (skip != null) {
                skipped.add(new Object[] {skip.code(), Timestamp.from(now), c.delivery().id()});
                continue;
            }
            sendingIds.add(c.delivery().id());
            out.add(c);
        }
        if (!disabled.isEmpty()) {
            jdbc.sql("UPDATE msg_delivery SET next_attempt_at = ?, updated_at = ? WHERE id = ANY (?::uuid[])")
                    .params(Timestamp.from(now.plus(DISABLED_WAIT)), Timestamp.from(now), disabled.toArray(UUID[]::new))
                    .update();
        }
        if (!paced.isEmpty()) {
            batch.batchUpdate("UPDATE msg_delivery SET next_attempt_at = ?, updated_at = ? WHERE id = ?", paced);
        }
        if (!deferred.isEmpty()) {
            batch.batchUpdate("UPDATE msg_delivery SET status = 'queued', not_before = ?, next_attempt_at = ?, updated_at = ? "
                    + "WHERE id = ?", deferred);
        }
        if (!skipped.isEmpty()) {
            batch.batchUpdate("UPDATE msg_delivery SET status = 'skipped', skip_reason = ?, next_attempt_at = NULL, "
                    + "updated_at = ? WHERE id = ?", skipped);
        }
        if (!sendingIds.isEmpty()) {
            jdbc.sql("UPDATE msg_delivery SET status = 'sending', attempts = attempts + 1, lease_until = ?, updated_at = ? "
                            + "WHERE id = ANY (?::uuid[])")
                    .params(Timestamp.from(now.plus(properties.lease())), Timestamp.from(now),
                            sendingIds.toArray(UUID[]::new))
                    .update();
        }
        return due.size();
    }

    /**
     * Keeps, per channel, the messages its rate can send within {@link #PACE_SECONDS}; each one beyond is due again
     * when the channel's rate will reach it (the n-th of a channel at n / rate seconds from now), added to {@code paced}.
     */
    private static List<Claimed> pace(List<Claimed> ready, Instant now, List<Object[]> paced) {
        Map<UUID, Integer> taken = new HashMap<>();
        List<Claimed> kept = new ArrayList<>(ready.size());
        for (Claimed c : ready) {
            int rate = c.channel().ratePerSecond();
            int n = taken.merge(c.channel().id(), 1, Integer::sum) - 1;
            if ((long) n < (long) rate * PACE_SECONDS) {
                kept.add(c);
            } else {
                paced.add(new Object[] {Timestamp.from(now.plusSeconds(n / rate)), Timestamp.from(now), c.delivery().id()});
            }
        }
        return kept;
    }

    private static SendPolicy.Candidate candidate(Claimed c) {
        Delivery d = c.delivery();
        return new SendPolicy.Candidate(new CustomerId(d.customerId()), d.channel(), d.purpose(),
                c.address() == null ? null : Suppressions.normalized(d.channel(), c.address()), d.notBefore(), d.id());
    }

    private String address(Delivery d, byte[] enc) {
        PiiKind pii = Suppressions.piiKind(d.channel());
        if (pii == null) {
            return d.customerId().toString();
        }
        return enc == null ? null : vault.decrypt(pii, enc);
    }

    private Optional<String> templateCode(UUID template) {
        return jdbc.sql("SELECT sms_template_code FROM msg_template WHERE id = ?").param(template)
                .query((rs, n) -> Optional.ofNullable(rs.getString(1))).optional().flatMap(code -> code);
    }

    /** Waits for the next second's send budget; false when interrupted (shutting down). */
    private static boolean sleepToNextSecond() {
        try {
            Thread.sleep(1_000 - (System.currentTimeMillis() % 1_000) + 5);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sending rows whose lease ran out are dead: their instance stopped mid-send. */
    int expireLeases() {
        Instant now = clock.instant();
        Integer n = tx.execute(status -> {
            List<MessagesFailed.Failure> dead = jdbc.sql("""
                            UPDATE msg_delivery SET status = 'dead', lease_until = NULL, updated_at = ?,
                                error = 'the sender stopped while sending (lease expired): whether it went out is unknown, so it is not sent again'
                            WHERE status = 'sending' AND lease_until < ?
                            RETURNING id, customer_id, template_id, channel, purpose, error, source, source_ref""")
                    .params(Timestamp.from(now), Timestamp.from(now))
                    .query((rs, i) -> new MessagesFailed.Failure(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class), rs.getString(4), rs.getString(5), "dead", rs.getString(6),
                            rs.getString(7), rs.getString(8), now)).list();
            if (!dead.isEmpty()) {
                events.publishEvent(new MessagesFailed(dead));
            }
            return dead.size();
        });
        return n == null ? 0 : n;
    }

    private void announce(List<MessagesSent.Sent> sent, List<MessagesFailed.Failure> failed) {
        if (sent.isEmpty() && failed.isEmpty()) {
            return;
        }
        tx.executeWithoutResult(status -> {
            if (!sent.isEmpty()) {
                events.publishEvent(new MessagesSent(sent));
            }
            if (!failed.isEmpty()) {
                events.publishEvent(new MessagesFailed(failed));
            }
        });
    }
}
