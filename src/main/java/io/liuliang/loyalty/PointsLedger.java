package io.liuliang.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.liuliang.shared.ApiProblemException;

/**
 * Posts points-ledger entries. Each entry names its source ({@code order:<id>:earn}, {@code adjust:<request>}, …):
 * the source is claimed in {@code points_source} first, so a source posts once however often it is delivered, and
 * a repeat gets the first entry back. The member row is locked for the rest of the transaction, so concurrent
 * postings of one member run one after the other; the balance on the member row moves with every entry
 * ({@code balance_after}) and never below zero. Positive entries add a lot (with its expiry); negative ones take from
 * the oldest lots first, an expiry from its own lot.
 */
@Component
class PointsLedger {

    private final JdbcClient jdbc;
    private final LoyaltyStore store;
    private final Clock clock;

    PointsLedger(JdbcClient jdbc, LoyaltyStore store, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
    }

    /** A ledger entry as stored. */
    record Entry(long id, UUID customerId, EntryKind kind, long points, long balanceAfter, String sourceKey, String reason,
                 String orderRef, Instant at, String actor) {
    }

    /** What posting did: the entry, and whether it was there already (a repeat of its source). */
    record Posted(Entry entry, boolean replayed) {
    }

    /** How a negative posting that exceeds the balance is handled. */
    enum Shortfall {
        /** Refuse it (a spend, a negative adjustment): 409. */
        REFUSE,
        /** Take what there is (a reversal of points already spent): the balance stops at zero. */
        CAP
    }

