package io.liuliang.messaging;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerId;

/**
 * Whether a message may go out, checked when it is queued and again when it is sent (under the customer's lock):
 * an address; consent (service messages unless opted out; marketing by the recorded choice or the default);
 * no suppression (any for marketing, hard bounces and invalid addresses for service); and for marketing every
 * frequency cap that counts it.
 * <p>
 * Checks run over a {@link Batch}: what a set of messages needs (their customers' consents, their addresses'
 * suppressions, their customers' marketing touches in the caps' windows) is read in three queries, and each message
 * that passes counts as a touch for the ones checked after it, as if each had been written before the next was checked.
 */
@Component
class SendPolicy {

    private final JdbcClient jdbc;
    private final Suppressions suppressions;
    private final MessagingProperties properties;
    private final ZoneId zone;

    SendPolicy(JdbcClient jdbc, Suppressions suppressions, MessagingProperties properties,
               @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.suppressions = suppressions;
        this.properties = properties;
        this.zone = zone;
    }

    /**
     * One message to check.
     *
     * @param at when the message goes out (caps count the local days up to that one)
     * @param self the delivery checked again at dispatch, not counted against itself; null at queue time
     */
    record Candidate(CustomerId customer, ChannelKind kind, Purpose purpose, String normalizedAddress, Instant at,
                     UUID self) {
    }

    /** A marketing message planned or sent: what the caps count. */
    private record Touch(UUID id, ChannelKind kind, Instant at) {
    }

    private record ConsentKey(CustomerId customer, ChannelKind kind, Purpose purpose) {
    }

    private record AddressKey(ChannelKind kind, String key) {
    }

    /** What the checks of a set of messages read, loaded at once. Not thread-safe; one transaction's work. */
    final class Batch {

        private final MessagingSettings settings;
        private final Map<ConsentKey, ConsentStatus> consents;
        private final Map<AddressKey, SuppressionReason> suppressed;
        private final Map<CustomerId, List<Touch>> touches;

        private Batch(MessagingSettings settings, Map<ConsentKey, ConsentStatus> consents,
                      Map<AddressKey, SuppressionReason> suppressed, Map<CustomerId, List<Touch>> touches) {
            this.settings = settings;
            this.consents = consents;
            this.suppressed = suppressed;
            this.touches = touches;
        }

        /**
         * Why the message may not go out, or empty when it may; a marketing message that may counts as a touch for
         * the messages checked after it.
         */
        Optional<SkipReason> check(Candidate c) {
            if (c.normalizedAddress() == null) {
                return Optional.of(SkipReason.NO_ADDRESS);
            }
            ConsentStatus status = consents.get(new ConsentKey(c.customer(), c.kind(), c.purpose()));
            boolean allowed = status != null ? status == ConsentStatus.OPTED_IN
                    : c.purpose() == Purpose.SERVICE
                    || properties.marketingDefault() == MarketingDefault.ALLOWED_UNLESS_OPTED_OUT;
            if (!allowed) {
                return Optional.of(SkipReason.OPTED_OUT);
            }
            SuppressionReason reason = suppressed.get(new AddressKey(c.kind(),
                    suppressions.key(c.kind(), c.normalizedAddress())));
            if (reason != null && (c.purpose() == Purpose.MARKETING || reason.blocksService())) {
                return Optional.of(SkipReason.SUPPRESSED);
            }
            if (c.purpose() != Purpose.MARKETING) {
                return Optional.empty();
            }
            List<Touch> planned = touches.computeIfAbsent(c.customer(), k -> new ArrayList<>());
            for (MessagingSettings.Cap cap : SettingsService.capsOf(settings, c.kind())) {
                Instant[] window = QuietHours.capWindow(c.at(), zone, cap.periodDays());
                boolean anyChannel = cap.channel().equals("all");
                long count = planned.stream().filter(t -> (anyChannel || t.kind() == c.kind())
                        && !t.at().isBefore(window[0]) && t.at().isBefore(window[1])
                        && (c.self() == null || !c.self().equals(t.id()))).count();
                if (count >= cap.count()) {
                    return Optional.of(SkipReason.FREQUENCY_CAPPED);
                }
            }
            planned.add(new Touch(c.self(), c.kind(), c.at()));
            return Optional.empty();
        }
    }

