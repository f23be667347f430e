package io.liuliang.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs numbered steps over a fixed number of client threads, as a load generator would. */
final class ConcurrentSteps {

    private ConcurrentSteps() {
    }

    @FunctionalInterface
    interface Step {
        void run(int index) throws Exception;
    }

    /** Runs steps {@code 0 … count-1} over {@code clients} threads; returns the wall-clock seconds. */
    static double run(int clients, int count, Step step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < clients; t++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        step.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            pool.shutdownNow();
        }
    }
}
