package io.liuliang.loyalty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The program, tiers and members tables. */
@Repository
class LoyaltyStore implements MemberTiers {

    private final JdbcClient jdbc;

    LoyaltyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A member row. */
    record Member(UUID customerId, String memberNo, UUID tierId, Instant tierSince, Instant downgradeDueAt, long balance,
                  Instant enrolledAt, String enrolledBy) {
    }

    Optional<LoyaltyProgram> program() {
        return jdbc.sql("SELECT * FROM loyalty_program WHERE id = 1").query((rs, n) -> new LoyaltyProgram(
                rs.getString("name"), rs.getBoolean("enabled"), rs.getBigDecimal("points_per_unit"),
                LoyaltyEnums.of(LoyaltyEnums.EarnOn.class, rs.getString("earn_on")).orElseThrow(),
                LoyaltyEnums.of(LoyaltyEnums.Expiry.class, rs.getString("expiry")).orElseThrow(),
                (Integer) rs.getObject("expiry_months"), rs.getBoolean("auto_enrol"), instant(rs, "earn_from"),
                instant(rs, "updated_at"))).optional();
    }

    void saveProgram(LoyaltyProgram p) {
        jdbc.sql("""
                INSERT INTO loyalty_program (id, name, enabled, points_per_unit, earn_on, expiry, expiry_months, auto_enrol,
                                             earn_from, updated_at)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, enabled = excluded.enabled,
                    points_per_unit = excluded.points_per_unit, earn_on = excluded.earn_on, expiry = excluded.expiry,
                    expiry_months = excluded.expiry_months, auto_enrol = excluded.auto_enrol,
                    earn_from = excluded.earn_from, updated_at = excluded.updated_at""")
                .params(p.name(), p.enabled(), p.pointsPerUnit(), p.earnOn().code(), p.expiry().code(), p.expiryMonths(),
                        p.autoEnrol(), ts(p.earnFrom()), ts(p.updatedAt()))
                .update();
    }

    /** Tiers from the lowest rank to the highest. */
    List<Tier> tiers() {
        return jdbc.sql("SELECT * FROM loyalty_tier ORDER BY rank").query(LoyaltyStore::tier).list();
    }

    void replaceTiers(List<Tier> tiers) {
        List<UUID> keep = tiers.stream().map(Tier::id).toList();
        jdbc.sql("DELETE FROM loyalty_tier WHERE NOT (id = ANY (?::uuid[]))").param(keep.toArray(UUID[]::new)).update();
        // ranks and codes are unique: move the kept ones out of the way first
        jdbc.sql("UPDATE loyalty_tier SET rank = -rank - 1000000, code = code || '~' || id").update();
        for (Tier t : tiers) {
            jdbc.sql("""
                    INSERT INTO loyalty_tier (id, code, name, rank, qualify_by, threshold, points_multiplier, discount_percent,
                                              free_shipping, birthday_coupon_template_id, exclusive_service, grace_days)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, rank = excluded.rank,
                        qualify_by = excluded.qualify_by, threshold = excluded.threshold,
                        points_multiplier = excluded.points_multiplier, discount_percent = excluded.discount_percent,
                        free_shipping = excluded.free_shipping,
                        birthday_coupon_template_id = excluded.birthday_coupon_template_id,
                        exclusive_service = excluded.exclusive_service, grace_days = excluded.grace_days""")
                    .params(t.id(), t.code(), t.name(), t.rank(), t.qualifyBy().code(), t.threshold(), t.pointsMultiplier(),
                            t.discountPercent(), t.freeShipping(), t.birthdayCouponTemplateId(), t.exclusiveService(),
                            t.graceDays())
                    .update();
        }
    }

    @Override
    public java.util.Map<io.liuliang.shared.CustomerId, Standing> standingsOf(
            java.util.Collection<io.liuliang.shared.CustomerId> customers) {
        java.util.Map<io.liuliang.shared.CustomerId, Standing> standings = new java.util.HashMap<>();
        if (customers.isEmpty()) {
            return standings;
        }
        jdbc.sql("SELECT m.customer_id, t.code, t.name, m.balance FROM loyalty_member m "
                        + "LEFT JOIN loyalty_tier t ON t.id = m.tier_id WHERE m.customer_id = ANY (?::uuid[])")
                .param(customers.stream().map(io.liuliang.shared.CustomerId::value).distinct().toArray(UUID[]::new))
                .query(rs -> {
                    standings.put(new io.liuliang.shared.CustomerId(rs.getObject(1, UUID.class)),
                            new Standing(rs.getString(2), rs.getString(3), rs.getLong(4)));
                });
        return standings;
    }

