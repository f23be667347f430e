package io.liuliang.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.liuliang.customer.CustomerUnmerged;
import io.liuliang.customer.Customers;
import io.liuliang.customer.CustomersMerged;
import io.liuliang.shared.CustomerId;

/**
 * Which customer an event's {@code customerId} stands for now, looked up for a whole batch at once through
 * {@link Customers#survivorsOf} and remembered for {@code liuliang.events.survivor-cache-ttl}. Any merge or unmerge
 * published in this instance forgets everything, at once and again when its transaction ends (so a look-up that read
 * the rows before the merge committed cannot linger). Unknown ids are not remembered, so a customer created a moment
 * ago is found at once.
 */
@Component
class CustomerSurvivors {

    /** Past this many remembered ids, stale ones go, and if none are stale, all. */
    static final int MAX_ENTRIES = 100_000;

    private record Entry(CustomerId survivor, Instant lookedUpAt) {
    }

    private final Customers customers;
    private final Clock clock;
    private final Duration ttl;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every forgetting, so that a look-up that overlapped one is not remembered. */
    private final AtomicLong generation = new AtomicLong();

    CustomerSurvivors(Customers customers, Clock clock, EventIngestProperties properties) {
        this.customers = customers;
        this.clock = clock;
        this.ttl = properties.survivorCacheTtl();
    }

    /** Each known id mapped to its survivor; unknown ids are absent. */
    Map<UUID, CustomerId> of(Collection<UUID> ids) {
        Map<UUID, CustomerId> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        Instant now = clock.instant();
        List<CustomerId> missing = new ArrayList<>();
        for (UUID id : ids) {
            Entry entry = entries.get(id);
            if (entry != null && fresh(entry, now)) {
                found.put(id, entry.survivor());
            } else {
                missing.add(new CustomerId(id));
            }
        }
        if (missing.isEmpty()) {
            return found;
        }
        long before = generation.get();
        Map<CustomerId, CustomerId> looked = customers.survivorsOf(missing);
        boolean remember = !ttl.isZero() && !ttl.isNegative();
        if (remember && entries.size() + looked.size() > MAX_ENTRIES) {
            entries.values().removeIf(e -> !fresh(e, now));
            if (entries.size() + looked.size() > MAX_ENTRIES) {
                entries.clear();
            }
        }
        looked.forEach((id, survivor) -> {
            found.put(id.value(), survivor);
            if (remember) {
                entries.put(id.value(), new Entry(survivor, now));
            }
        });
        if (remember && generation.get() != before) {
            looked.keySet().forEach(id -> entries.remove(id.value()));
        }
        return found;
    }

    @EventListener
    void on(CustomersMerged merged) {
        forgetAll();
    }

    @EventListener
    void on(CustomerUnmerged unmerged) {
        forgetAll();
    }

    private void forgetAll() {
        generation.incrementAndGet();
        entries.clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                    entries.clear();
                }
            });
        }
    }

    private boolean fresh(Entry entry, Instant now) {
        return entry.lookedUpAt().plus(ttl).isAfter(now);
    }
}