    /**
     * Posts one entry for a member (who must be enrolled), once per {@code sourceKey}.
     *
     * @param points    signed: positive for earn and positive adjustments, negative otherwise
     * @param expiresAt the expiry of the lot a positive entry adds (null: never)
     * @param lot       for an expiry, the lot that expires; otherwise null
     */
    @Transactional(propagation = Propagation.REQUIRED)
    Posted post(UUID customer, EntryKind kind, long points, String sourceKey, String reason, String orderRef,
                Instant expiresAt, Long lot, Shortfall shortfall, String actor) {
        Instant now = clock.instant();
        if (points > 0) {
            return credit(customer, kind, points, sourceKey, reason, orderRef, expiresAt, actor, now);
        }
        LoyaltyStore.Member member = store.lockMember(customer)
                .orElseThrow(() -> ApiProblemException.notFound("loyalty member", customer));
        int claimed = jdbc.sql("INSERT INTO points_source (source_key, customer_id, entry_id, points, at) "
                        + "VALUES (?, ?, 0, ?, ?) ON CONFLICT (source_key) DO NOTHING")
                .params(sourceKey, customer, points, LoyaltyStore.ts(now)).update();
        if (claimed == 0) {
            return new Posted(existing(sourceKey), true);
        }
        long delta = points;
        if (delta < 0) {
            long available = member.balance();
            if (lot != null) {
                available = jdbc.sql("SELECT remaining FROM points_lot WHERE id = ? FOR UPDATE").param(lot)
                        .query(Long.class).optional().orElse(0L);
            }
            if (-delta > available) {
                if (shortfall == Shortfall.REFUSE) {
                    throw new ApiProblemException(io.liuliang.shared.ProblemType.CONFLICT, "the member has "
                            + member.balance() + " points, fewer than the " + (-delta) + " asked for",
                            List.of(new io.liuliang.shared.FieldError("points", "exceeds the balance of "
                                    + member.balance())), Map.of("balance", member.balance()));
                }
                delta = -available;
            }
            take(customer, -delta, lot);
        } else if (delta > 0) {
            jdbc.sql("INSERT INTO points_lot (customer_id, origin_customer_id, source_key, earned, remaining, earned_at, "
                            + "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(customer, customer, sourceKey, delta, delta, LoyaltyStore.ts(now), LoyaltyStore.ts(expiresAt)).update();
        }
        long balance = member.balance() + delta;
        jdbc.sql("UPDATE loyalty_member SET balance = ? WHERE customer_id = ?").params(balance, customer).update();
        long id = jdbc.sql("INSERT INTO points_entry (customer_id, origin_customer_id, kind, points, balance_after, "
                        + "source_key, reason, order_ref, at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                .params(customer, customer, kind.code(), delta, balance, sourceKey, reason, orderRef, LoyaltyStore.ts(now), actor)
                .query(Long.class).single();
        jdbc.sql("UPDATE points_source SET entry_id = ?, points = ? WHERE source_key = ?").params(id, delta, sourceKey)
                .update();
        return new Posted(new Entry(id, customer, kind, delta, balance, sourceKey, reason, orderRef, now, actor), false);
    }

    /**
     * A positive posting (the common one: orders earning) in one statement: it claims the source, moves the balance
     * (the UPDATE takes the member's row lock, so concurrent postings of one member queue and each sees the balance
     * the previous one left), adds the lot and the entry (the entry's id drawn ahead from its sequence, so the source
     * can name it). When nothing comes back the source was claimed before (a replay, answered with the first entry),
     * or there is no such member (404, and the transaction rolls back the claim).
     */
    private Posted credit(UUID customer, EntryKind kind, long points, String sourceKey, String reason, String orderRef,
                          Instant expiresAt, String actor, Instant now) {
        java.time.OffsetDateTime at = LoyaltyStore.ts(now);
        Optional<Entry> entry = jdbc.sql("""
                WITH src AS (
                    INSERT INTO points_source (source_key, customer_id, entry_id, points, at)
                    VALUES (:source, :customer, nextval(pg_get_serial_sequence('points_entry', 'id')), :points, :at)
                    ON CONFLICT (source_key) DO NOTHING
                    RETURNING entry_id),
                m AS (
                    UPDATE loyalty_member SET balance = balance + :points
                    WHERE customer_id = :customer AND EXISTS (SELECT 1 FROM src)
                    RETURNING balance),
                lot AS (
                    INSERT INTO points_lot (customer_id, origin_customer_id, source_key, earned, remaining, earned_at, expires_at)
                    SELECT :customer, :customer, :source, :points, :points, :at, CAST(:expires AS timestamptz) FROM m)
                INSERT INTO points_entry (id, customer_id, origin_customer_id, kind, points, balance_after, source_key, reason,
                                          order_ref, at, actor)
                OVERRIDING SYSTEM VALUE
                SELECT src.entry_id, :customer, :customer, :kind, :points, m.balance, :source, CAST(:reason AS text),
                       CAST(:orderRef AS text), :at, CAST(:actor AS text)
                FROM src, m
                RETURNING *""")
                .param("source", sourceKey).param("customer", customer).param("points", points).param("at", at)
                .param("expires", LoyaltyStore.ts(expiresAt)).param("kind", kind.code()).param("reason", reason)
                .param("orderRef", orderRef).param("actor", actor)
                .query(PointsLedger::entry).optional();
        if (entry.isPresent()) {
            return new Posted(entry.get(), false);
        }
        Optional<Entry> first = jdbc.sql("SELECT e.* FROM points_source s JOIN points_entry e ON e.id = s.entry_id "
                + "WHERE s.source_key = ?").param(sourceKey).query(PointsLedger::entry).optional();
        return new Posted(first.orElseThrow(() -> ApiProblemException.notFound("loyalty member", customer)), true);
    }

    /** Takes {@code points} from the member's lots, oldest first (or from one lot). */
    private void take(UUID customer, long points, Long lot) {
        if (points == 0) {
            return;
        }
        if (lot != null) {
            jdbc.sql("UPDATE points_lot SET remaining = remaining - ? WHERE id = ?").params(points, lot).update();
            return;
        }
        long left = points;
        List<long[]> lots = jdbc.sql("SELECT id, remaining FROM points_lot WHERE customer_id = ? AND remaining > 0 "
                        + "ORDER BY earned_at, id FOR UPDATE")
                .param(customer).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).list();
        List<Long> ids = new ArrayList<>();
        List<Long> takes = new ArrayList<>();
        for (long[] l : lots) {
            if (left == 0) {
                break;
            }
            long t = Math.min(left, l[1]);
            ids.add(l[0]);
            takes.add(t);
            left -= t;
        }
        if (left > 0) {
            throw new IllegalStateException("lots of " + customer + " hold less than its balance");
        }
        jdbc.sql("UPDATE points_lot l SET remaining = l.remaining - t.take FROM unnest(?::bigint[], ?::bigint[]) "
                        + "AS t(id, take) WHERE l.id = t.id")
                .params(ids.toArray(Long[]::new), takes.toArray(Long[]::new)).update();
    }

    private Entry existing(String sourceKey) {
        return jdbc.sql("SELECT e.* FROM points_source s JOIN points_entry e ON e.id = s.entry_id WHERE s.source_key = ?")
                .param(sourceKey).query(PointsLedger::entry).single();
    }

    List<Entry> statement(UUID customer, Long beforeId, int limit) {
        return jdbc.sql("SELECT * FROM points_entry WHERE customer_id = ? AND (?::bigint IS NULL OR id < ?) "
                        + "ORDER BY id DESC LIMIT ?")
                .params(customer, beforeId, beforeId, limit).query(PointsLedger::entry).list();
    }

    static Entry entry(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Entry(rs.getLong("id"), rs.getObject("customer_id", UUID.class), EntryKind.ofCode(rs.getString("kind")),
                rs.getLong("points"), rs.getLong("balance_after"), rs.getString("source_key"), rs.getString("reason"),
                rs.getString("order_ref"), LoyaltyStore.instant(rs, "at"), rs.getString("actor"));
    }
}
