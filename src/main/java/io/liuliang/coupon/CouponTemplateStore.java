package io.liuliang.coupon;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code coupon_template} table. */
@Repository
class CouponTemplateStore {

    private final JdbcClient jdbc;

    CouponTemplateStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CouponTemplate> find(UUID id) {
        return jdbc.sql("SELECT * FROM coupon_template WHERE id = ?").param(id).query(CouponTemplateStore::map).optional();
    }

    /** The template, locked until the end of the transaction (issuing serialises on it: stock and limits). */
    Optional<CouponTemplate> lock(UUID id) {
        return jdbc.sql("SELECT * FROM coupon_template WHERE id = ? FOR UPDATE").param(id)
                .query(CouponTemplateStore::map).optional();
    }

    /** Templates by name, then id, after the cursor {@code (lower(name), id)}. */
    List<CouponTemplate> list(String q, TemplateStatus status, String afterName, UUID afterId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM coupon_template WHERE true");
        java.util.List<Object> params = new java.util.ArrayList<>();
        if (q != null && !q.isBlank()) {
            sql.append(" AND lower(name) LIKE ? ESCAPE '\\'");
            params.add("%" + q.trim().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (status != null) {
            sql.append(" AND status = ?");
            params.add(status.code());
        }
        if (afterId != null) {
            sql.append(" AND (lower(name), id) > (?, ?)");
            params.add(afterName);
            params.add(afterId);
        }
        sql.append(" ORDER BY lower(name), id LIMIT ?");
        params.add(limit);
        return jdbc.sql(sql.toString()).params(params).query(CouponTemplateStore::map).list();
    }

    void insert(CouponTemplate t) {
        jdbc.sql("""
                INSERT INTO coupon_template (id, name, description, kind, amount_off, threshold, percent_off, max_discount,
                    gift_name, currency, validity_type, valid_from, valid_until, valid_days, total_stock, per_customer_limit,
                    shop_ids, categories, min_tier, restore_on_cancel, expiring_notice_days, status, created_at, created_by,
                    updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?::text[], ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(t.id(), t.name(), t.description(), t.kind().code(), t.amountOff(), t.threshold(), t.percentOff(),
                        t.maxDiscount(), t.giftName(), t.currency(), t.validityType().code(), ts(t.validFrom()),
                        ts(t.validUntil()), t.validDays(), t.totalStock(), t.perCustomerLimit(),
                        t.shopIds().toArray(UUID[]::new), t.categories().toArray(String[]::new), t.minTier(),
                        t.restoreOnCancel(), t.expiringNoticeDays(), t.status().code(), ts(t.createdAt()), t.createdBy(),
                        ts(t.updatedAt()), t.updatedBy())
                .update();
    }

    void update(CouponTemplate t) {
        jdbc.sql("""
                UPDATE coupon_template SET name = ?, description = ?, kind = ?, amount_off = ?, threshold = ?,
                    percent_off = ?, max_discount = ?, gift_name = ?, currency = ?, validity_type = ?, valid_from = ?,
                    valid_until = ?, valid_days = ?, total_stock = ?, per_customer_limit = ?, shop_ids = ?::uuid[],
                    categories = ?::text[], min_tier = ?, restore_on_cancel = ?, expiring_notice_days = ?, status = ?,
                    updated_at = ?,
                    updated_by = ?
                WHERE id = ?""")
                .params(t.name(), t.description(), t.kind().code(), t.amountOff(), t.threshold(), t.percentOff(),
                        t.maxDiscount(), t.giftName(), t.currency(), t.validityType().code(), ts(t.validFrom()),
                        ts(t.validUntil()), t.validDays(), t.totalStock(), t.perCustomerLimit(),
                        t.shopIds().toArray(UUID[]::new), t.categories().toArray(String[]::new), t.minTier(),
                        t.restoreOnCancel(), t.expiringNoticeDays(), t.status().code(), ts(t.updatedAt()), t.updatedBy(),
                        t.id())
                .update();
    }

    void addIssued(UUID id, int count) {
        jdbc.sql("UPDATE coupon_template SET issued_count = issued_count + ? WHERE id = ?").params(count, id).update();
    }

    static OffsetDateTime ts(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    static CouponTemplate map(ResultSet rs, int row) throws SQLException {
        return new CouponTemplate(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                CouponKind.ofCode(rs.getString("kind")).orElseThrow(), rs.getBigDecimal("amount_off"),
                rs.getBigDecimal("threshold"), rs.getBigDecimal("percent_off"), rs.getBigDecimal("max_discount"),
                rs.getString("gift_name"), rs.getString("currency"),
                ValidityType.ofCode(rs.getString("validity_type")).orElseThrow(), instant(rs, "valid_from"),
                instant(rs, "valid_until"), integer(rs, "valid_days"), integer(rs, "total_stock"),
                rs.getInt("issued_count"), rs.getInt("per_customer_limit"), uuids(rs.getArray("shop_ids")),
                texts(rs.getArray("categories")), rs.getString("min_tier"), rs.getBoolean("restore_on_cancel"), rs.getInt("expiring_notice_days"),
                TemplateStatus.ofCode(rs.getString("status")).orElseThrow(), instant(rs, "created_at"),
                rs.getString("created_by"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(o -> (UUID) o).toList();
    }

    private static List<String> texts(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(o -> (String) o).toList();
    }

    static BigDecimal money(BigDecimal value) {
        return value == null ? null : value.setScale(2, java.math.RoundingMode.HALF_UP);
    }
}
