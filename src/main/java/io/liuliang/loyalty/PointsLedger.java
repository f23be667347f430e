package io.liuliang.loyalty;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.shared.ApiProblemException;

/**
 * Posts points-ledger entries. Each entry names its source ({@code order:<id>:earn}, {@code adjust:<request>}, …),
 * claimed in {@code points_source}, so a source posts once however often it is delivered, and a repeat gets the first
 * entry back. Every posting holds the member's row lock from before it claims its source to its commit, so concurrent
 * postings of one member run one after the other; the balance on the member row moves with every entry
 * ({@code balance_after}) and never below zero. Positive entries add a lot (with its expiry); negative ones take from
 * the oldest lots first, an expiry from its own lot.
 * <p>
 * A positive posting (an earning, a task's reward, a positive adjustment: the common kind) is one statement, so it
 * needs no transaction of its own: called outside one it is its own durable transaction (one round trip, no BEGIN and
 * COMMIT), inside one it is part of the caller's. A negative posting reads the lots and runs in a transaction (the
 * caller's, or one of its own). {@link #credit(List)} posts many positive entries in one statement.
 */
@Component
class PointsLedger {

    private final JdbcClient jdbc;
    private final LoyaltyStore store;
    private final Clock clock;
    private final TransactionTemplate tx;

    PointsLedger(JdbcClient jdbc, LoyaltyStore store, Clock clock, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.store = store;
        this.clock = clock;
        this.tx = new TransactionTemplate(transactions);
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
    Posted post(UUID customer, EntryKind kind, long points, String sourceKey, String reason, String orderRef,
                Instant expiresAt, Long lot, Shortfall shortfall, String actor) {
        // the database keeps microseconds: the entry answered now is the one a replay reads back
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (points > 0) {
            return credit(customer, kind, points, sourceKey, reason, orderRef, expiresAt, actor, now);
        }
        return tx.execute(s -> debit(customer, kind, points, sourceKey, reason, orderRef, lot, shortfall, actor, now));
    }

    private Posted debit(UUID customer, EntryKind kind, long points, String sourceKey, String reason, String orderRef,
                         Long lot, Shortfall shortfall, String actor, Instant now) {
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
     * The statement of a positive posting. It locks the member's row ({@code FOR UPDATE}: a missing member, or one
     * merged away meanwhile, locks nothing and the statement writes nothing, so no claim is left behind even when the
     * statement is its own transaction), claims the source under that lock, moves the balance, and adds the lot and
     * the entry (its id drawn ahead from its sequence, so that the source can name it). Each value is bound once,
     * in {@code p}. It returns the entry's id and balance, or nothing when the source was claimed before.
     */
    private static final String CREDIT = """
            WITH p AS (
                SELECT CAST(? AS text) AS source, CAST(? AS uuid) AS customer, CAST(? AS bigint) AS points,
                       CAST(? AS timestamptz) AS at, CAST(? AS timestamptz) AS expires, CAST(? AS text) AS kind,
                       CAST(? AS text) AS reason, CAST(? AS text) AS order_ref, CAST(? AS text) AS actor),
            member AS (
                SELECT customer_id FROM loyalty_member WHERE customer_id = (SELECT customer FROM p) FOR UPDATE),
            src AS (
                INSERT INTO points_source (source_key, customer_id, entry_id, points, at)
                SELECT p.source, p.customer, nextval('points_entry_id_seq'), p.points, p.at FROM p, member
                ON CONFLICT (source_key) DO NOTHING
                RETURNING entry_id),
            m AS (
                UPDATE loyalty_member SET balance = balance + (SELECT points FROM p)
                WHERE customer_id = (SELECT customer FROM p) AND EXISTS (SELECT 1 FROM src)
                RETURNING balance),
            lot AS (
                INSERT INTO points_lot (customer_id, origin_customer_id, source_key, earned, remaining, earned_at, expires_at)
                SELECT p.customer, p.customer, p.source, p.points, p.points, p.at, p.expires FROM p, m)
            INSERT INTO points_entry (id, customer_id, origin_customer_id, kind, points, balance_after, source_key, reason,
                                      order_ref, at, actor)
            OVERRIDING SYSTEM VALUE
            SELECT src.entry_id, p.customer, p.customer, p.kind, p.points, m.balance, p.source, p.reason, p.order_ref, p.at,
                   p.actor
            FROM p, src, m
            RETURNING id, balance_after""";

    /**
     * A positive posting in one statement ({@link #CREDIT}). When nothing comes back the source was claimed before
     * (a replay, answered with the first entry), or there is no such member (404; nothing was written).
     */
    private Posted credit(UUID customer, EntryKind kind, long points, String sourceKey, String reason, String orderRef,
                          Instant expiresAt, String actor, Instant now) {
        Optional<long[]> posted = jdbc.sql(CREDIT)
                .params(sourceKey, customer, points, LoyaltyStore.ts(now), LoyaltyStore.ts(expiresAt), kind.code(), reason,
                        orderRef, actor)
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).optional();
        if (posted.isPresent()) {
            return new Posted(new Entry(posted.get()[0], customer, kind, points, posted.get()[1], sourceKey, reason,
                    orderRef, now, actor), false);
        }
        return new Posted(replayOf(sourceKey).orElseThrow(() -> ApiProblemException.notFound("loyalty member", customer)),
                true);
    }

