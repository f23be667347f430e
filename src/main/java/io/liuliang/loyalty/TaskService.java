package io.liuliang.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.customer.Customers;
import io.liuliang.event.EventType;
import io.liuliang.event.Events;
import io.liuliang.shared.ApiProblemException;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.FieldError;

/**
 * Tasks and badges. A task is completed through the API (a check-in, a share the app reports) or by a matching
 * behaviour event ({@code share}, {@code review}, a custom event by name, polled a few seconds after it arrives); each completion is counted once by its
 * source (the request id or the event id), within the task's limit per period (day, ISO week, month in the merchant's
 * zone, or once), and earns its reward on the ledger. Badges are awarded once when their rule is met (points earned,
 * earning orders, reviews, tasks completed), checked after every completion and earning order.
 */
@Service
class TaskService {

    private final JdbcClient jdbc;
    private final LoyaltyStore store;
    private final PointsLedger ledger;
    private final Events events;
    private final Customers customers;
    private final MemberEnrolment enrolment;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final ZoneId zone;
    private final org.springframework.transaction.support.TransactionTemplate tx;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TaskService.class);

    TaskService(JdbcClient jdbc, LoyaltyStore store, PointsLedger ledger, Events events, Customers customers,
                MemberEnrolment enrolment, ApplicationEventPublisher publisher, Clock clock,
                @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone,
                org.springframework.transaction.PlatformTransactionManager transactions) {
        this.tx = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.jdbc = jdbc;
        this.store = store;
        this.ledger = ledger;
        this.events = events;
        this.customers = customers;
        this.enrolment = enrolment;
        this.publisher = publisher;
        this.clock = clock;
        this.zone = zone;
    }

    enum Period implements LoyaltyEnums.Coded {
        DAILY, WEEKLY, MONTHLY, ONCE;

        @Override
        public String code() {
            return name().toLowerCase();
        }
    }

    enum Action implements LoyaltyEnums.Coded {
        CHECK_IN, SHARE, REVIEW, CUSTOM_EVENT;

        @Override
        public String code() {
            return name().toLowerCase();
        }
    }

    record Task(UUID id, String code, String name, String description, Period period, Action action, String eventName,
                long rewardPoints, int limitPerPeriod, boolean active) {
    }

    record Badge(UUID id, String code, String name, String description, String rule, long threshold, boolean active) {
    }

    record TaskInput(String code, String name, String description, String period, String action, String eventName,
                     Long rewardPoints, Integer limitPerPeriod, Boolean active) {
    }

    record BadgeInput(String code, String name, String description, String rule, Long threshold, Boolean active) {
    }

    static final List<String> BADGE_RULES = List.of("points_earned", "orders", "reviews", "tasks_completed");

    List<Task> tasks() {
        return jdbc.sql("SELECT * FROM loyalty_task ORDER BY created_at, code").query((rs, n) -> new Task(
                rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"), rs.getString("description"),
                Period.valueOf(rs.getString("period").toUpperCase()), Action.valueOf(rs.getString("action").toUpperCase()),
                rs.getString("event_name"), rs.getLong("reward_points"), rs.getInt("limit_per_period"),
                rs.getBoolean("active"))).list();
    }

    List<Badge> badges() {
        return jdbc.sql("SELECT * FROM loyalty_badge ORDER BY threshold, code").query((rs, n) -> new Badge(
                rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"), rs.getString("description"),
                rs.getString("rule"), rs.getLong("threshold"), rs.getBoolean("active"))).list();
    }

    /** Creates or changes (by code) a task. */
    @Transactional
    Task saveTask(TaskInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            throw ApiProblemException.invalid("body", "a task is required");
        }
        String code = code(in.code(), errors);
        String name = name(in.name(), errors);
        Period period = coded(Period.class, in.period(), "period", errors);
        Action action = coded(Action.class, in.action(), "action", errors);
        String eventName = in.eventName() == null || in.eventName().isBlank() ? null : in.eventName().trim();
        if (action == Action.CUSTOM_EVENT && eventName == null) {
            errors.add(new FieldError("eventName", "is required for a custom_event task: the custom event's name"));
        } else if (action != Action.CUSTOM_EVENT && eventName != null) {
            errors.add(new FieldError("eventName", "applies to custom_event tasks only"));
        }
        if (in.rewardPoints() == null || in.rewardPoints() < 1 || in.rewardPoints() > LoyaltyService.MAX_POINTS_PER_ENTRY) {
            errors.add(new FieldError("rewardPoints", "must be a positive whole number of points"));
        }
        int limit = in.limitPerPeriod() == null ? 1 : in.limitPerPeriod();
        if (limit < 1 || limit > 1_000) {
            errors.add(new FieldError("limitPerPeriod", "must be between 1 and 1000"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        jdbc.sql("""
                INSERT INTO loyalty_task (id, code, name, description, period, action, event_name, reward_points,
                                          limit_per_period, active)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, description = excluded.description,
                    period = excluded.period, action = excluded.action, event_name = excluded.event_name,
                    reward_points = excluded.reward_points, limit_per_period = excluded.limit_per_period,
                    active = excluded.active""")
                .params(UUID.randomUUID(), code, name, in.description(), period.code(), action.code(), eventName,
                        in.rewardPoints(), limit, in.active() == null || in.active())
                .update();
        return tasks().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
    }

    /** Creates or changes (by code) a badge. */
    @Transactional
    Badge saveBadge(BadgeInput in) {
        List<FieldError> errors = new ArrayList<>();
        if (in == null) {
            throw ApiProblemException.invalid("body", "a badge is required");
        }
        String code = code(in.code(), errors);
        String name = name(in.name(), errors);
        if (in.rule() == null || !BADGE_RULES.contains(in.rule())) {
            errors.add(new FieldError("rule", "must be one of " + String.join(", ", BADGE_RULES)));
        }
        if (in.threshold() == null || in.threshold() < 1) {
            errors.add(new FieldError("threshold", "must be a positive whole number"));
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalid(errors);
        }
        jdbc.sql("""
                INSERT INTO loyalty_badge (id, code, name, description, rule, threshold, active) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, description = excluded.description,
                    rule = excluded.rule, threshold = excluded.threshold, active = excluded.active""")
                .params(UUID.randomUUID(), code, name, in.description(), in.rule(), in.threshold(),
                        in.active() == null || in.active())
                .update();
        return badges().stream().filter(b -> b.code().equals(code)).findFirst().orElseThrow();
    }

    /** What completing a task did. */
    record Completion(String task, String periodKey, long points, long balance, boolean replayed, int doneThisPeriod,
                      int limitPerPeriod) {
    }

    /** Completes a task for a member through the API, once per request id, within the period's limit (409 beyond). */
    @Transactional
    Completion complete(UUID customerId, String taskCode, String requestId) {
        if (requestId == null || requestId.isBlank() || requestId.length() > LoyaltyService.MAX_KEY) {
            throw ApiProblemException.invalid("requestId", "is required (at most " + LoyaltyService.MAX_KEY
                    + " characters): it makes a retry safe");
        }
        Task task = tasks().stream().filter(t -> t.code().equals(taskCode) && t.active()).findFirst()
                .orElseThrow(() -> ApiProblemException.notFound("active task", taskCode));
        UUID customer = memberOrEnrol(customerId);
        Completion c = record(customer, task, "task:" + task.code() + ":request:" + requestId.trim(), clock.instant());
        if (c == null) {
            throw ApiProblemException.conflict("task " + task.name() + " was already done " + task.limitPerPeriod()
                    + " time(s) " + periodWords(task.period()));
        }
        return c;
    }

    /** The check-in of the day: the first active check_in task, once per day whatever the request. */
    @Transactional
    Completion checkIn(UUID customerId) {
        Task task = tasks().stream().filter(t -> t.action() == Action.CHECK_IN && t.active()).findFirst()
                .orElseThrow(() -> ApiProblemException.notFound("check-in task", "(none is set up)"));
        UUID customer = memberOrEnrol(customerId);
        Instant now = clock.instant();
        Completion c = record(customer, task, "task:" + task.code() + ":checkin:" + customer + ":" + periodKey(task.period(), now),
                now);
        if (c == null) {
            throw ApiProblemException.conflict("already checked in " + periodWords(task.period()));
        }
        return c;
    }

    private UUID memberOrEnrol(UUID customerId) {
        UUID customer = customers.survivorOf(new CustomerId(customerId)).map(CustomerId::value)
                .orElseThrow(() -> ApiProblemException.notFound("customer", customerId));
        if (store.member(customer).isEmpty()) {
            LoyaltyProgram p = store.program().orElseThrow(() -> ApiProblemException.notFound("loyalty program",
                    "(not set up yet)"));
            if (!p.autoEnrol()) {
                throw ApiProblemException.notFound("loyalty member", customerId);
            }
            enrolment.enrol(customer, "task", clock.instant());
        }
        return customer;
    }

    /**
     * Records one completion under the member's lock; null when the period's limit is reached. A source seen before
     * is answered as a replay.
     */
    private Completion record(UUID customer, Task task, String source, Instant at) {
        LoyaltyStore.Member member = store.lockMember(customer).orElseThrow();
        String period = periodKey(task.period(), at);
        Optional<Long> before = jdbc.sql("SELECT points FROM loyalty_task_completion WHERE source_key = ?").param(source)
                .query(Long.class).optional();
        int done = jdbc.sql("SELECT count(*) FROM loyalty_task_completion WHERE customer_id = ? AND task_id = ? "
                        + "AND period_key = ?").params(customer, task.id(), period).query(Integer.class).single();
        if (before.isPresent()) {
            return new Completion(task.code(), period, before.get(), store.member(customer).orElseThrow().balance(), true,
                    done, task.limitPerPeriod());
        }
        if (done >= task.limitPerPeriod()) {
            return null;
        }
        jdbc.sql("INSERT INTO loyalty_task_completion (task_id, customer_id, origin_customer_id, period_key, source_key, "
                        + "points, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(task.id(), customer, customer, period, source, task.rewardPoints(), LoyaltyStore.ts(at)).update();
        LoyaltyProgram program = store.program().orElseThrow();
        PointsLedger.Posted posted = ledger.post(customer, EntryKind.EARN, task.rewardPoints(), source, "task " + task.name(),
                null, program.expiresAt(clock.instant(), zone), null, PointsLedger.Shortfall.REFUSE, null);
        publisher.publishEvent(new TaskCompleted(new CustomerId(customer), task.code(), period, task.rewardPoints(), at));
        awardBadges(customer);
        return new Completion(task.code(), period, task.rewardPoints(), posted.entry().balanceAfter(), false, done + 1,
                task.limitPerPeriod());
    }

    /**
     * Shares, reviews and custom events complete their tasks (each event once, within the limits). New events are
     * polled every {@code liuliang.loyalty.event-task-interval} rather than listened to, so event ingestion pays no
     * publication per request for it: one instance at a time (the program row is the lock, skipped when taken) reads
     * the events received since its watermark, re-reading {@link #OVERLAP} before it so that a transaction committed
     * late is not missed (the events' sources make a re-read change nothing), and moves the watermark on.
     */
    @Scheduled(fixedDelayString = "${liuliang.loyalty.event-task-interval:PT2S}", initialDelayString = "PT5S")
    void pollEvents() {
        try {
            Instant[] from = {null};
            while (true) {
                Instant next = tx.execute(s -> processBatch(from[0]));
                if (next == null) {
                    break;
                }
                from[0] = next;
            }
        } catch (RuntimeException e) {
            log.warn("Loyalty event tasks failed (will retry): {}", e.getMessage(), e);
        }
    }

    static final java.time.Duration OVERLAP = java.time.Duration.ofSeconds(30);
    static final int EVENT_BATCH = 1_000;

    /**
     * One batch under the program row's lock, from {@code from} (null: the watermark less the overlap); returns where
     * the next batch starts when this one was full and moved forward, else null.
     */
    private Instant processBatch(Instant from) {
        record Watermark(boolean enabled, Instant earnFrom, Instant mark) {
        }
        Optional<Watermark> locked = jdbc.sql("SELECT enabled, earn_from, event_watermark FROM loyalty_program WHERE id = 1 "
                        + "FOR UPDATE SKIP LOCKED")
                .query((rs, n) -> new Watermark(rs.getBoolean(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant())).optional();
        if (locked.isEmpty() || !locked.get().enabled()) {
            return null;
        }
        List<Task> eventTasks = tasks().stream().filter(t -> t.active() && t.action() != Action.CHECK_IN).toList();
        Instant mark = locked.get().mark() == null ? locked.get().earnFrom() : locked.get().mark();
        if (eventTasks.isEmpty()) {
            jdbc.sql("UPDATE loyalty_program SET event_watermark = greatest(coalesce(event_watermark, ?), ?) WHERE id = 1")
                    .params(LoyaltyStore.ts(mark), LoyaltyStore.ts(clock.instant().minus(OVERLAP))).update();
            return null;
        }
        Instant since = from != null ? from : mark.minus(OVERLAP);
        List<io.liuliang.event.ReceivedEvent> batch = events.engagementReceivedSince(since, EVENT_BATCH);
        Instant newest = since;
        for (io.liuliang.event.ReceivedEvent e : batch) {
            if (e.receivedAt().isAfter(newest)) {
                newest = e.receivedAt();
            }
            if (e.occurredAt().isBefore(locked.get().earnFrom())) {
                continue;
            }
            for (Task t : eventTasks) {
                if (matches(t, e)) {
                    UUID customer = customers.survivorOf(e.customer()).map(CustomerId::value).orElse(null);
                    if (customer == null) {
                        continue;
                    }
                    if (store.member(customer).isEmpty()) {
                        if (!store.program().map(LoyaltyProgram::autoEnrol).orElse(false)) {
                            continue;
                        }
                        enrolment.enrol(customer, "task", clock.instant());
                    }
                    record(customer, t, "task:" + t.code() + ":event:" + e.eventId() + ":" + e.occurredAt(), e.occurredAt());
                }
            }
        }
        if (newest.isAfter(mark)) {
            jdbc.sql("UPDATE loyalty_program SET event_watermark = ? WHERE id = 1").param(LoyaltyStore.ts(newest)).update();
        }
        // the next batch starts at this one's newest event (re-read, harmlessly) as long as that moves forward
        return batch.size() == EVENT_BATCH && newest.isAfter(since) ? newest : null;
    }

    private static boolean matches(Task t, io.liuliang.event.ReceivedEvent e) {
        return switch (t.action()) {
            case SHARE -> e.type() == EventType.SHARE;
            case REVIEW -> e.type() == EventType.REVIEW;
            case CUSTOM_EVENT -> e.type() == EventType.CUSTOM && t.eventName().equals(e.customName());
            case CHECK_IN -> false;
        };
    }

    /** Awards every active badge whose rule the member meets now (each once). */
    void awardBadges(UUID customer) {
        List<Badge> open = jdbc.sql("SELECT b.* FROM loyalty_badge b WHERE b.active AND NOT EXISTS (SELECT 1 FROM "
                        + "loyalty_badge_award a WHERE a.badge_id = b.id AND a.customer_id = ?)")
                .param(customer).query((rs, n) -> new Badge(rs.getObject("id", UUID.class), rs.getString("code"),
                        rs.getString("name"), rs.getString("description"), rs.getString("rule"), rs.getLong("threshold"),
                        true)).list();
        if (open.isEmpty()) {
            return;
        }
        Map<String, Long> measures = jdbc.sql("""
                SELECT (SELECT coalesce(sum(points), 0) FROM points_entry WHERE customer_id = :c AND kind = 'earn') AS points_earned,
                       (SELECT count(*) FROM points_order WHERE customer_id = :c AND earned > reversed) AS orders,
                       (SELECT count(*) FROM loyalty_task_completion x JOIN loyalty_task t ON t.id = x.task_id
                        WHERE x.customer_id = :c AND t.action = 'review') AS reviews,
                       (SELECT count(*) FROM loyalty_task_completion WHERE customer_id = :c) AS tasks_completed""")
                .param("c", customer)
                .query(rs -> {
                    rs.next();
                    return Map.of("points_earned", rs.getLong(1), "orders", rs.getLong(2), "reviews", rs.getLong(3),
                            "tasks_completed", rs.getLong(4));
                });
        Instant now = clock.instant();
        for (Badge b : open) {
            if (measures.getOrDefault(b.rule(), 0L) >= b.threshold()) {
                int added = jdbc.sql("INSERT INTO loyalty_badge_award (customer_id, badge_id, origin_customer_id, awarded_at) "
                                + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(customer, b.id(), customer, LoyaltyStore.ts(now)).update();
                if (added > 0) {
                    publisher.publishEvent(new BadgeAwarded(new CustomerId(customer), b.code(), b.name(), now));
                }
            }
        }
    }

    /** A task with the member's progress in its current period. */
    record TaskProgress(Task task, String periodKey, int done, boolean available) {
    }

    List<TaskProgress> progress(UUID customer) {
        Instant now = clock.instant();
        List<Task> active = tasks().stream().filter(Task::active).toList();
        if (active.isEmpty()) {
            return List.of();
        }
        // this period's completions of every active task, in one query
        UUID[] ids = active.stream().map(Task::id).toArray(UUID[]::new);
        String[] periods = active.stream().map(t -> periodKey(t.period(), now)).toArray(String[]::new);
        Map<UUID, Integer> done = new java.util.HashMap<>();
        jdbc.sql("SELECT k.task_id, count(c.id) FROM unnest(?::uuid[], ?::text[]) AS k(task_id, period_key) "
                        + "LEFT JOIN loyalty_task_completion c ON c.task_id = k.task_id AND c.period_key = k.period_key "
                        + "AND c.customer_id = ? GROUP BY k.task_id")
                .params(ids, periods, customer)
                .query(rs -> {
                    done.put(rs.getObject(1, UUID.class), rs.getInt(2));
                });
        List<TaskProgress> out = new ArrayList<>(active.size());
        for (int i = 0; i < active.size(); i++) {
            Task t = active.get(i);
            int n = done.getOrDefault(t.id(), 0);
            out.add(new TaskProgress(t, periods[i], n, n < t.limitPerPeriod()));
        }
        return out;
    }

    record AwardedBadge(Badge badge, Instant awardedAt) {
    }

    List<AwardedBadge> badgesOf(UUID customer) {
        return jdbc.sql("SELECT b.*, a.awarded_at FROM loyalty_badge_award a JOIN loyalty_badge b ON b.id = a.badge_id "
                        + "WHERE a.customer_id = ? ORDER BY a.awarded_at")
                .param(customer).query((rs, n) -> new AwardedBadge(new Badge(rs.getObject("id", UUID.class),
                        rs.getString("code"), rs.getString("name"), rs.getString("description"), rs.getString("rule"),
                        rs.getLong("threshold"), rs.getBoolean("active")), rs.getTimestamp("awarded_at").toInstant()))
                .list();
    }

    String periodKey(Period period, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        return switch (period) {
            case DAILY -> day.toString();
            case WEEKLY -> String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> day.toString().substring(0, 7);
            case ONCE -> "once";
        };
    }

    private static String periodWords(Period period) {
        return switch (period) {
            case DAILY -> "today";
            case WEEKLY -> "this week";
            case MONTHLY -> "this month";
            case ONCE -> "(it can be done once)";
        };
    }

    private static String code(String raw, List<FieldError> errors) {
        String code = raw == null ? "" : raw.trim();
        if (!code.matches("[a-z][a-z0-9_]{0,39}")) {
            errors.add(new FieldError("code", "must be 1–40 lower-case letters, digits or _ (e.g. daily_check_in)"));
        }
        return code;
    }

    private static String name(String raw, List<FieldError> errors) {
        String name = raw == null ? "" : raw.trim();
        if (name.isEmpty() || name.length() > 60) {
            errors.add(new FieldError("name", "is required (at most 60 characters)"));
        }
        return name;
    }

    private static <E extends Enum<E> & LoyaltyEnums.Coded> E coded(Class<E> type, String code, String field,
                                                                    List<FieldError> errors) {
        E value = LoyaltyEnums.of(type, code == null ? null : code.trim()).orElse(null);
        if (value == null) {
            errors.add(new FieldError(field, "must be one of " + LoyaltyEnums.codes(type)));
        }
        return value;
    }
}
