package io.liuliang.coupon;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.liuliang.shared.CustomerId;

import static io.liuliang.coupon.CouponTemplateStore.instant;

/** The {@code coupon} table. */
@Repository
class CouponStore {

    static final String COLUMNS = "c.id, c.code, c.template_id, t.name AS template_name, t.kind, c.customer_id, c.status, "
            + "c.source, c.issued_at, c.valid_from, c.valid_until, c.redeemed_at, c.redeemed_shop_id, c.redeemed_order_id, "
            + "c.redeemed_order_amount, c.redeemed_discount, c.expired_at, c.revoked_at";
    private static final String FROM = " FROM coupon c JOIN coupon_template t ON t.id = c.template_id";

    private final JdbcClient jdbc;

    CouponStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Coupon> byCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE c.code = ?").param(code).query(CouponStore::map).optional();
    }

    /** The coupon, its row locked until the end of the transaction: redemptions of one coupon queue here. */
    Optional<Coupon> lockByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE c.code = ? FOR UPDATE OF c").param(code)
                .query(CouponStore::map).optional();
    }

    List<Coupon> ofTemplate(UUID template, CouponStatus status, String code, java.time.Instant beforeIssued,
                            UUID beforeId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE c.template_id = ?");
        java.util.List<Object> params = new java.util.ArrayList<>(List.of(template));
        if (status != null) {
            sql.append(" AND c.status = ?");
            params.add(status.code());
        }
        if (code != null && !code.isBlank()) {
            sql.append(" AND c.code LIKE ?");
            params.add(CouponCodes.normalise(code).replace("%", "").replace("_", "") + "%");
        }
        if (beforeId != null) {
            sql.append(" AND (c.issued_at, c.id) < (?, ?)");
            params.add(CouponTemplateStore.ts(beforeIssued));
            params.add(beforeId);
        }
        sql.append(" ORDER BY c.issued_at DESC, c.id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(CouponStore::map).list();
    }

    List<Coupon> ofCustomer(CustomerId customer, boolean availableOnly, java.time.Instant beforeIssued, UUID beforeId,
                            int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + FROM + " WHERE c.customer_id = ?");
        java.util.List<Object> params = new java.util.ArrayList<>(List.of(customer.value()));
        if (availableOnly) {
            sql.append(" AND c.status = 'issued' AND c.valid_from <= now() AND c.valid_until > now()");
        }
        if (beforeId != null) {
            sql.append(" AND (c.issued_at, c.id) < (?, ?)");
            params.add(CouponTemplateStore.ts(beforeIssued));
            params.add(beforeId);
        }
        sql.append(" ORDER BY c.issued_at DESC, c.id DESC LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(CouponStore::map).list();
    }

    static Coupon map(ResultSet rs, int row) throws SQLException {
        return new Coupon(rs.getObject("id", UUID.class), rs.getString("code"), rs.getObject("template_id", UUID.class),
                rs.getString("template_name"), CouponKind.ofCode(rs.getString("kind")).orElseThrow(),
                rs.getObject("customer_id", UUID.class), CouponStatus.ofCode(rs.getString("status")).orElseThrow(),
                rs.getString("source"), instant(rs, "issued_at"), instant(rs, "valid_from"), instant(rs, "valid_until"),
                instant(rs, "redeemed_at"), rs.getObject("redeemed_shop_id", UUID.class), rs.getString("redeemed_order_id"),
                rs.getBigDecimal("redeemed_order_amount"), rs.getBigDecimal("redeemed_discount"),
                instant(rs, "expired_at"), instant(rs, "revoked_at"));
    }
}
