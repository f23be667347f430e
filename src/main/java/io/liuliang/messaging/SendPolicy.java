package io.liuliang.messaging;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerId;

/**
 * Whether a message may go out, checked when it is queued and again when it is sent (under the customer's lock):
 * an address; consent (service messages unless opted out; marketing by the recorded choice or the default);
 * no suppression (any for marketing, hard bounces and invalid addresses for service); and for marketing every
 * frequency cap that counts it.
 */
@Component
class SendPolicy {

    private final Consents consents;
    private final Suppressions suppressions;
    private final DeliveryStore deliveries;
    private final ZoneId zone;

    SendPolicy(Consents consents, Suppressions suppressions, DeliveryStore deliveries,
               @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone) {
        this.consents = consents;
        this.suppressions = suppressions;
        this.deliveries = deliveries;
        this.zone = zone;
    }

    /**
     * @param at when the message goes out (caps count the local days up to that one)
     * @param self the delivery checked again at dispatch, not counted against itself; null at queue time
     * @param goneOnly count only touches sent or being sent (at dispatch) instead of all planned ones
     */
    Optional<SkipReason> check(CustomerId customer, ChannelKind kind, Purpose purpose, String normalizedAddress,
                               Instant at, UUID self, MessagingSettings settings, boolean goneOnly) {
        if (normalizedAddress == null) {
            return Optional.of(SkipReason.NO_ADDRESS);
        }
        if (!consents.allows(customer, kind, purpose)) {
            return Optional.of(SkipReason.OPTED_OUT);
        }
        Optional<SuppressionReason> suppressed = suppressions.reasonFor(kind, normalizedAddress);
        if (suppressed.isPresent() && (purpose == Purpose.MARKETING || suppressed.get().blocksService())) {
            return Optional.of(SkipReason.SUPPRESSED);
        }
        if (purpose == Purpose.MARKETING) {
            for (MessagingSettings.Cap cap : SettingsService.capsOf(settings, kind)) {
                Instant[] window = QuietHours.capWindow(at, zone, cap.periodDays());
                long touches = deliveries.touches(customer, cap.channel().equals("all") ? null : kind, window[0],
                        window[1], self, goneOnly);
                if (touches >= cap.count()) {
                    return Optional.of(SkipReason.FREQUENCY_CAPPED);
                }
            }
        }
        return Optional.empty();
    }
}
