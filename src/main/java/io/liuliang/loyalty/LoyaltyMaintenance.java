package io.liuliang.loyalty;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's upkeep: monthly partitions of {@code points_entry} created ahead (this month and the next, attached so
 * that writers are not held up; a default partition catches anything else), and points lots past their expiry
 * expired, lot by lot, each once (its source is the lot).
 */
@Component
class LoyaltyMaintenance {

    private static final Logger log = LoggerFactory.getLogger(LoyaltyMaintenance.class);
    private static final long PARTITION_LOCK = 0x4c4f59414cL; // "LOYAL"
    static final int EXPIRY_BATCH = 500;

    private final JdbcClient jdbc;
    private final PointsLedger ledger;
    private final TransactionTemplate tx;
    private final Clock clock;

    LoyaltyMaintenance(JdbcClient jdbc, PointsLedger ledger, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(cron = "0 23 * * * *", zone = "UTC")
    void createPartitions() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        try {
            tx.executeWithoutResult(s -> io.liuliang.shared.MonthlyPartitions.ensureAhead(jdbc, "points_entry",
                    PARTITION_LOCK, now));
        } catch (RuntimeException e) {
            log.warn("Could not create the points ledger partitions (entries go to the default one): {}", e.getMessage());
        }
    }

    private record DueLot(long id, UUID customer, long remaining) {
    }

    @Scheduled(fixedDelayString = "${liuliang.loyalty.expiry-interval:PT10M}", initialDelayString = "PT30S")
    void expireLots() {
        try {
            expireDue();
        } catch (RuntimeException e) {
            log.warn("Points expiry failed (will retry): {}", e.getMessage(), e);
        }
    }

    /** Expires every lot past its expiry; returns how many points expired. */
    long expireDue() {
        long total = 0;
        while (true) {
            List<DueLot> due = jdbc.sql("SELECT id, customer_id, remaining FROM points_lot WHERE remaining > 0 "
                            + "AND expires_at <= now() ORDER BY expires_at, id LIMIT ?")
                    .param(EXPIRY_BATCH).query((rs, n) -> new DueLot(rs.getLong(1), rs.getObject(2, UUID.class), rs.getLong(3)))
                    .list();
            if (due.isEmpty()) {
                return total;
            }
            for (DueLot lot : due) {
                Long expired = tx.execute(s -> ledger.post(lot.customer(), EntryKind.EXPIRE, -lot.remaining(),
                        "expire:lot:" + lot.id(), "points earned earlier expired", null, null, lot.id(),
                        PointsLedger.Shortfall.CAP, null).entry().points());
                total += expired == null ? 0 : -expired;
            }
            if (due.size() < EXPIRY_BATCH) {
                return total;
            }
        }
    }
}
