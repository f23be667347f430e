package io.liuliang.messaging;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Customers;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;

/**
 * Consent per customer, channel kind and purpose: the current choice and its history. Without a recorded choice,
 * service messages are allowed and marketing follows {@code liuliang.messaging.marketing-default}.
 */
@Service
class Consents {

    static final int MAX_SOURCE = 100;

    private final JdbcClient jdbc;
    private final Customers customers;
    private final ApplicationEventPublisher events;
    private final MessagingProperties properties;
    private final Clock clock;

    Consents(JdbcClient jdbc, Customers customers, ApplicationEventPublisher events, MessagingProperties properties,
             Clock clock) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    record Consent(UUID customerId, String channel, String purpose, String status, String source, Instant changedAt,
                   String changedBy) {
    }

    /** The consents of a customer: each channel kind and purpose, with what applies where nothing was recorded. */
    record Effective(String channel, String purpose, String status, boolean recorded, String source, Instant changedAt) {
    }

    Optional<ConsentStatus> recorded(CustomerId customer, ChannelKind channel, Purpose purpose) {
        return jdbc.sql("SELECT status FROM msg_consent WHERE customer_id = ? AND channel = ? AND purpose = ?")
                .params(customer.value(), channel.code(), Codes.of(purpose)).query(String.class).optional()
                .flatMap(s -> Codes.parse(ConsentStatus.class, s));
    }

    List<Effective> of(CustomerId customer) {
        UUID id = survivor(customer).value();
        List<Consent> rows = jdbc.sql("SELECT * FROM msg_consent WHERE customer_id = ?").param(id)
                .query(Consents::consent).list();
        List<Effective> out = new ArrayList<>();
        for (ChannelKind kind : ChannelKind.values()) {
            for (Purpose purpose : Purpose.values()) {
                Optional<Consent> r = rows.stream().filter(c -> c.channel().equals(kind.code())
                        && c.purpose().equals(Codes.of(purpose))).findFirst();
                if (r.isPresent()) {
                    out.add(new Effective(kind.code(), Codes.of(purpose), r.get().status(), true, r.get().source(),
                            r.get().changedAt()));
                } else {
                    boolean allowed = purpose == Purpose.SERVICE
                            || properties.marketingDefault() == MarketingDefault.ALLOWED_UNLESS_OPTED_OUT;
                    out.add(new Effective(kind.code(), Codes.of(purpose), allowed ? "allowed_by_default"
                            : "not_opted_in", false, null, null));
                }
            }
        }
        return out;
    }

    List<Consent> history(CustomerId customer) {
        return jdbc.sql("SELECT * FROM msg_consent_change WHERE customer_id = ? ORDER BY id DESC LIMIT 500")
                .param(survivor(customer).value()).query(Consents::consent).list();
    }

    /** Records a choice for the customer (or their survivor); the same choice again changes nothing. */
    @Transactional
    Consent set(CustomerId given, ChannelKind channel, Purpose purpose, ConsentStatus status, String source) {
        CustomerId customer = survivor(given);
        String src = source == null || source.isBlank() ? "api" : source.strip();
        if (src.length() > MAX_SOURCE) {
            throw ApiProblemException.invalid("source", "must be at most " + MAX_SOURCE + " characters");
        }
        Instant now = clock.instant();
        String actor = Actor.current();
        Optional<ConsentStatus> current = recorded(customer, channel, purpose);
        if (current.isEmpty() || current.get() != status) {
            jdbc.sql("INSERT INTO msg_consent (customer_id, origin_customer_id, channel, purpose, status, source, changed_at, "
                            + "changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (customer_id, channel, purpose) DO UPDATE "
                            + "SET status = excluded.status, source = excluded.source, changed_at = excluded.changed_at, "
                            + "changed_by = excluded.changed_by")
                    .params(customer.value(), customer.value(), channel.code(), Codes.of(purpose), status.code(), src,
                            Timestamp.from(now), actor).update();
            jdbc.sql("INSERT INTO msg_consent_change (customer_id, origin_customer_id, channel, purpose, status, source, "
                            + "changed_at, changed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(customer.value(), customer.value(), channel.code(), Codes.of(purpose), status.code(), src,
                            Timestamp.from(now), actor).update();
            events.publishEvent(new ConsentsChanged(List.of(new ConsentsChanged.Change(customer.value(), channel.code(),
                    Codes.of(purpose), status, src, now))));
        }
        return jdbc.sql("SELECT * FROM msg_consent WHERE customer_id = ? AND channel = ? AND purpose = ?")
                .params(customer.value(), channel.code(), Codes.of(purpose)).query(Consents::consent).single();
    }

    private CustomerId survivor(CustomerId id) {
        return customers.survivorOf(id).orElseThrow(() -> ApiProblemException.notFound("Customer", id));
    }

    private static Consent consent(ResultSet rs, int n) throws SQLException {
        return new Consent(rs.getObject("customer_id", UUID.class), rs.getString("channel"), rs.getString("purpose"),
                rs.getString("status"), rs.getString("source"), rs.getTimestamp("changed_at").toInstant(),
                rs.getString("changed_by"));
    }
}
