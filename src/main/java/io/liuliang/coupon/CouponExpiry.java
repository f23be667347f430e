package io.liuliang.coupon;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.shared.CustomerId;

/**
 * Every {@code liuliang.coupons.expiry-interval} (default a minute): unused coupons past their validity become
 * expired ({@link CouponsExpired}), and unused coupons entering their template's notice window are announced once
 * ({@link CouponsExpiring}). Batches are claimed with {@code FOR UPDATE SKIP LOCKED} and the status change is the
 * claim, so any number of instances can run it and each coupon is announced once.
 */
@Component
class CouponExpiry {

    private static final Logger log = LoggerFactory.getLogger(CouponExpiry.class);
    static final int BATCH = 1_000;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;

    CouponExpiry(JdbcClient jdbc, ApplicationEventPublisher publisher, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.tx = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${liuliang.coupons.expiry-interval:PT1M}", initialDelayString = "PT5S")
    void run() {
        try {
            expire();
            announceExpiring();
        } catch (RuntimeException e) {
            log.warn("Coupon expiry failed (will retry): {}", e.getMessage(), e);
        }
    }

    /** Expires what is due; returns how many. */
    int expire() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(status -> {
                List<IssuedCoupon> expired = jdbc.sql("""
                        WITH due AS (SELECT id FROM coupon WHERE status = 'issued' AND valid_until <= now()
                                     ORDER BY valid_until LIMIT ? FOR UPDATE SKIP LOCKED)
                        UPDATE coupon c SET status = 'expired', expired_at = now() FROM due WHERE c.id = due.id
                        RETURNING c.id, c.code, c.template_id, c.customer_id, c.valid_until""")
                        .param(BATCH).query((rs, i) -> coupon(rs)).list();
                if (!expired.isEmpty()) {
                    publisher.publishEvent(new CouponsExpired(expired));
                }
                return expired.size();
            });
            total += n == null ? 0 : n;
            if (n == null || n < BATCH) {
                return total;
            }
        }
    }

    /** Announces the coupons that entered their notice window; returns how many. */
    int announceExpiring() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(status -> {
                List<IssuedCoupon> expiring = jdbc.sql("""
                        WITH due AS (SELECT c.id FROM coupon c JOIN coupon_template t ON t.id = c.template_id
                                     WHERE c.status = 'issued' AND c.expiring_notified_at IS NULL
                                       AND t.expiring_notice_days > 0 AND c.valid_until > now()
                                       AND c.valid_until <= now() + make_interval(days => t.expiring_notice_days)
                                     LIMIT ? FOR UPDATE OF c SKIP LOCKED)
                        UPDATE coupon c SET expiring_notified_at = now() FROM due WHERE c.id = due.id
                        RETURNING c.id, c.code, c.template_id, c.customer_id, c.valid_until""")
                        .param(BATCH).query((rs, i) -> coupon(rs)).list();
                if (!expiring.isEmpty()) {
                    publisher.publishEvent(new CouponsExpiring(expiring));
                }
                return expiring.size();
            });
            total += n == null ? 0 : n;
            if (n == null || n < BATCH) {
                return total;
            }
        }
    }

    private static IssuedCoupon coupon(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new IssuedCoupon(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                new CustomerId(rs.getObject(4, UUID.class)), rs.getTimestamp(5).toInstant());
    }
}
