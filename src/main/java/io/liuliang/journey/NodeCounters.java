package io.liuliang.journey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Per-node counters gathered over a batch and added in one statement at its end (in key order, so concurrent
 * batches lock the counter rows in the same order and never deadlock).
 */
final class NodeCounters {

    enum Counter {
        ENTERED, PASSED, EXITED, CONVERTED
    }

    private final Map<String, long[]> deltas = new TreeMap<>();

    void add(UUID journey, int version, String node, Counter counter) {
        deltas.computeIfAbsent(journey + "|" + version + "|" + node, k -> new long[Counter.values().length])[counter.ordinal()]++;
    }

    boolean isEmpty() {
        return deltas.isEmpty();
    }

    void flush(JdbcClient jdbc) {
        if (deltas.isEmpty()) {
            return;
        }
        List<UUID> journeys = new ArrayList<>();
        List<Integer> versions = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        long[][] values = new long[Counter.values().length][deltas.size()];
        int i = 0;
        for (Map.Entry<String, long[]> e : deltas.entrySet()) {
            String[] parts = e.getKey().split("\\|", 3);
            journeys.add(UUID.fromString(parts[0]));
            versions.add(Integer.parseInt(parts[1]));
            nodes.add(parts[2]);
            for (int c = 0; c < values.length; c++) {
                values[c][i] = e.getValue()[c];
            }
            i++;
        }
        jdbc.sql("INSERT INTO journey_node_stat AS s (journey_id, version, node_id, entered, passed, exited, converted) "
                        + "SELECT * FROM unnest(?::uuid[], ?::int[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
                        + "ON CONFLICT (journey_id, version, node_id) DO UPDATE SET entered = s.entered + excluded.entered, "
                        + "passed = s.passed + excluded.passed, exited = s.exited + excluded.exited, "
                        + "converted = s.converted + excluded.converted")
                .params(journeys.toArray(UUID[]::new), versions.toArray(Integer[]::new), nodes.toArray(String[]::new),
                        boxed(values[0]), boxed(values[1]), boxed(values[2]), boxed(values[3]))
                .update();
        deltas.clear();
    }

    private static Long[] boxed(long[] v) {
        Long[] out = new Long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
