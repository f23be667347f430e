package io.liuliang.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Runs the demo writers on several threads without changing a byte of their output: customers are cut into
 * consecutive chunks, worker threads render (and, for gzip, compress) chunks to bytes, and the calling thread takes
 * the chunks in order and writes them. At most a few chunks are in flight, so memory stays bounded. Compressed, each
 * chunk is a gzip member of its own; a gzip file may hold many members one after the other (RFC 1952), which every
 * gzip reader reads as one stream, as with {@code pigz --independent} or {@code bgzip}.
 */
final class DemoChunks {

    /** Bytes a chunk should come to, roughly. */
    static final int CHUNK_BYTES = 1_000_000;

    /** Renders customers {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    interface Renderer {
        Chunk render(int from, int to) throws IOException;
    }

    /** Takes the rendered chunks, in customer order. */
    @FunctionalInterface
    interface Taker {
        void take(Chunk chunk) throws IOException;
    }

    /**
     * Some customers rendered.
     *
     * @param bytes     the rendered text, or a gzip member of it
     * @param length    how much of {@code bytes} is used
     * @param text      bytes of text before compression
     * @param customers customers in it
     * @param orders    orders in it (0 for events)
     * @param items     lines (CSV lines, events) in it
     */
    record Chunk(byte[] bytes, int length, long text, int customers, long orders, long items) {

        Chunk(byte[] bytes, int length, int customers, long orders, long items) {
            this(bytes, length, length, customers, orders, items);
        }

        /** This chunk as a gzip member. */
        Chunk gzipped() {
            byte[] member = gzip(bytes, 0, length);
            return new Chunk(member, member.length, text, customers, orders, items);
        }
    }

    /** One gzip member of the given bytes, at the fastest level (on this text nearly as small as the default). */
    static byte[] gzip(byte[] bytes, int offset, int length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, length / 4));
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            gzip.write(bytes, offset, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen in memory
        }
        return out.toByteArray();
    }

    private DemoChunks() {
    }

    /** Threads to use by default: one per processor. */
    static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Customers per chunk when each comes to about {@code bytesPerCustomer}. */
    static int chunkSize(double bytesPerCustomer) {
        return (int) Math.max(50, Math.min(20_000, CHUNK_BYTES / Math.max(1.0, bytesPerCustomer)));
    }

    /**
     * Renders customers 0 .. {@code customers} − 1 in chunks of {@code chunk}, on {@code threads} threads, gzips
     * each chunk if asked, and gives the chunks to {@code taker} in order, on the calling thread.
     */
    static void run(int customers, int chunk, int threads, boolean gzip, Renderer renderer, Taker taker)
            throws IOException {
        Renderer work = gzip ? (from, to) -> renderer.render(from, to).gzipped() : renderer;
        if (threads <= 1) {
            for (int from = 0; from < customers; from += chunk) {
                taker.take(work.render(from, Math.min(customers, from + chunk)));
            }
            return;
        }
        AtomicInteger names = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "demo-data-" + names.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            Deque<Future<Chunk>> inFlight = new ArrayDeque<>();
            int next = 0;
            while (next < customers || !inFlight.isEmpty()) {
                while (next < customers && inFlight.size() < 2 * threads) {
                    int from = next;
                    int to = Math.min(customers, from + chunk);
                    inFlight.add(pool.submit(() -> work.render(from, to)));
                    next = to;
                }
                taker.take(await(inFlight.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Chunk await(Future<Chunk> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating demo data", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
