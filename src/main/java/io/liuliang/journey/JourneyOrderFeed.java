package io.liuliang.journey;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.liuliang.order.OrderActivity;
import io.liuliang.order.Orders;
import io.liuliang.order.OrdersChanged;
import io.liuliang.shared.CustomerId;

/**
 * Reacts to changed orders: enrols customers in journeys that start on an order (placed, first, delivered,
 * refunded), wakes enrolments waiting for an order, converts enrolments whose goal is an order (ending them when the
 * goal says so) and attributes the order to every enrolment whose last message or step lies within its journey's
 * conversion window. Each activity is acted on once: entry slots, conversions and wakes are keyed by it.
 */
@Component
class JourneyOrderFeed {

    private final Orders orders;
    private final JourneyCatalog catalog;
    private final Enroller enroller;
    private final JourneyWaits waits;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration lookback;

    JourneyOrderFeed(Orders orders, JourneyCatalog catalog, Enroller enroller, JourneyWaits waits, JdbcClient jdbc,
                     Clock clock, @Value("${liuliang.journeys.order-lookback:2d}") Duration lookback) {
        this.orders = orders;
        this.catalog = catalog;
        this.enroller = enroller;
        this.waits = waits;
        this.jdbc = jdbc;
        this.clock = clock;
        this.lookback = lookback;
    }

    @ApplicationModuleListener
    void on(OrdersChanged changed) {
        if (changed.customers().isEmpty() || !anyJourneys()) {
            return;
        }
        List<OrderActivity> activity = orders.activityOf(changed.customers(), clock.instant().minus(lookback));
        if (activity.isEmpty()) {
            return;
        }
        enter(activity);
        List<JourneyWaits.Happening> placed = new ArrayList<>();
        for (OrderActivity a : activity) {
            if (a.kind() == OrderActivity.Kind.PLACED) {
                placed.add(new JourneyWaits.Happening(a.customer(), DefinitionParser.ORDER_PLACED, null, null, a.at()));
            }
        }
        waits.wake(placed);
        convert(activity);
    }

    private boolean anyJourneys() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM journey WHERE status <> 'draft')").query(Boolean.class).single();
    }

    private void enter(List<OrderActivity> activity) {
        Map<CompiledJourney, List<Enroller.Candidate>> entries = new LinkedHashMap<>();
        for (CompiledJourney j : catalog.active()) {
            EntryKind kind = j.entry().kind();
            if (!kind.orderDriven()) {
                continue;
            }
            for (OrderActivity a : activity) {
                boolean match;
                switch (kind) {
                    case ORDER_PLACED:
                        match = a.kind() == OrderActivity.Kind.PLACED;
                        break;
                    case FIRST_ORDER:
                        match = a.kind() == OrderActivity.Kind.PLACED && a.firstOrder();
                        break;
                    case ORDER_DELIVERED:
                        match = a.kind() == OrderActivity.Kind.DELIVERED;
                        break;
                    default:
                        match = a.kind() == OrderActivity.Kind.REFUNDED;
                }
                if (match && !a.at().isBefore(j.publishedAt())) {
                    entries.computeIfAbsent(j, k -> new ArrayList<>())
                            .add(new Enroller.Candidate(a.customer(), "order:" + a.activityRef()));
                }
            }
        }
        entries.forEach(enroller::enrol);
    }

    /** Attribution and goals for the placed orders. */
    private void convert(List<OrderActivity> activity) {
        Map<CustomerId, List<OrderActivity>> placed = new HashMap<>();
        Instant earliest = null;
        for (OrderActivity a : activity) {
            if (a.kind() == OrderActivity.Kind.PLACED) {
                placed.computeIfAbsent(a.customer(), k -> new ArrayList<>()).add(a);
                earliest = earliest == null || a.at().isBefore(earliest) ? a.at() : earliest;
            }
        }
        if (placed.isEmpty()) {
            return;
        }
        record Candidate(UUID id, UUID journeyId, int version, String node, String state, String variant,
                         UUID customer, Instant enteredAt, Instant touch, boolean converted) {
        }
        List<Candidate> candidates = jdbc.sql("SELECT id, journey_id, version, node_id, state, variant, customer_id, "
                        + "entered_at, coalesce(last_touch_at, entered_at), converted_at IS NOT NULL FROM journey_enrolment "
                        + "WHERE customer_id = ANY (?) AND entered_at <= now() AND coalesce(last_touch_at, entered_at) >= ? "
                        + "ORDER BY id FOR UPDATE")
                .params(placed.keySet().stream().map(CustomerId::value).toArray(UUID[]::new),
                        Enroller.at(earliest.minus(Duration.ofDays(DefinitionParser.MAX_WINDOW_DAYS))))
                .query((rs, n) -> new Candidate(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9).toInstant(), rs.getBoolean(10)))
                .list();
        NodeCounters counters = new NodeCounters();
        for (Candidate c : candidates) {
            CompiledJourney journey = catalog.version(c.journeyId(), c.version());
            JourneyDefinition d = journey.definition();
            boolean convertedNow = false;
            for (OrderActivity a : placed.getOrDefault(new CustomerId(c.customer()), List.of())) {
                if (a.at().isBefore(c.enteredAt())) {
                    continue;
                }
                boolean inWindow = !a.at().isAfter(c.touch().plus(Duration.ofDays(d.conversionWindowDays())));
                boolean goal = d.goal() != null && "active".equals(c.state());
                if (!inWindow && !goal) {
                    continue;
                }
                int added = jdbc.sql("INSERT INTO journey_conversion (enrolment_id, journey_id, order_ref, amount, currency, "
                                + "ordered_at, variant) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
                        .params(c.id(), c.journeyId(), a.orderRef(), a.amount(), a.currency(), Enroller.at(a.at()), c.variant())
                        .update();
                if (added == 0) {
                    continue;
                }
                if (!c.converted() && !convertedNow) {
                    convertedNow = true;
                    boolean exit = goal && d.goal().exitOnGoal();
                    jdbc.sql("UPDATE journey_enrolment SET converted_at = ?, state = CASE WHEN ? THEN 'converted' ELSE state END, "
                                    + "finished_at = CASE WHEN ? THEN now() ELSE finished_at END, "
                                    + "due_at = CASE WHEN ? THEN NULL ELSE due_at END, "
                                    + "wait_since = CASE WHEN ? THEN NULL ELSE wait_since END, "
                                    + "wait_event = CASE WHEN ? THEN NULL ELSE wait_event END WHERE id = ?")
                            .params(Enroller.at(a.at()), exit, exit, exit, exit, exit, c.id()).update();
                    counters.add(c.journeyId(), c.version(), c.node(), NodeCounters.Counter.CONVERTED);
                    if (exit) {
                        counters.add(c.journeyId(), c.version(), c.node(), NodeCounters.Counter.EXITED);
                    }
                }
            }
        }
        counters.flush(jdbc);
    }
}
