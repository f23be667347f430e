package io.liuliang.event;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * Writes a batch of events with one {@code INSERT … SELECT FROM unnest(arrays) ON CONFLICT DO NOTHING} into monthly
 * partitions. The partitions that exist are read once; a month's partition is created only when an event needs it
 * and it does not exist yet (in its own short transaction, serialised by an advisory lock so that instances do not
 * race, created apart and then attached so that readers and writers of other months are not held up); this month's
 * and next month's are created ahead, at start-up and every hour.
 */
@Service
class EventStore implements Events, CustomerDataOwner {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EventStore.class);
    private static final long PARTITION_LOCK = 0x4556454e54L; // "EVENT"
    private final JdbcClient jdbc;
    private final TransactionTemplate newTransaction;
    private static final java.util.regex.Pattern PARTITION_NAME =
            java.util.regex.Pattern.compile("behaviour_event_y(\\d{4})m(\\d{2})");
    /**
     * One statement for any batch size, so the server plans it once per connection: the events come as one array per
     * column and are unnested, and the keys of the rows that were new come back, so the rest are the duplicates of a
     * retry. Rows go in in key order, so that concurrent inserts of overlapping events take their key locks in the same
     * order and cannot deadlock.
     */
    private static final String INSERT = """
            INSERT INTO behaviour_event (event_id, occurred_at, type, custom_name, customer_id, origin_customer_id,
                                         anonymous_id, shop_id, properties, source)
            SELECT e.event_id, e.occurred_at::timestamptz, e.type, e.custom_name, e.customer_id::uuid, e.origin::uuid,
                   e.anonymous_id, e.shop_id::uuid, e.properties::jsonb, e.source
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                        ?::text[], ?::text[])
                 AS e(event_id, occurred_at, type, custom_name, customer_id, origin, anonymous_id, shop_id, properties,
                      source)
            ORDER BY 1, 2
            ON CONFLICT (event_id, occurred_at) DO NOTHING
            RETURNING event_id, occurred_at""";

    /** An event's key as stored: its id and its time in microseconds. */
    private record Key(String eventId, Instant occurredAt) {
    }

    private final Set<YearMonth> knownPartitions = ConcurrentHashMap.newKeySet();
    private volatile boolean existingLoaded;

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
        int n = events.size();
        // the first of several equal events is the one stored; the others are duplicates without asking the database
        Map<Key, Integer> firsts = new HashMap<>(n * 2);
        List<Integer> sent = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            if (firsts.putIfAbsent(new Key(e.eventId(), e.occurredAt().truncatedTo(ChronoUnit.MICROS)), i) == null) {
                sent.add(i);
            }
        }
        int m = sent.size();
        Set<YearMonth> months = new HashSet<>();
        String[] ids = new String[m];
        String[] times = new String[m];
        String[] types = new String[m];
        String[] names = new String[m];
        String[] customers = new String[m];
        String[] origins = new String[m];
        String[] anonymous = new String[m];
        String[] shops = new String[m];
        String[] properties = new String[m];
        String[] sources = new String[m];
        for (int k = 0; k < m; k++) {
            NewEvent e = events.get(sent.get(k));
            months.add(YearMonth.from(e.occurredAt().atOffset(ZoneOffset.UTC)));
            ids[k] = e.eventId();
            times[k] = e.occurredAt().truncatedTo(ChronoUnit.MICROS).toString();
            types[k] = e.type().code();
            names[k] = e.customName();
            customers[k] = e.customerId() == null ? null : e.customerId().value().toString();
            origins[k] = e.originCustomerId() == null ? null : e.originCustomerId().value().toString();
            anonymous[k] = e.anonymousId();
            shops[k] = e.shopId() == null ? null : e.shopId().toString();
            properties[k] = e.propertiesJson() == null ? "{}" : e.propertiesJson();
            sources[k] = e.source();
        }
        ensurePartitions(months);
        boolean[] inserted = new boolean[n];
        jdbc.sql(INSERT).params(ids, times, types, names, customers, origins, anonymous, shops, properties, sources)
                .query(rs -> {
                    Integer index = firsts.get(new Key(rs.getString(1),
                            rs.getObject(2, java.time.OffsetDateTime.class).toInstant()));
                    if (index == null) {
                        throw new IllegalStateException("the database stored an event that was not sent: "
                                + rs.getString(1));
                    }
                    inserted[index] = true;
                });
        List<Boolean> result = new ArrayList<>(n);
        Set<CustomerId> recorded = new HashSet<>();
        for (int i = 0; i < n; i++) {
            NewEvent e = events.get(i);
            result.add(inserted[i]);
            if (inserted[i] && e.customerId() != null) {
                recorded.add(e.customerId());
            }
        }
        if (!recorded.isEmpty()) {
            publisher.publishEvent(new EventsRecorded(recorded));
        }
        return result;
    }

    private void ensurePartitions(Collection<YearMonth> months) {
        if (knownPartitions.containsAll(months)) {
            return;
        }
        if (!existingLoaded) {
            jdbc.sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                            + "WHERE i.inhparent = 'behaviour_event'::regclass")
                    .query(String.class).list().stream()
                    .map(EventStore::monthOf).filter(java.util.Objects::nonNull).forEach(knownPartitions::add);
            existingLoaded = true;
        }
        Set<YearMonth> missing = new TreeSet<>(months);
        missing.removeAll(knownPartitions);
        if (missing.isEmpty()) {
            return;
        }
        newTransaction.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(PARTITION_LOCK).query((rs, n) -> 1).list();
            for (YearMonth month : missing) {
                io.liuliang.shared.MonthlyPartitions.ensure(jdbc, "behaviour_event", month);
            }
        });
        knownPartitions.addAll(missing);
    }

    /**
     * Creates this month's and the next month's partitions ahead of the events that need them, at start-up and
     * hourly, so that a request rarely has to.
     */
    @org.springframework.context.event.EventListener(org.springframework.boot.context.event.ApplicationReadyEvent.class)
    @org.springframework.scheduling.annotation.Scheduled(cron = "0 17 * * * *", zone = "UTC")
    void createUpcomingPartitions() {
        YearMonth now = YearMonth.now(java.time.Clock.systemUTC());
        try {
            ensurePartitions(List.of(now, now.plusMonths(1)));
        } catch (RuntimeException e) {
            log.warn("Could not create the event partitions for {} and {} (an event needing one creates it): {}",
                    now, now.plusMonths(1), e.getMessage());
        }
    }

    /** The month of a partition named by {@link #partitionName}, or null for any other table. */
    static YearMonth monthOf(String partition) {
        java.util.regex.Matcher m = PARTITION_NAME.matcher(partition);
        return m.matches() ? YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))) : null;
    }

    static String partitionName(YearMonth month) {
        return io.liuliang.shared.MonthlyPartitions.name("behaviour_event", month);
    }

    @Override
    public List<ReceivedEvent> engagementReceivedSince(Instant since, int limit) {
        return jdbc.sql("SELECT event_id, type, custom_name, customer_id, occurred_at, received_at FROM behaviour_event "
                        + "WHERE type IN ('share', 'review', 'custom') AND customer_id IS NOT NULL AND received_at >= ? "
                        + "ORDER BY received_at, event_id LIMIT ?")
                .params(java.time.OffsetDateTime.ofInstant(since, ZoneOffset.UTC), limit)
                .query((rs, n) -> new ReceivedEvent(rs.getString(1), EventType.ofCode(rs.getString(2)).orElseThrow(),
                        rs.getString(3), new CustomerId(rs.getObject(4, java.util.UUID.class)),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
                .list();
    }

    @Override
    public List<ObservedEvent> receivedSince(java.util.Set<EventType> types, Instant since, int limit) {
        if (types.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT event_id, type, custom_name, customer_id, shop_id, occurred_at, received_at, properties::text "
                        + "FROM behaviour_event WHERE received_at >= ? AND type = ANY (?::text[]) AND customer_id IS NOT NULL "
                        + "ORDER BY received_at, event_id LIMIT ?")
                .params(java.time.OffsetDateTime.ofInstant(since, ZoneOffset.UTC),
                        types.stream().map(EventType::code).toArray(String[]::new), limit)
                .query((rs, n) -> new ObservedEvent(rs.getString(1), EventType.ofCode(rs.getString(2)).orElseThrow(),
                        rs.getString(3), new CustomerId(rs.getObject(4, java.util.UUID.class)),
                        rs.getObject(5, java.util.UUID.class), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .list();
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
