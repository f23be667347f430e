package io.liuliang.messaging;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Messaging settings ({@code liuliang.messaging.*}). Caps, quiet hours and retries are runtime settings
 * ({@code /api/v1/messaging/settings}); these are their defaults and what must be fixed at start-up.
 *
 * @param dispatchInterval how often the dispatcher claims due deliveries
 * @param dispatchBatch deliveries claimed per round
 * @param lease how long a claimed delivery is its instance's; one still sending after it is dead (never re-sent)
 * @param maxAttempts default attempts before a delivery is dead
 * @param retryBackoff default delay after the first failed attempt, doubled after each further one
 * @param marketingDefault consent for marketing without a recorded choice
 * @param publicUrl the base URL customers reach this server at (unsubscribe, open and click links)
 * @param sendTimeout how long one provider call may take (well below the lease)
 * @param sendConcurrency provider calls an instance makes at a time (within each channel's per-second rate)
 */
@ConfigurationProperties("liuliang.messaging")
record MessagingProperties(@DefaultValue("500ms") Duration dispatchInterval,
                           @DefaultValue("100") int dispatchBatch,
                           @DefaultValue("5m") Duration lease,
                           @DefaultValue("5") int maxAttempts,
                           @DefaultValue("30s") Duration retryBackoff,
                           @DefaultValue("allowed_unless_opted_out") MarketingDefault marketingDefault,
                           @DefaultValue("http://localhost:8080") String publicUrl,
                           @DefaultValue("20s") Duration sendTimeout,
                           @DefaultValue("8") int sendConcurrency) {

    public MessagingProperties {
        if (sendConcurrency < 1) {
            throw new IllegalArgumentException("liuliang.messaging.send-concurrency must be at least 1, was " + sendConcurrency);
        }
    }

    /** The public URL without a trailing slash. */
    String base() {
        return publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }
}