    /** A positive posting for {@link #credit(List)}. */
    record Credit(UUID customer, EntryKind kind, long points, String sourceKey, String reason, String orderRef,
                  Instant expiresAt, String actor) {
    }

    /**
     * Many positive postings in one statement: it locks the members' rows in the order of their ids (so that two
     * such statements, or one and single postings, never wait on each other in a circle), claims each source once
     * (the first of a source named twice in the list posts, the second is its replay), moves each member's balance
     * by its entries' sum, and adds a lot and an entry per claimed source, each entry's {@code balance_after} the
     * member's balance up to it.
     */
    private static final String CREDITS = """
            WITH input AS (
                SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS uuid[]), CAST(? AS bigint[]),
                                     CAST(CAST(? AS text[]) AS timestamptz[]), CAST(? AS text[]), CAST(? AS text[]),
                                     CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY
                    AS i(source, customer, points, expires, kind, reason, order_ref, actor, ord)),
            first AS (SELECT DISTINCT ON (source) * FROM input ORDER BY source, ord),
            members AS (
                SELECT customer_id, balance FROM loyalty_member WHERE customer_id IN (SELECT customer FROM input)
                ORDER BY customer_id FOR UPDATE),
            src AS (
                INSERT INTO points_source (source_key, customer_id, entry_id, points, at)
                SELECT f.source, f.customer, nextval('points_entry_id_seq'), f.points, CAST(? AS timestamptz)
                FROM first f JOIN members mb ON mb.customer_id = f.customer
                ORDER BY f.source
                ON CONFLICT (source_key) DO NOTHING
                RETURNING source_key, customer_id, entry_id, points, at),
            m AS (
                UPDATE loyalty_member l SET balance = l.balance + t.points
                FROM (SELECT customer_id, sum(points) AS points FROM src GROUP BY customer_id) t
                WHERE l.customer_id = t.customer_id),
            lot AS (
                INSERT INTO points_lot (customer_id, origin_customer_id, source_key, earned, remaining, earned_at, expires_at)
                SELECT s.customer_id, s.customer_id, s.source_key, s.points, s.points, s.at, f.expires
                FROM src s JOIN first f ON f.source = s.source_key)
            INSERT INTO points_entry (id, customer_id, origin_customer_id, kind, points, balance_after, source_key, reason,
                                      order_ref, at, actor)
            OVERRIDING SYSTEM VALUE
            SELECT s.entry_id, s.customer_id, s.customer_id, f.kind, s.points,
                   mb.balance + sum(s.points) OVER (PARTITION BY s.customer_id ORDER BY s.entry_id), s.source_key, f.reason,
                   f.order_ref, s.at, f.actor
            FROM src s JOIN first f ON f.source = s.source_key JOIN members mb ON mb.customer_id = s.customer_id
            RETURNING source_key, id, balance_after""";

