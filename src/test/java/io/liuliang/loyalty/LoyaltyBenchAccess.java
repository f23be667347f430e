package io.liuliang.loyalty;

import java.util.UUID;

import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Lets benchmarks in another package drive the package-private ledger and tier evaluation. */
public class LoyaltyBenchAccess {

    private final PointsLedger ledger;
    private final TransactionTemplate tx;

    public LoyaltyBenchAccess(ApplicationContext context) {
        this.ledger = context.getBean(PointsLedger.class);
        this.tx = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
    }

    /** One durable ledger entry in its own transaction (an adjustment with its own source); returns the balance after. */
    public long adjust(UUID customer, long points, String source) {
        Long balance = tx.execute(s -> ledger.post(customer, EntryKind.ADJUST, points, source, "benchmark", null, null,
                null, PointsLedger.Shortfall.REFUSE, null).entry().balanceAfter());
        return balance == null ? -1 : balance;
    }
}