    @Override
    public Optional<Integer> rankOf(String tierCode) {
        return jdbc.sql("SELECT rank FROM loyalty_tier WHERE code = ?").param(tierCode).query(Integer.class).optional();
    }

    @Override
    public java.util.Map<io.liuliang.shared.CustomerId, Integer> ranksOf(
            java.util.Collection<io.liuliang.shared.CustomerId> customers) {
        java.util.Map<io.liuliang.shared.CustomerId, Integer> ranks = new java.util.HashMap<>();
        if (customers.isEmpty()) {
            return ranks;
        }
        jdbc.sql("SELECT m.customer_id, t.rank FROM loyalty_member m JOIN loyalty_tier t ON t.id = m.tier_id "
                        + "WHERE m.customer_id = ANY (?::uuid[])")
                .param(customers.stream().map(io.liuliang.shared.CustomerId::value).toArray(UUID[]::new))
                .query(rs -> {
                    ranks.put(new io.liuliang.shared.CustomerId(rs.getObject(1, UUID.class)), rs.getInt(2));
                });
        return ranks;
    }

    long membersIn(UUID tier) {
        return jdbc.sql("SELECT count(*) FROM loyalty_member WHERE tier_id = ?").param(tier).query(Long.class).single();
    }

    Optional<Member> member(UUID customer) {
        return jdbc.sql("SELECT * FROM loyalty_member WHERE customer_id = ?").param(customer).query(LoyaltyStore::member)
                .optional();
    }

    /** The member row locked until the end of the transaction: every change of a member's points queues here. */
    Optional<Member> lockMember(UUID customer) {
        return jdbc.sql("SELECT * FROM loyalty_member WHERE customer_id = ? FOR UPDATE").param(customer)
                .query(LoyaltyStore::member).optional();
    }

    /** Enrols the customer unless enrolled already; returns whether it enrolled them now. */
    boolean enrol(UUID customer, String by, Instant at) {
        return jdbc.sql("INSERT INTO loyalty_member (customer_id, origin_customer_id, member_no, enrolled_at, enrolled_by) "
                        + "VALUES (?, ?, 'M' || nextval('loyalty_member_no_seq'), ?, ?) ON CONFLICT (customer_id) DO NOTHING")
                .params(customer, customer, ts(at), by).update() > 0;
    }

    List<Member> members(UUID tier, String memberNo, UUID after, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM loyalty_member WHERE true");
        java.util.List<Object> params = new java.util.ArrayList<>();
        if (tier != null) {
            sql.append(" AND tier_id = ?");
            params.add(tier);
        }
        if (memberNo != null && !memberNo.isBlank()) {
            sql.append(" AND member_no = ?");
            params.add(memberNo.trim().toUpperCase());
        }
        if (after != null) {
            sql.append(" AND customer_id > ?");
            params.add(after);
        }
        sql.append(" ORDER BY customer_id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(LoyaltyStore::member).list();
    }

    static Tier tier(ResultSet rs, int n) throws SQLException {
        return new Tier(rs.getObject("id", UUID.class), rs.getString("code"), rs.getString("name"), rs.getInt("rank"),
                LoyaltyEnums.of(LoyaltyEnums.QualifyBy.class, rs.getString("qualify_by")).orElseThrow(),
                rs.getBigDecimal("threshold"), rs.getBigDecimal("points_multiplier"), rs.getBigDecimal("discount_percent"),
                rs.getBoolean("free_shipping"), rs.getObject("birthday_coupon_template_id", UUID.class),
                rs.getString("exclusive_service"), rs.getInt("grace_days"));
    }

    static Member member(ResultSet rs, int n) throws SQLException {
        return new Member(rs.getObject("customer_id", UUID.class), rs.getString("member_no"),
                rs.getObject("tier_id", UUID.class), instant(rs, "tier_since"), instant(rs, "downgrade_due_at"),
                rs.getLong("balance"), instant(rs, "enrolled_at"), rs.getString("enrolled_by"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