    /**
     * Posts many positive entries (a bulk reward, an import) in one statement: one round trip and, called outside a
     * transaction, one durable commit for all of them, each still once per source. Returns, in the order given,
     * what each posted: its entry, or the first entry of its source when that was claimed before (or earlier in the
     * list); empty for a customer who is not a member (nothing is posted for them).
     */
    List<Optional<Posted>> credit(List<Credit> credits) {
        if (credits.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int n = credits.size();
        String[] sources = new String[n];
        UUID[] customers = new UUID[n];
        Long[] points = new Long[n];
        String[] expires = new String[n];
        String[] kinds = new String[n];
        String[] reasons = new String[n];
        String[] orderRefs = new String[n];
        String[] actors = new String[n];
        for (int i = 0; i < n; i++) {
            Credit c = credits.get(i);
            if (c.points() <= 0) {
                throw new IllegalArgumentException("a credit posts positive points, not " + c.points());
            }
            sources[i] = c.sourceKey();
            customers[i] = c.customer();
            points[i] = c.points();
            expires[i] = c.expiresAt() == null ? null : c.expiresAt().toString();
            kinds[i] = c.kind().code();
            reasons[i] = c.reason();
            orderRefs[i] = c.orderRef();
            actors[i] = c.actor();
        }
        Map<String, long[]> posted = new java.util.HashMap<>();
        jdbc.sql(CREDITS).params(sources, customers, points, expires, kinds, reasons, orderRefs, actors, LoyaltyStore.ts(now))
                .query(rs -> {
                    posted.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        List<String> others = new ArrayList<>();
        for (String source : sources) {
            if (!posted.containsKey(source)) {
                others.add(source);
            }
        }
        Map<String, Entry> replays = new java.util.HashMap<>();
        if (!others.isEmpty()) {
            jdbc.sql("SELECT e.* FROM points_source s JOIN points_entry e ON e.id = s.entry_id "
                            + "WHERE s.source_key = ANY (CAST(? AS text[]))")
                    .param(others.stream().distinct().toArray(String[]::new))
                    .query(PointsLedger::entry).list().forEach(e -> replays.put(e.sourceKey(), e));
        }
        List<Optional<Posted>> out = new ArrayList<>(n);
        Map<String, Entry> entries = new java.util.HashMap<>();
        for (Credit c : credits) {
            long[] p = posted.get(c.sourceKey());
            Entry first = entries.get(c.sourceKey());
            if (p != null && first == null) {
                Entry e = new Entry(p[0], c.customer(), c.kind(), c.points(), p[1], c.sourceKey(), c.reason(), c.orderRef(),
                        now, c.actor());
                entries.put(c.sourceKey(), e);
                out.add(Optional.of(new Posted(e, false)));
            } else if (first != null) {
                // a source named twice in the list posts once, for the first of them: the others are its replays
                out.add(Optional.of(new Posted(first, true)));
            } else {
                out.add(Optional.ofNullable(replays.get(c.sourceKey())).map(e -> new Posted(e, true)));
            }
        }
        return out;
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
        return replayOf(sourceKey).orElseThrow();
    }

    /** The entry its source posted first, if it did. */
    private Optional<Entry> replayOf(String sourceKey) {
        return jdbc.sql("SELECT e.* FROM points_source s JOIN points_entry e ON e.id = s.entry_id WHERE s.source_key = ?")
                .param(sourceKey).query(PointsLedger::entry).optional();
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
