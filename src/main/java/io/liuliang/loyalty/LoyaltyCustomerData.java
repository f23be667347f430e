package io.liuliang.loyalty;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerDataOwner;
import io.liuliang.shared.CustomerId;

/**
 * Membership and points follow One-ID. A merge moves the merged customer's entries, lots, earning orders and tier
 * history to the survivor and adds up the balances (the survivor keeps the higher tier; a survivor who was no member
 * takes over the membership and its number). An unmerge gives back what was first recorded for the restored
 * customers (by origin); since spends of the merged time may have used either side's lots, each side's balance is
 * then its remaining lots, and an {@code adjust} entry records any difference, so a balance is still the sum of its
 * ledger.
 */
@Component
class LoyaltyCustomerData implements CustomerDataOwner {

    private static final List<String> OWNED = List.of("points_entry", "points_lot", "points_order",
            "loyalty_task_completion");

    private final JdbcClient jdbc;
    private final LoyaltyStore store;

    LoyaltyCustomerData(JdbcClient jdbc, LoyaltyStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    @Override
    public void reassign(CustomerId from, CustomerId to) {
        LoyaltyStore.Member merged = store.lockMember(from.value()).orElse(null);
        if (merged == null) {
            return;
        }
        LoyaltyStore.Member survivor = store.lockMember(to.value()).orElse(null);
        for (String table : OWNED) {
            jdbc.sql("UPDATE " + table + " SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value()).update();
        }
        jdbc.sql("UPDATE points_source SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value()).update();
        jdbc.sql("UPDATE loyalty_tier_change SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value())
                .update();
        // a badge both held stays once, with the earlier award
        jdbc.sql("INSERT INTO loyalty_badge_award (customer_id, badge_id, origin_customer_id, awarded_at) "
                + "SELECT ?, badge_id, origin_customer_id, awarded_at FROM loyalty_badge_award WHERE customer_id = ? "
                + "ON CONFLICT (customer_id, badge_id) DO UPDATE SET awarded_at = least(loyalty_badge_award.awarded_at, "
                + "excluded.awarded_at)").params(to.value(), from.value()).update();
        jdbc.sql("DELETE FROM loyalty_badge_award WHERE customer_id = ?").param(from.value()).update();
        if (survivor == null) {
            jdbc.sql("UPDATE loyalty_member SET customer_id = ? WHERE customer_id = ?").params(to.value(), from.value())
                    .update();
            return;
        }
        List<Tier> tiers = store.tiers();
        Tier a = TierEvaluator.byId(tiers, survivor.tierId());
        Tier b = TierEvaluator.byId(tiers, merged.tierId());
        Tier keep = a == null ? b : b == null ? a : a.rank() >= b.rank() ? a : b;
        jdbc.sql("UPDATE loyalty_member SET balance = balance + ?, tier_id = ?, tier_since = CASE WHEN tier_id IS DISTINCT "
                        + "FROM ? THEN now() ELSE tier_since END WHERE customer_id = ?")
                .params(merged.balance(), keep == null ? null : keep.id(), keep == null ? null : keep.id(), to.value())
                .update();
        jdbc.sql("DELETE FROM loyalty_member WHERE customer_id = ?").param(from.value()).update();
    }

    @Override
    public void restore(Collection<CustomerId> origins, CustomerId from, CustomerId to) {
        if (store.lockMember(from.value()).isEmpty()) {
            return;
        }
        UUID[] originIds = origins.stream().map(CustomerId::value).toArray(UUID[]::new);
        int moved = 0;
        for (String table : OWNED) {
            moved += jdbc.sql("UPDATE " + table + " SET customer_id = ? WHERE customer_id = ? "
                    + "AND origin_customer_id = ANY (?::uuid[])").params(to.value(), from.value(), originIds).update();
        }
        moved += jdbc.sql("INSERT INTO loyalty_badge_award (customer_id, badge_id, origin_customer_id, awarded_at) "
                + "SELECT ?, badge_id, origin_customer_id, awarded_at FROM loyalty_badge_award WHERE customer_id = ? "
                + "AND origin_customer_id = ANY (?::uuid[]) ON CONFLICT DO NOTHING").params(to.value(), from.value(), originIds)
                .update();
        if (moved == 0) {
            return;
        }
        jdbc.sql("UPDATE points_source s SET customer_id = ? FROM points_entry e WHERE e.id = s.entry_id "
                + "AND e.customer_id = ? AND s.customer_id = ?").params(to.value(), to.value(), from.value()).update();
        if (store.member(to.value()).isEmpty()) {
            store.enrol(to.value(), "unmerge", java.time.Instant.now());
        }
        rebalance(from.value(), to.value());
        rebalance(to.value(), from.value());
    }

    /** Sets the balance to the member's remaining lots and records any difference with its ledger as an adjustment. */
    private void rebalance(UUID customer, UUID other) {
        long lots = jdbc.sql("SELECT coalesce(sum(remaining), 0) FROM points_lot WHERE customer_id = ?").param(customer)
                .query(Long.class).single();
        long ledger = jdbc.sql("SELECT coalesce(sum(points), 0) FROM points_entry WHERE customer_id = ?").param(customer)
                .query(Long.class).single();
        jdbc.sql("UPDATE loyalty_member SET balance = ? WHERE customer_id = ?").params(lots, customer).update();
        if (lots != ledger) {
            String source = "unmerge:" + customer + ":" + other + ":" + System.nanoTime();
            long id = jdbc.sql("INSERT INTO points_entry (customer_id, origin_customer_id, kind, points, balance_after, "
                            + "source_key, reason) VALUES (?, ?, 'adjust', ?, ?, ?, ?) RETURNING id")
                    .params(customer, customer, lots - ledger, lots, source,
                            "points split at the unmerge from " + other + " (spends of the merged time used either side)")
                    .query(Long.class).single();
            jdbc.sql("INSERT INTO points_source (source_key, customer_id, entry_id, points) VALUES (?, ?, ?, ?)")
                    .params(source, customer, id, lots - ledger).update();
        }
    }
}
