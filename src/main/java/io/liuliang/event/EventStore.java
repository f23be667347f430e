package io.liuliang.event;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.shared.CustomerDataOwner;
import io.liuliang.shared.CustomerId;

/**
 * Writes events with one multi-row {@code INSERT … ON CONFLICT DO NOTHING} per batch into monthly partitions,
 * creating a month's partition the first time it is needed (in its own short transaction, serialised by an
 * advisory lock so that instances do not race).
 */
@Service
class EventStore implements Events, CustomerDataOwner {

    private static final long PARTITION_LOCK = 0x4556454e54L; // "EVENT"
    private final JdbcClient jdbc;
    private final TransactionTemplate newTransaction;
    private final Set<YearMonth> knownPartitions = ConcurrentHashMap.newKeySet();

    private final ApplicationEventPublisher publisher;

    EventStore(JdbcClient jdbc, org.springframework.transaction.PlatformTransactionManager txManager,
               ApplicationEventPublisher publisher) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.newTransaction = new TransactionTemplate(txManager);
        this.newTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    @Transactional
    public List<Boolean> store(List<NewEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        ensurePartitions(events.stream().map(e -> YearMonth.from(e.occurredAt().atOffset(ZoneOffset.UTC))).toList());
        StringBuilder sql = new StringBuilder("INSERT INTO behaviour_event (event_id, occurred_at, type, custom_name, "
                + "customer_id, origin_customer_id, anonymous_id, shop_id, properties, source) VALUES ");
        List<Object> params = new ArrayList<>(events.size() * 10);
        for (int i = 0; i < events.size(); i++) {
            NewEvent e = events.get(i);
            sql.append(i == 0 ? "" : ",").append("(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)");
            params.add(e.eventId());
            params.add(Timestamp.from(e.occurredAt()));
            params.add(e.type().code());
            params.add(e.customName());
            params.add(e.customerId() == null ? null : e.customerId().value());
            params.add(e.originCustomerId() == null ? null : e.originCustomerId().value());
            params.add(e.anonymousId());
            params.add(e.shopId());
            params.add(e.propertiesJson() == null ? "{}" : e.propertiesJson());
            params.add(e.source());
        }
        sql.append(" ON CONFLICT (event_id, occurred_at) DO NOTHING RETURNING event_id, occurred_at");
        Set<String> inserted = new HashSet<>(jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> rs.getString(1) + "|" + rs.getTimestamp(2).toInstant()).list());
        List<Boolean> result = new ArrayList<>(events.size());
        Set<CustomerId> customers = new HashSet<>();
        for (NewEvent e : events) {
            boolean stored = inserted.remove(e.eventId() + "|" + e.occurredAt());
            result.add(stored);
            if (stored && e.customerId() != null) {
                customers.add(e.customerId());
            }
        }
        if (!customers.isEmpty()) {
            publisher.publishEvent(new EventsRecorded(customers));
        }
        return result;
    }

    private void ensurePartitions(Collection<YearMonth> months) {
        Set<YearMonth> missing = new TreeSet<>(months);
        missing.removeAll(knownPartitions);
        if (missing.isEmpty()) {
            return;
        }
        newTransaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(PARTITION_LOCK).query((rs, n) -> 1).list();
            for (YearMonth month : missing) {
                LocalDate from = month.atDay(1);
                LocalDate to = month.plusMonths(1).atDay(1);
                jdbc.sql("CREATE TABLE IF NOT EXISTS " + partitionName(month) + " PARTITION OF behaviour_event FOR VALUES FROM ('"
                        + from + " 00:00:00+00') TO ('" + to + " 00:00:00+00')").update();
            }
        });
        knownPartitions.addAll(missing);
    }

    static String partitionName(YearMonth month) {
        return String.format("behaviour_event_y%04dm%02d", month.getYear(), month.getMonthValue());
    }

    @Override
    public List<StoredEvent> recentOf(CustomerId customer, int limit) {
        return jdbc.sql("SELECT event_id, type, custom_name, occurred_at, shop_id, anonymous_id, source, properties::text "
                        + "FROM behaviour_event WHERE customer_id = ? ORDER BY occurred_at DESC LIMIT ?")
                .params(customer.value(), limit)
                .query((rs, n) -> new StoredEvent(rs.getString(1), EventType.ofCode(rs.getString(2)).orElseThrow(),
                        rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getObject(5, java.util.UUID.class),
                        rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reassign(CustomerId from, CustomerId to) {
        jdbc.sql("UPDATE behaviour_event SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value()).update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void restore(Collection<CustomerId> origins, CustomerId from, CustomerId to) {
        jdbc.sql("UPDATE behaviour_event SET customer_id = ? WHERE customer_id = ? AND origin_customer_id = ANY (?::uuid[])")
                .params(to.value(), from.value(), "{" + String.join(",", origins.stream().map(CustomerId::toString).toList()) + "}")
                .update();
    }

    static Instant earliestAccepted() {
        return Instant.parse("2000-01-01T00:00:00Z");
    }
}
