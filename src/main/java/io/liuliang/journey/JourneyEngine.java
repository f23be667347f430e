package io.liuliang.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.journey.JourneyDefinition.Node;
import io.liuliang.journey.JourneyDefinition.SplitConfig;
import io.liuliang.journey.JourneyDefinition.Variant;
import io.liuliang.journey.JourneyDefinition.WaitConfig;
import io.liuliang.journey.NodeCounters.Counter;
import io.liuliang.segment.CustomerConditions;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs due enrolments: a worker claims a batch with {@code FOR UPDATE SKIP LOCKED} (so instances never take the same
 * enrolment), walks each through its version's graph until it waits or ends, and writes the batch's new states and
 * node counters in the same transaction. An action runs inside a savepoint: when it fails the enrolment retries
 * later with back-off and, after {@link #MAX_ATTEMPTS}, leaves the journey; a refusal by the other module (an
 * unknown template, no stock) is noted and the customer goes on.
 */
@Component
class JourneyEngine implements org.springframework.context.SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JourneyEngine.class);
    static final int MAX_ATTEMPTS = 5;
    static final int MAX_STEPS_PER_RUN = 100;
    static final Duration RETRY_BASE = Duration.ofSeconds(30);
    static final int PERCENT = 100;

    private final JdbcClient jdbc;
    private final JourneyCatalog catalog;
    private final JourneyActions actions;
    private final CustomerConditions conditions;
    private final JsonMapper json;
    private final Clock clock;
    private final ZoneId zone;
    private final int batchSize;
    private final int maxBatchesPerTick;
    private final int workers;
    private final Duration interval;
    private volatile java.util.concurrent.ScheduledExecutorService pool;
    private final TransactionTemplate tx;
    private final TransactionTemplate savepoint;
    private final io.micrometer.core.instrument.Counter stepCounter;
    private final io.micrometer.core.instrument.Counter claimedCounter;

    JourneyEngine(JdbcClient jdbc, JourneyCatalog catalog, JourneyActions actions, CustomerConditions conditions,
                  JsonMapper json, Clock clock, PlatformTransactionManager transactions,
                  io.micrometer.core.instrument.MeterRegistry meters,
                  @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone,
                  @Value("${liuliang.journeys.batch-size:500}") int batchSize,
                  @Value("${liuliang.journeys.max-batches-per-tick:40}") int maxBatchesPerTick,
                  @Value("${liuliang.journeys.workers:2}") int workers,
                  @Value("${liuliang.journeys.engine-interval:200ms}") Duration interval) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.actions = actions;
        this.conditions = conditions;
        this.json = json;
        this.clock = clock;
        this.zone = zone;
        this.batchSize = batchSize;
        this.maxBatchesPerTick = maxBatchesPerTick;
        this.workers = Math.max(1, workers);
        this.interval = interval;
        this.tx = new TransactionTemplate(transactions);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.stepCounter = io.micrometer.core.instrument.Counter.builder("liuliang.journey.steps")
                .description("Journey steps taken by this instance (node arrivals and departures)").register(meters);
        this.claimedCounter = io.micrometer.core.instrument.Counter.builder("liuliang.journey.claimed")
                .description("Due enrolments this instance claimed").register(meters);
    }

    /** Starts {@code liuliang.journeys.workers} workers, each draining due enrolments every {@code engine-interval}. */
    @Override
    public synchronized void start() {
        if (pool != null) {
            return;
        }
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        pool = java.util.concurrent.Executors.newScheduledThreadPool(workers, r -> {
            Thread t = new Thread(r, "journey-engine-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        for (int i = 0; i < workers; i++) {
            pool.scheduleWithFixedDelay(this::drain, interval.toMillis() * (i + 1), interval.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        pool = null;
    }

    @Override
    public boolean isRunning() {
        return pool != null;
    }

    /** Runs batches while they come back full (at most {@code max-batches-per-tick}); failures wait for the next tick. */
    void drain() {
        try {
            for (int i = 0; i < maxBatchesPerTick; i++) {
                if (runBatch() < batchSize) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            log.warn("Journey engine batch failed; it is retried on the next tick", e);
        }
    }

    /** Claims and runs one batch of due enrolments; returns how many were claimed. */
    int runBatch() {
        Integer n = tx.execute(status -> {
            List<Claimed> claimed = new ArrayList<>(claim());
            if (claimed.isEmpty()) {
                return 0;
            }
            // in customer order: actions that lock a customer (a marketing message) then lock in the same order in every
            // worker, so two batches holding enrolments of the same customers do not deadlock
            claimed.sort(java.util.Comparator.comparing((Claimed c) -> c.customer.value()));
            NodeCounters counters = new NodeCounters();
            int before = 0;
            for (Claimed c : claimed) {
                before += c.steps;
                advance(c, counters);
            }
            // messages go out together: each round sends what the enrolments reached, then they walk on
            List<Claimed> sending = pendingMessages(claimed);
            while (!sending.isEmpty()) {
                sendMessages(sending, counters);
                sending = pendingMessages(claimed);
            }
            int after = 0;
            for (Claimed c : claimed) {
                after += c.steps;
            }
            write(claimed);
            counters.flush(jdbc);
            stepCounter.increment(after - before);
            claimedCounter.increment(claimed.size());
            return claimed.size();
        });
        return n == null ? 0 : n;
    }

    /** A claimed enrolment, changed in place as it travels. */
    static final class Claimed {
        final UUID id;
        final UUID journeyId;
        final int version;
        final CustomerId customer;
        String node;
        Instant waitSince;
        String waitEvent;
        String variant;
        String couponCode;
        Instant lastTouch;
        EnrolmentState state = EnrolmentState.ACTIVE;
        Instant dueAt;
        Instant finishedAt;
        int steps;
        int attempts;
        String error;
        /** The send-message node the enrolment stopped at until the batch's messages are sent; null otherwise. */
        Node pendingMessage;

        Claimed(UUID id, UUID journeyId, int version, CustomerId customer, String node, Instant waitSince,
                String variant, String couponCode, Instant lastTouch, int steps, int attempts) {
            this.id = id;
            this.journeyId = journeyId;
            this.version = version;
            this.customer = customer;
            this.node = node;
            this.waitSince = waitSince;
            this.variant = variant;
            this.couponCode = couponCode;
            this.lastTouch = lastTouch;
            this.steps = steps;
            this.attempts = attempts;
        }
    }

    private List<Claimed> claim() {
        return jdbc.sql("SELECT e.id, e.journey_id, e.version, e.customer_id, e.node_id, e.wait_since, e.variant, "
                        + "e.coupon_code, e.last_touch_at, e.steps, e.attempts FROM journey_enrolment e "
                        + "JOIN journey j ON j.id = e.journey_id AND j.status = 'active' "
                        + "WHERE e.state = 'active' AND e.due_at <= now() ORDER BY e.due_at LIMIT ? "
                        + "FOR UPDATE OF e SKIP LOCKED")
                .param(batchSize)
                .query((rs, i) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                        new CustomerId(rs.getObject(4, UUID.class)), rs.getString(5), instant(rs.getTimestamp(6)),
                        rs.getString(7), rs.getString(8), instant(rs.getTimestamp(9)), rs.getInt(10), rs.getInt(11)))
                .list();
    }

    /** Walks the enrolment from its node until it waits, ends, or an action must be retried. */
    Claimed advance(Claimed e, NodeCounters counters) {
        CompiledJourney journey = catalog.version(e.journeyId, e.version);
        Instant now = clock.instant();
        for (int step = 0; step < MAX_STEPS_PER_RUN; step++) {
            Node node = journey.node(e.node);
            boolean arriving = e.waitSince == null;
            if (arriving && e.attempts == 0) {
                counters.add(e.journeyId, e.version, node.id(), Counter.ENTERED);
            }
            e.steps++;
            String handle;
            switch (node.type()) {
                case ENTRY:
                    handle = NodeType.NEXT;
                    break;
                case EXIT:
                    counters.add(e.journeyId, e.version, node.id(), Counter.EXITED);
                    finish(e, EnrolmentState.COMPLETED, now);
                    return e;
                case WAIT: {
                    WaitConfig w = (WaitConfig) node.config();
                    if (arriving) {
                        e.waitSince = now;
                        e.dueAt = waitEnds(w, now);
                        e.waitEvent = w.mode() == WaitMode.EVENT ? waitSpec(w) : null;
                        return e;
                    }
                    handle = w.mode() == WaitMode.EVENT ? WaitConfig.TIMEOUT : NodeType.NEXT;
                    e.waitSince = null;
                    e.waitEvent = null;
                    break;
                }
                case CONDITION: {
                    Set<CustomerId> match = conditions.matching(((JourneyDefinition.ConditionConfig) node.config()).condition(),
                            List.of(e.customer));
                    handle = match.contains(e.customer) ? NodeType.YES : NodeType.NO;
                    break;
                }
                case SPLIT: {
                    SplitConfig s = (SplitConfig) node.config();
                    String chosen = variantOf(s, bucket(e.journeyId, node.id(), e.customer.value()));
                    if (e.variant == null) {
                        e.variant = chosen == null ? SplitConfig.HOLDOUT : chosen;
                    }
                    if (chosen == null) {
                        counters.add(e.journeyId, e.version, node.id(), Counter.EXITED);
                        finish(e, EnrolmentState.EXITED, now);
                        return e;
                    }
                    handle = SplitConfig.VARIANT_PREFIX + chosen;
                    break;
                }
                case SEND_MESSAGE:
                    e.pendingMessage = node;
                    return e;
                default: {
                    if (!act(journey, e, node, now)) {
                        return e;
                    }
                    handle = NodeType.NEXT;
                }
            }
            pass(journey, e, node, handle, counters);
        }
        // a very long chain of instant steps: go on in the next batch
        e.dueAt = now;
        return e;
    }

    private static void pass(CompiledJourney journey, Claimed e, Node node, String handle, NodeCounters counters) {
        counters.add(e.journeyId, e.version, node.id(), Counter.PASSED);
        e.node = journey.target(node.id(), handle);
        e.attempts = 0;
    }

    private static List<Claimed> pendingMessages(List<Claimed> claimed) {
        List<Claimed> pending = new ArrayList<>();
        for (Claimed c : claimed) {
            if (c.pendingMessage != null) {
                pending.add(c);
            }
        }
        return pending;
    }

    /**
     * Sends the messages the enrolments stopped for, all in one savepoint (a few queries however many), and walks each
     * enrolment on. When the batch fails they are sent one by one, so a failure stays with its own enrolment.
     */
    private void sendMessages(List<Claimed> pending, NodeCounters counters) {
        Instant now = clock.instant();
        List<JourneyActions.Message> messages = new ArrayList<>(pending.size());
        for (Claimed c : pending) {
            messages.add(new JourneyActions.Message(catalog.version(c.journeyId, c.version), c.id, c.customer,
                    c.couponCode, c.pendingMessage));
        }
        List<JourneyActions.Done> done;
        try {
            done = savepoint.execute(s -> actions.sendAll(messages));
        } catch (RuntimeException batchFailed) {
            log.debug("A batch of {} journey messages failed; sending them one by one", pending.size(), batchFailed);
            done = null;
        }
        for (int i = 0; i < pending.size(); i++) {
            Claimed c = pending.get(i);
            Node node = c.pendingMessage;
            CompiledJourney journey = messages.get(i).journey();
            c.pendingMessage = null;
            if (done != null) {
                applied(c, done.get(i), now);
            } else if (!act(journey, c, node, now)) {
                continue;
            }
            pass(journey, c, node, NodeType.NEXT, counters);
            advance(c, counters);
        }
    }

    private static void applied(Claimed e, JourneyActions.Done done, Instant now) {
        if (done != null) {
            if (done.couponCode() != null) {
                e.couponCode = done.couponCode();
            }
            if (done.touched()) {
                e.lastTouch = now;
            }
            e.error = done.note();
        }
    }

    /** Runs an action node in a savepoint; false when it failed and the enrolment retries later (or gave up). */
    private boolean act(CompiledJourney journey, Claimed e, Node node, Instant now) {
        try {
            applied(e, savepoint.execute(s -> actions.run(journey, e.id, e.customer, e.couponCode, node)), now);
            return true;
        } catch (ApiProblemException | IllegalArgumentException refused) {
            // the other module refuses for good (an unknown template, a value the field does not take): go on
            e.error = node.id() + ": " + refused.getMessage();
            return true;
        } catch (RuntimeException failed) {
            e.attempts++;
            e.error = node.id() + ": " + failed.getMessage();
            if (e.attempts >= MAX_ATTEMPTS) {
                log.warn("Enrolment {} gave up at node {} after {} attempts", e.id, node.id(), e.attempts, failed);
                finish(e, EnrolmentState.EXITED, now);
            } else {
                e.waitSince = null;
                e.dueAt = now.plus(RETRY_BASE.multipliedBy(1L << (e.attempts - 1)));
            }
            return false;
        }
    }

    private static void finish(Claimed e, EnrolmentState state, Instant now) {
        e.state = state;
        e.finishedAt = now;
        e.dueAt = null;
        e.waitSince = null;
        e.waitEvent = null;
    }

    Instant waitEnds(WaitConfig w, Instant now) {
        switch (w.mode()) {
            case DURATION:
                return now.plus(Duration.ofMinutes(w.minutes()));
            case TIME_OF_DAY: {
                ZonedDateTime local = now.atZone(zone);
                ZonedDateTime at = local.with(LocalTime.parse(w.time()));
                if (!at.isAfter(local)) {
                    at = at.plusDays(1);
                }
                return at.toInstant();
            }
            default:
                return now.plus(Duration.ofMinutes(w.timeoutMinutes()));
        }
    }

    private String waitSpec(WaitConfig w) {
        ObjectNode spec = json.createObjectNode();
        spec.put("eventType", w.eventType());
        spec.put("customName", w.customName());
        ArrayNode filters = spec.putArray("filters");
        for (JourneyDefinition.PropertyFilter f : w.filters()) {
            ObjectNode o = filters.addObject();
            o.put("property", f.property());
            o.put("operator", f.operator().code());
            o.put("value", f.value());
        }
        return spec.toString();
    }

    /** A customer's bucket 0..99 for a split: stable per journey, node and customer. */
    static int bucket(UUID journey, String node, UUID customer) {
        long h = journey.getMostSignificantBits() ^ Long.rotateLeft(journey.getLeastSignificantBits(), 17)
                ^ customer.getMostSignificantBits() * 0x9E3779B97F4A7C15L ^ customer.getLeastSignificantBits()
                ^ (long) node.hashCode() << 32;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) Math.floorMod(h, (long) PERCENT);
    }

    /** The variant for a bucket; null for the holdout (the last {@code holdoutPercent} buckets). */
    static String variantOf(SplitConfig split, int bucket) {
        int upTo = 0;
        for (Variant v : split.variants()) {
            upTo += v.percent();
            if (bucket < upTo) {
                return v.key();
            }
        }
        return null;
    }

    private void write(List<Claimed> results) {
        int n = results.size();
        UUID[] ids = new UUID[n];
        String[] nodes = new String[n];
        String[] states = new String[n];
        java.sql.Timestamp[] due = new java.sql.Timestamp[n];
        java.sql.Timestamp[] since = new java.sql.Timestamp[n];
        String[] waits = new String[n];
        String[] variants = new String[n];
        String[] coupons = new String[n];
        java.sql.Timestamp[] touches = new java.sql.Timestamp[n];
        java.sql.Timestamp[] finished = new java.sql.Timestamp[n];
        Integer[] steps = new Integer[n];
        Integer[] attempts = new Integer[n];
        String[] errors = new String[n];
        for (int i = 0; i < n; i++) {
            Claimed c = results.get(i);
            ids[i] = c.id;
            nodes[i] = c.node;
            states[i] = c.state.code();
            due[i] = ts(c.dueAt);
            since[i] = ts(c.waitSince);
            waits[i] = c.waitEvent;
            variants[i] = c.variant;
            coupons[i] = c.couponCode;
            touches[i] = ts(c.lastTouch);
            finished[i] = ts(c.finishedAt);
            steps[i] = c.steps;
            attempts[i] = c.attempts;
            errors[i] = c.error == null ? null : c.error.length() > 500 ? c.error.substring(0, 500) : c.error;
        }
        jdbc.sql("UPDATE journey_enrolment e SET node_id = u.node, state = u.state, due_at = u.due, wait_since = u.since, "
                        + "wait_event = u.wait::jsonb, variant = u.variant, coupon_code = u.coupon, last_touch_at = u.touch, "
                        + "finished_at = u.finished, steps = u.steps, attempts = u.attempts, "
                        + "last_error = coalesce(u.error, e.last_error) "
                        + "FROM unnest(?::uuid[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::text[], "
                        + "?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[], ?::int[], ?::int[], ?::text[]) "
                        + "AS u(id, node, state, due, since, wait, variant, coupon, touch, finished, steps, attempts, error) "
                        + "WHERE e.id = u.id")
                .params(ids, nodes, states, due, since, waits, variants, coupons, touches, finished, steps, attempts, errors)
                .update();
    }

    private static java.sql.Timestamp ts(Instant i) {
        return i == null ? null : java.sql.Timestamp.from(i);
    }

    private static Instant instant(java.sql.Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