    /**
     * Reads what checking these messages needs.
     *
     * @param goneOnly count only touches sent or being sent (at dispatch) instead of all planned ones
     */
    Batch prepare(Collection<Candidate> candidates, MessagingSettings settings, boolean goneOnly) {
        Set<CustomerId> customers = new HashSet<>();
        Set<CustomerId> marketed = new HashSet<>();
        Set<String> addressKeys = new HashSet<>();
        Instant from = null;
        Instant to = null;
        for (Candidate c : candidates) {
            if (c.normalizedAddress() == null) {
                continue;
            }
            customers.add(c.customer());
            addressKeys.add(suppressions.key(c.kind(), c.normalizedAddress()));
            if (c.purpose() != Purpose.MARKETING) {
                continue;
            }
            for (MessagingSettings.Cap cap : SettingsService.capsOf(settings, c.kind())) {
                Instant[] window = QuietHours.capWindow(c.at(), zone, cap.periodDays());
                from = from == null || window[0].isBefore(from) ? window[0] : from;
                to = to == null || window[1].isAfter(to) ? window[1] : to;
                marketed.add(c.customer());
            }
        }
        return new Batch(settings, consentsOf(customers), suppressedOf(addressKeys),
                from == null ? new HashMap<>() : touchesOf(marketed, from, to, goneOnly));
    }

    private Map<ConsentKey, ConsentStatus> consentsOf(Set<CustomerId> customers) {
        Map<ConsentKey, ConsentStatus> consents = new HashMap<>();
        if (customers.isEmpty()) {
            return consents;
        }
        jdbc.sql("SELECT customer_id, channel, purpose, status FROM msg_consent WHERE customer_id = ANY (?::uuid[])")
                .param(customers.stream().map(CustomerId::value).toArray(UUID[]::new))
                .query(rs -> {
                    Optional<ChannelKind> kind = Codes.parse(ChannelKind.class, rs.getString(2));
                    Optional<Purpose> purpose = Codes.parse(Purpose.class, rs.getString(3));
                    Optional<ConsentStatus> status = Codes.parse(ConsentStatus.class, rs.getString(4));
                    if (kind.isPresent() && purpose.isPresent() && status.isPresent()) {
                        consents.put(new ConsentKey(new CustomerId(rs.getObject(1, UUID.class)), kind.get(),
                                purpose.get()), status.get());
                    }
                });
        return consents;
    }

    private Map<AddressKey, SuppressionReason> suppressedOf(Set<String> addressKeys) {
        Map<AddressKey, SuppressionReason> suppressed = new HashMap<>();
        if (addressKeys.isEmpty()) {
            return suppressed;
        }
        jdbc.sql("SELECT channel, address_key, reason FROM msg_suppression WHERE address_key = ANY (?::text[])")
                .param(addressKeys.toArray(String[]::new))
                .query(rs -> {
                    Optional<ChannelKind> kind = Codes.parse(ChannelKind.class, rs.getString(1));
                    Optional<SuppressionReason> reason = Codes.parse(SuppressionReason.class, rs.getString(3));
                    if (kind.isPresent() && reason.isPresent()) {
                        suppressed.put(new AddressKey(kind.get(), rs.getString(2)), reason.get());
                    }
                });
        return suppressed;
    }

    private Map<CustomerId, List<Touch>> touchesOf(Set<CustomerId> customers, Instant from, Instant to, boolean goneOnly) {
        Map<CustomerId, List<Touch>> touches = new HashMap<>();
        jdbc.sql("SELECT customer_id, id, channel, not_before FROM msg_delivery WHERE customer_id = ANY (?::uuid[]) "
                        + "AND purpose = 'marketing' AND not_before >= ? AND not_before < ? AND "
                        + (goneOnly ? "status IN ('sending', 'sent', 'delivered')" : DeliveryStore.TOUCH))
                .params(customers.stream().map(CustomerId::value).toArray(UUID[]::new), Timestamp.from(from),
                        Timestamp.from(to))
                .query(rs -> {
                    Optional<ChannelKind> kind = Codes.parse(ChannelKind.class, rs.getString(3));
                    if (kind.isPresent()) {
                        touches.computeIfAbsent(new CustomerId(rs.getObject(1, UUID.class)), k -> new ArrayList<>())
                                .add(new Touch(rs.getObject(2, UUID.class), kind.get(), rs.getTimestamp(4).toInstant()));
                    }
                });
        return touches;
    }
}
