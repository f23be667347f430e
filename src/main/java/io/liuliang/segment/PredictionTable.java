package io.liuliang.segment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether {@code customer_prediction} (the predictions of the analytics module) exists yet: conditions on
 * predictions are refused until it does.
 */
@Component
class PredictionTable {

    private final JdbcClient jdbc;
    private volatile boolean seen;

    PredictionTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean available() {
        if (!seen) {
            seen = Boolean.TRUE.equals(jdbc.sql("SELECT to_regclass('customer_prediction') IS NOT NULL")
                    .query(Boolean.class).single());
        }
        return seen;
    }
}
