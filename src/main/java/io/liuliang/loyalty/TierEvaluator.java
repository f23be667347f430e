package io.liuliang.loyalty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.order.Orders;
import io.liuliang.order.PurchaseTotals;
import io.liuliang.shared.CustomerId;

/**
 * Decides members' tiers from the last 12 months (net spend, orders, points earned): a member who qualifies for a
 * higher tier is upgraded at once; one who no longer qualifies is lowered by the periodic evaluation, after the tier's
 * grace days (announced as at risk first). Every change is recorded in {@code loyalty_tier_change} and published as
 * {@link TierChanged}, inside the caller's transaction.
 */
@Component
class TierEvaluator {

    static final Duration WINDOW = Duration.ofDays(365);

    private final JdbcClient jdbc;
    private final LoyaltyStore store;
    private final Orders orders;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    TierEvaluator(JdbcClient jdbc, LoyaltyStore store, Orders orders, ApplicationEventPublisher publisher, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.orders = orders;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** A member's standing over the window: what each qualification basis adds up to. */
    record Standing(BigDecimal netSpend, long orders, long points) {

        BigDecimal measure(LoyaltyEnums.QualifyBy by) {
            return switch (by) {
                case NET_SPEND_12M -> netSpend;
                case ORDERS_12M -> BigDecimal.valueOf(orders);
                case POINTS_12M -> BigDecimal.valueOf(points);
            };
        }
    }

    Map<UUID, Standing> standings(Collection<UUID> customers) {
        Instant now = clock.instant();
        Instant from = now.minus(WINDOW);
        Map<CustomerId, PurchaseTotals> purchases = orders.purchasesBetween(
                customers.stream().map(CustomerId::new).toList(), from, now.plus(1, ChronoUnit.DAYS));
        Map<UUID, Long> points = new HashMap<>();
        jdbc.sql("SELECT customer_id, coalesce(sum(points), 0) FROM points_entry WHERE customer_id = ANY (?::uuid[]) "
                        + "AND kind IN ('earn', 'reverse') AND at >= ? GROUP BY customer_id")
                .params(customers.toArray(UUID[]::new), LoyaltyStore.ts(from))
                .query(rs -> {
                    points.put(rs.getObject(1, UUID.class), rs.getLong(2));
                });
        Map<UUID, Standing> out = new HashMap<>();
        for (UUID c : customers) {
            PurchaseTotals p = purchases.getOrDefault(new CustomerId(c), PurchaseTotals.NONE);
            out.put(c, new Standing(p.netSpend(), p.orders(), points.getOrDefault(c, 0L)));
        }
        return out;
    }

    /** The highest tier the standing qualifies for, or null. */
    static Tier qualified(List<Tier> tiers, Standing s) {
        Tier best = null;
        for (Tier t : tiers) {
            if (s.measure(t.qualifyBy()).compareTo(t.threshold()) >= 0 && (best == null || t.rank() > best.rank())) {
                best = t;
            }
        }
        return best;
    }

    /** Upgrades the (locked) member now if they qualify for a higher tier than they hold. */
    void upgradeIfQualified(LoyaltyStore.Member member, List<Tier> tiers) {
        if (tiers.isEmpty()) {
            return;
        }
        Tier target = qualified(tiers, standings(List.of(member.customerId())).get(member.customerId()));
        Tier current = byId(tiers, member.tierId());
        if (target != null && (current == null || target.rank() > current.rank())) {
            change(member.customerId(), current, target, "upgraded", "qualified for " + target.name(), null);
        }
    }

    /** One member's decided change. */
    private record Decision(UUID customer, Tier from, Tier to, String change, String reason, Instant due,
                            boolean moveTier) {
    }

    /**
     * Evaluates these (locked) members: upgrades, at-risk notices, downgrades after grace, kept tiers; written with one
     * statement per kind of change for the whole batch. Returns how many changed.
     */
    int evaluate(List<LoyaltyStore.Member> members, List<Tier> tiers) {
        if (members.isEmpty()) {
            return 0;
        }
        Map<UUID, Standing> standings = standings(members.stream().map(LoyaltyStore.Member::customerId).toList());
        Instant now = clock.instant();
        List<Decision> decisions = new java.util.ArrayList<>();
        for (LoyaltyStore.Member m : members) {
            Tier current = byId(tiers, m.tierId());
            Tier target = qualified(tiers, standings.get(m.customerId()));
            int currentRank = current == null ? Integer.MIN_VALUE : current.rank();
            int targetRank = target == null ? Integer.MIN_VALUE : target.rank();
            if (targetRank > currentRank) {
                decisions.add(new Decision(m.customerId(), current, target, "upgraded", "qualified for " + target.name(),
                        null, true));
            } else if (targetRank < currentRank) {
                int grace = current.graceDays();
                if (grace > 0 && m.downgradeDueAt() == null) {
                    Instant due = now.plus(Duration.ofDays(grace));
                    decisions.add(new Decision(m.customerId(), current, target, "at_risk", "below " + current.name()
                            + "; lowered on " + due, due, false));
                } else if (grace == 0 || !m.downgradeDueAt().isAfter(now)) {
                    decisions.add(new Decision(m.customerId(), current, target, "downgraded", "no longer qualifies for "
                            + current.name(), null, true));
                }
            } else if (m.downgradeDueAt() != null) {
                decisions.add(new Decision(m.customerId(), current, current, "kept", "qualifies again for "
                        + current.name(), null, false));
            }
        }
        if (decisions.isEmpty()) {
            return 0;
        }
        int n = decisions.size();
        UUID[] ids = new UUID[n];
        UUID[] tierIds = new UUID[n];
        boolean[] move = new boolean[n];
        java.sql.Timestamp[] dues = new java.sql.Timestamp[n];
        UUID[] fromIds = new UUID[n];
        String[] changes = new String[n];
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            Decision d = decisions.get(i);
            ids[i] = d.customer();
            tierIds[i] = d.to() == null ? null : d.to().id();
            move[i] = d.moveTier();
            dues[i] = d.due() == null ? null : java.sql.Timestamp.from(d.due());
            fromIds[i] = d.from() == null ? null : d.from().id();
            changes[i] = d.change();
            reasons[i] = d.reason();
        }
        Boolean[] moves = new Boolean[n];
        for (int i = 0; i < n; i++) {
            moves[i] = move[i];
        }
        jdbc.sql("""
                UPDATE loyalty_member m SET
                    tier_id = CASE WHEN d.move THEN d.tier ELSE m.tier_id END,
                    tier_since = CASE WHEN d.move THEN ? ELSE m.tier_since END,
                    downgrade_due_at = d.due
                FROM unnest(?::uuid[], ?::uuid[], ?::boolean[], ?::timestamptz[]) AS d(id, tier, move, due)
                WHERE m.customer_id = d.id""")
                .params(LoyaltyStore.ts(now), ids, tierIds, moves, dues).update();
        jdbc.sql("INSERT INTO loyalty_tier_change (customer_id, from_tier_id, to_tier_id, change, reason) "
                        + "SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[])")
                .params(ids, fromIds, tierIds, changes, reasons).update();
        for (Decision d : decisions) {
            if (!"kept".equals(d.change())) {
                publisher.publishEvent(new TierChanged(new CustomerId(d.customer()), d.change(),
                        d.from() == null ? null : d.from().code(), d.to() == null ? null : d.to().code(), d.due(), now));
            }
        }
        return n;
    }

    private void change(UUID customer, Tier from, Tier to, String change, String reason, Instant due) {
        Instant now = clock.instant();
        jdbc.sql("UPDATE loyalty_member SET tier_id = ?, tier_since = ?, downgrade_due_at = NULL WHERE customer_id = ?")
                .params(to == null ? null : to.id(), LoyaltyStore.ts(now), customer).update();
        record(customer, from, to, change, reason);
        publisher.publishEvent(new TierChanged(new CustomerId(customer), change, from == null ? null : from.code(),
                to == null ? null : to.code(), due, now));
    }

    private void record(UUID customer, Tier from, Tier to, String change, String reason) {
        jdbc.sql("INSERT INTO loyalty_tier_change (customer_id, from_tier_id, to_tier_id, change, reason) VALUES (?, ?, ?, ?, ?)")
                .params(customer, from == null ? null : from.id(), to == null ? null : to.id(), change, reason).update();
    }

    static Tier byId(List<Tier> tiers, UUID id) {
        if (id == null) {
            return null;
        }
        return tiers.stream().filter(t -> t.id().equals(id)).findFirst().orElse(null);
    }
}
