package io.liuliang.messaging;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.shared.MonthlyPartitions;

/**
 * The monthly partitions of {@code msg_delivery}, created ahead at start-up and every hour (this month and the next,
 * attached so that writers are not held up; one instance at a time under an advisory lock). Rows of a month without
 * its partition land in the default partition.
 */
@Component
class DeliveryPartitions {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPartitions.class);
    private static final long PARTITION_LOCK = 0x4d5347444cL; // "MSGDL"

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    DeliveryPartitions(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Scheduled(cron = "0 17 * * * *", zone = "UTC")
    void createPartitions() {
        YearMonth now = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        try {
            tx.executeWithoutResult(s -> MonthlyPartitions.ensureAhead(jdbc, "msg_delivery", PARTITION_LOCK, now));
        } catch (RuntimeException e) {
            log.warn("Could not create the delivery partitions (deliveries go to the default one): {}", e.getMessage());
        }
    }
}
