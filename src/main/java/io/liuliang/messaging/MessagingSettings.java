package io.liuliang.messaging;

import java.util.List;

/**
 * The runtime settings of messaging: the shop name templates show as {@code {{shop.name}}}, the frequency caps on
 * marketing, the quiet hours of marketing (in the merchant's time zone) and the retries of failed sends.
 */
record MessagingSettings(String shopName, List<Cap> caps, List<Quiet> quietHours, Retry retry) {

    MessagingSettings {
        caps = caps == null ? null : List.copyOf(caps);
        quietHours = quietHours == null ? null : List.copyOf(quietHours);
    }

    /** At most {@code count} marketing messages on {@code channel} (a channel kind, or {@code all}) in {@code periodDays} days. */
    record Cap(String channel, Integer count, Integer periodDays) {
    }

    /** No marketing on {@code channel} (a kind or {@code all}) from {@code start} to {@code end} (HH:mm[:ss], local time). */
    record Quiet(String channel, String start, String end) {
    }

    /** Attempts before a delivery is dead, and the delay after the first failure (doubled after each further one). */
    record Retry(Integer maxAttempts, Integer backoffSeconds) {
    }
}
