package io.liuliang.loyalty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.customer.Customers;
import io.liuliang.shared.CustomerId;

/**
 * Once a day ({@code liuliang.loyalty.birthday-cron}, one instance: the day is claimed on the program row), the
 * members of tiers with a birthday coupon whose birthday is today are announced in chunks as
 * {@link BirthdayCouponsDue}; the coupon module issues the coupons (once per member and year).
 */
@Component
class LoyaltyBirthdays {

    private static final Logger log = LoggerFactory.getLogger(LoyaltyBirthdays.class);
    static final int CHUNK = 5_000;

    private final JdbcClient jdbc;
    private final Customers customers;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ZoneId zone;

    LoyaltyBirthdays(JdbcClient jdbc, Customers customers, ApplicationEventPublisher publisher,
                     PlatformTransactionManager transactions, Clock clock,
                     @Value("${liuliang.metrics.timezone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.publisher = publisher;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.zone = zone;
    }

    @Scheduled(cron = "${liuliang.loyalty.birthday-cron:0 0 8 * * *}", zone = "${liuliang.metrics.timezone:Asia/Shanghai}")
    void daily() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        try {
            int claimed = jdbc.sql("UPDATE loyalty_program SET last_birthday_run = ? WHERE enabled AND "
                    + "last_birthday_run IS DISTINCT FROM ?").params(today, today).update();
            if (claimed > 0) {
                announce(today);
            }
        } catch (RuntimeException e) {
            log.warn("Birthday coupons of {} could not be announced: {}", today, e.getMessage(), e);
        }
    }

    private record Holder(UUID customer, String tier, UUID template) {
    }

    /** Announces today's birthday members; returns how many. */
    int announce(LocalDate today) {
        MonthDay day = MonthDay.from(today);
        boolean leapDayOnThe28th = day.equals(MonthDay.of(2, 28)) && !today.isLeapYear();
        UUID after = new UUID(0, 0);
        int total = 0;
        while (true) {
            UUID from = after;
            List<Holder> holders = jdbc.sql("SELECT m.customer_id, t.code, t.birthday_coupon_template_id FROM loyalty_member m "
                            + "JOIN loyalty_tier t ON t.id = m.tier_id WHERE t.birthday_coupon_template_id IS NOT NULL "
                            + "AND m.customer_id > ? ORDER BY m.customer_id LIMIT ?")
                    .params(from, CHUNK)
                    .query((rs, n) -> new Holder(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)))
                    .list();
            if (holders.isEmpty()) {
                return total;
            }
            Set<CustomerId> born = customers.bornOn(day, leapDayOnThe28th,
                    holders.stream().map(h -> new CustomerId(h.customer())).toList());
            List<BirthdayCouponsDue.Due> due = new ArrayList<>();
            for (Holder h : holders) {
                if (born.contains(new CustomerId(h.customer()))) {
                    due.add(new BirthdayCouponsDue.Due(new CustomerId(h.customer()), h.tier(), h.template()));
                }
            }
            if (!due.isEmpty()) {
                tx.executeWithoutResult(s -> publisher.publishEvent(new BirthdayCouponsDue(today.getYear(), due)));
                total += due.size();
            }
            after = holders.get(holders.size() - 1).customer();
        }
    }

}
