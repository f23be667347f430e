package io.liuliang.messaging;

import java.util.Collection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.shared.CustomerId;

/**
 * Serialises the cap checks of one customer across threads and instances: a transaction-scoped advisory lock on
 * ({@value #NAMESPACE}, hash of the customer id). Several customers are locked in hash order, so two transactions
 * never wait for each other in a cycle.
 */
@Component
class CustomerLock {

    static final int NAMESPACE = 6_2022;

    private final JdbcClient jdbc;

    CustomerLock(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void lock(CustomerId customer) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?, ?)").params(NAMESPACE, customer.value().hashCode())
                .query((rs, n) -> 1).single();
    }

    /** Locks all of them in one statement, in hash order. */
    void lockAll(Collection<CustomerId> customers) {
        int[] hashes = customers.stream().mapToInt(c -> c.value().hashCode()).distinct().sorted().toArray();
        if (hashes.length == 0) {
            return;
        }
        // the sorted subquery (kept by OFFSET 0) hands the locks over in order
        jdbc.sql("SELECT pg_advisory_xact_lock(?, h) FROM (SELECT h FROM unnest(?::int[]) AS u(h) ORDER BY h OFFSET 0) s")
                .params(NAMESPACE, java.util.Arrays.stream(hashes).boxed().toArray(Integer[]::new))
                .query((rs, n) -> 1).list();
    }
}
