package io.liuliang.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Customers' purchase histories from the order tables, set-based and read-only (see the package documentation).
 * A transaction is a purchase day: a customer's non-cancelled orders of one calendar day (in the shop's time zone)
 * merged, worth their paid amounts less refunds (never below zero). x counts the purchase days after the first.
 */
@Repository
class ClvHistories {

    /**
     * The purchase days of the scope up to and including {@code ?} (the last day), with their net value and the
     * customer's first purchase day. Parameters: shop id (or null) twice, last day.
     */
    static final String PURCHASE_DAYS = """
            SELECT customer_id, day, spend, min(day) OVER (PARTITION BY customer_id) AS first_day
            FROM (SELECT o.customer_id, (o.ordered_at AT TIME ZONE s.timezone)::date AS day,
                         greatest(sum(coalesce(o.paid_amount, o.item_total - o.discount + o.shipping) - o.refunded_amount), 0)
                             AS spend
                  FROM sales_order o JOIN shop s ON s.id = o.shop_id
                  WHERE o.customer_id IS NOT NULL AND o.status <> 'cancelled'
                    AND (CAST(? AS uuid) IS NULL OR o.shop_id = CAST(? AS uuid))
                    AND (o.ordered_at AT TIME ZONE s.timezone)::date <= CAST(? AS date)
                  GROUP BY 1, 2) d""";

    private final JdbcClient jdbc;

    ClvHistories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One group of calibration histories: identical (x, t_x, T) in days, how many customers, their holdout purchases. */
    record Group(int x, int txDays, int tDays, long customers, long holdoutPurchases) {
    }

    /** Calibration groups for BG/NBD and the holdout chart, and repeat buyers' mean spend for Gamma-Gamma. */
    record Calibration(List<Group> groups, SpendData spend) {
    }

    /**
     * The calibration-period histories (first purchase on or before {@code calibrationEnd}) with each customer's
     * purchase days in the holdout period (after it, up to {@code holdoutEnd}): one pass over the orders into a
     * temporary table, then the two aggregates over it.
     */
    @Transactional
    Calibration calibration(ClvScope scope, LocalDate calibrationEnd, LocalDate holdoutEnd) {
        String perCustomer = """
                SELECT customer_id,
                       count(*) FILTER (WHERE day <= CAST(? AS date)) - 1 AS x,
                       max(day) FILTER (WHERE day <= CAST(? AS date)) - min(day) AS tx_days,
                       CAST(? AS date) - min(day) AS t_days,
                       coalesce(sum(spend) FILTER (WHERE day <= CAST(? AS date) AND day > first_day), 0) AS repeat_spend,
                       count(*) FILTER (WHERE day > CAST(? AS date)) AS holdout
                FROM (""" + PURCHASE_DAYS + """
                ) p
                GROUP BY customer_id
                HAVING min(day) <= CAST(? AS date)""";
        Object[] params = {calibrationEnd, calibrationEnd, calibrationEnd, calibrationEnd, calibrationEnd,
                scope.shopId(), scope.shopId(), holdoutEnd, calibrationEnd};
        jdbc.sql("CREATE TEMP TABLE clv_calibration ON COMMIT DROP AS " + perCustomer).params(params).update();
        List<Group> groups = jdbc.sql("SELECT x, tx_days, t_days, count(*) AS n, sum(holdout) AS holdout "
                        + "FROM clv_calibration GROUP BY x, tx_days, t_days")
                .query((rs, n) -> new Group(rs.getInt("x"), rs.getInt("tx_days"), rs.getInt("t_days"), rs.getLong("n"),
                        rs.getLong("holdout")))
                .list();
        SpendData spend = new SpendData();
        jdbc.sql("SELECT x, repeat_spend / x AS zbar FROM clv_calibration WHERE x > 0 AND repeat_spend > 0")
                .query(rs -> {
                    spend.add(rs.getInt("x"), rs.getDouble("zbar"));
                });
        jdbc.sql("DROP TABLE clv_calibration").update();
        return new Calibration(groups, spend);
    }

    /** The first purchase day of the scope, if it has any purchase. */
    Optional<LocalDate> firstPurchaseDay(ClvScope scope) {
        return jdbc.sql("""
                        SELECT min((o.ordered_at AT TIME ZONE s.timezone)::date)
                        FROM sales_order o JOIN shop s ON s.id = o.shop_id
                        WHERE o.customer_id IS NOT NULL AND o.status <> 'cancelled'
                          AND (CAST(? AS uuid) IS NULL OR o.shop_id = CAST(? AS uuid))""")
                .params(scope.shopId(), scope.shopId())
                .query((rs, n) -> Optional.ofNullable(rs.getObject(1, LocalDate.class))).single();
    }

    /**
     * Customers with at least two purchase days up to {@code calibrationEnd} (the ones the models learn from),
     * counted up to {@code enough}: two purchase days means the first and last differ, an aggregate that needs no
     * sort, and the limit lets the database stop early.
     */
    long repeaters(ClvScope scope, LocalDate calibrationEnd, int enough) {
        return jdbc.sql("""
                        SELECT count(*) FROM (
                            SELECT o.customer_id FROM sales_order o JOIN shop s ON s.id = o.shop_id
                            WHERE o.customer_id IS NOT NULL AND o.status <> 'cancelled'
                              AND (CAST(? AS uuid) IS NULL OR o.shop_id = CAST(? AS uuid))
                              AND (o.ordered_at AT TIME ZONE s.timezone)::date <= CAST(? AS date)
                            GROUP BY o.customer_id
                            HAVING min((o.ordered_at AT TIME ZONE s.timezone)::date)
                                   < max((o.ordered_at AT TIME ZONE s.timezone)::date)
                            LIMIT ?) r""")
                .params(scope.shopId(), scope.shopId(), calibrationEnd, enough).query(Long.class).single();
    }
}
