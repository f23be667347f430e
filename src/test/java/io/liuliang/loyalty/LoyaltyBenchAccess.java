package io.liuliang.loyalty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /**
     * One durable ledger entry (an adjustment with its own source) posted as the adjustment API posts it: outside a
     * transaction, so the posting is its own; returns the balance after.
     */
    public long adjust(UUID customer, long points, String source) {
        return post(customer, points, source);
    }

    /** The same entry inside a transaction of the caller's (as an order's earning or a task's reward is posted). */
    public long adjustInTransaction(UUID customer, long points, String source) {
        Long balance = tx.execute(s -> post(customer, points, source));
        return balance == null ? -1 : balance;
    }

    private long post(UUID customer, long points, String source) {
        return ledger.post(customer, EntryKind.ADJUST, points, source, "benchmark", null, null, null,
                PointsLedger.Shortfall.REFUSE, null).entry().balanceAfter();
    }

    /** Many adjustments in one statement (the ledger's bulk credit); returns how many were posted new. */
    public int adjustAll(List<UUID> customers, long points, List<String> sources) {
        List<PointsLedger.Credit> credits = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            credits.add(new PointsLedger.Credit(customers.get(i), EntryKind.ADJUST, points, sources.get(i), "benchmark",
                    null, null, null));
        }
        int fresh = 0;
        for (Optional<PointsLedger.Posted> p : ledger.credit(credits)) {
            if (p.isPresent() && !p.get().replayed()) {
                fresh++;
            }
        }
        return fresh;
    }
}
