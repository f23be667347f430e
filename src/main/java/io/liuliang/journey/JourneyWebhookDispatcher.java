package io.liuliang.journey;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.liuliang.shared.WebhookSignature;

/**
 * Calls the webhooks journeys queued: claims due calls with a lease (so two instances never call the same one at
 * once), posts the JSON body with {@code X-Liuliang-Delivery} (the call's id, for the receiver's de-duplication) and,
 * with a secret, {@code X-Liuliang-Signature: sha256=<HMAC-SHA256 of the body>}; retries with exponential back-off
 * and gives up after {@link #MAX_ATTEMPTS}.
 */
@Component
class JourneyWebhookDispatcher {

    private static final Logger log = LoggerFactory.getLogger(JourneyWebhookDispatcher.class);
    static final int MAX_ATTEMPTS = 8;
    static final int BATCH = 50;
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final Duration BACKOFF = Duration.ofSeconds(15);
    static final int SUCCESS_MIN = 200;
    static final int SUCCESS_MAX = 299;

    private final JdbcClient jdbc;
    private final JourneySecrets secrets;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    JourneyWebhookDispatcher(JdbcClient jdbc, JourneySecrets secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    record Call(UUID id, String url, String secret, String body, int attempts) {
    }

    @Scheduled(fixedDelayString = "${liuliang.journeys.webhook-interval:1s}", initialDelayString = "3s")
    void dispatch() {
        try {
            List<Call> calls = jdbc.sql("UPDATE journey_webhook w SET status = 'sending', lease_until = now() + ?::interval, "
                            + "attempts = attempts + 1 WHERE w.id IN (SELECT id FROM journey_webhook WHERE "
                            + "(status = 'queued' AND next_at <= now()) OR (status = 'sending' AND lease_until < now()) "
                            + "ORDER BY next_at LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, url, secret, body, attempts")
                    .params(LEASE.toSeconds() + " seconds", BATCH)
                    .query((rs, n) -> new Call(rs.getObject(1, UUID.class), rs.getString(2), secrets.open(rs.getString(3)),
                            rs.getString(4), rs.getInt(5)))
                    .list();
            calls.forEach(this::call);
        } catch (RuntimeException e) {
            log.warn("Journey webhook dispatch failed; retried on the next tick", e);
        }
    }

    private void call(Call c) {
        String error;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(c.url())).timeout(TIMEOUT)
                    .header("Content-Type", "application/json").header(WebhookSignature.DELIVERY_HEADER, c.id().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8));
            if (c.secret() != null) {
                request.header(WebhookSignature.HEADER, WebhookSignature.of(c.secret(), c.body()));
            }
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() >= SUCCESS_MIN && response.statusCode() <= SUCCESS_MAX) {
                jdbc.sql("UPDATE journey_webhook SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL "
                        + "WHERE id = ?").param(c.id()).update();
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (java.io.IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        boolean dead = c.attempts() >= MAX_ATTEMPTS;
        jdbc.sql("UPDATE journey_webhook SET status = ?, next_at = now() + ?::interval, lease_until = NULL, last_error = ? "
                        + "WHERE id = ?")
                .params(dead ? "dead" : "queued", BACKOFF.multipliedBy(1L << Math.min(c.attempts() - 1, 10)).toSeconds() + " seconds",
                        error, c.id())
                .update();
    }
}
