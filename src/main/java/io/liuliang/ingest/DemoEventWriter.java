package io.liuliang.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * Writes the demo customers' behaviour events ({@link DemoEvents}) as JSON Lines, one event per line, shaped like
 * an item of our event API:
 * <pre>{"eventId":"ev_…","type":"product_view","occurredAt":"2025-06-18T12:00:00Z","shopName":"天猫旗舰店",
 * "buyerId":"tb…","properties":{"sku":"MY-1004","productName":"…","category":"母婴"}}</pre>
 * Properties that do not apply are left out; instants are UTC. Streams customer by customer, optionally gzipped.
 */
final class DemoEventWriter {

    /**
     * What has been written so far.
     *
     * @param customers customers done
     * @param events    events (lines) written
     * @param bytes     bytes of JSON (before compression)
     */
    record Stats(long customers, long events, long bytes) {
    }

    private final DemoOrders orders;
    private final DemoEvents events;

    DemoEventWriter(DemoOrders orders) {
        this.orders = orders;
        this.events = new DemoEvents(orders);
    }

    Stats write(OutputStream out, DemoCsvWriter.Compression compression) throws IOException {
        return write(out, compression, DemoChunks.defaultThreads(), stats -> { });
    }

    /**
     * Writes every customer's events to {@code out}, which is flushed but not closed; gzipped, as a series of gzip
     * members (see {@link DemoChunks}).
     * Rendered on {@code threads} threads, the bytes the same for any number; {@code progress} hears from the
     * calling thread after every chunk of customers, the last time with the totals.
     */
    Stats write(OutputStream out, DemoCsvWriter.Compression compression, int threads, Consumer<Stats> progress)
            throws IOException {
        long[] totals = new long[3];
        double bytesPerCustomer = orders.merchant().ordersPerCustomer() * 2_400;
        DemoChunks.run(orders.merchant().customers(), DemoChunks.chunkSize(bytesPerCustomer), threads,
                compression == DemoCsvWriter.Compression.GZIP, (from, to) -> render(from, to, bytesPerCustomer),
                chunk -> {
                    out.write(chunk.bytes(), 0, chunk.length());
                    totals[0] += chunk.customers();
                    totals[1] += chunk.items();
                    totals[2] += chunk.text();
                    progress.accept(new Stats(totals[0], totals[1], totals[2]));
                });
        out.flush();
        return new Stats(totals[0], totals[1], totals[2]);
    }

    private DemoChunks.Chunk render(int from, int to, double bytesPerCustomer) {
        DemoCsvWriter.Sink sink = new DemoCsvWriter.Sink(
                (int) Math.min(Integer.MAX_VALUE - 64, (to - from) * bytesPerCustomer * 1.1));
        long[] count = new long[1];
        orders.forEach(from, to, purchases -> {
            for (DemoEvent event : events.eventsOf(purchases)) {
                write(sink, event);
                count[0]++;
            }
        });
        return new DemoChunks.Chunk(sink.bytes(), sink.length(), to - from, 0, count[0]);
    }

    /** One event as one line of JSON. */
    static String toJson(DemoEvent event) {
        DemoCsvWriter.Sink sink = new DemoCsvWriter.Sink(512);
        write(sink, event);
        return new String(sink.bytes(), 0, sink.length(), StandardCharsets.UTF_8);
    }

    private static void write(DemoCsvWriter.Sink sink, DemoEvent e) {
        sink.ascii("{\"eventId\":");
        string(sink, e.eventId());
        sink.ascii(",\"type\":\"").ascii(e.type().code()).ascii("\",\"occurredAt\":\"");
        instant(sink, e.occurredAt());
        sink.ascii("\",\"shopName\":");
        string(sink, e.shopName());
        sink.ascii(",\"buyerId\":");
        string(sink, e.platformBuyerId());
        sink.ascii(",\"properties\":{");
        DemoEvent.Properties p = e.properties();
        boolean[] first = {true};
        field(sink, first, "sku", p.sku());
        field(sink, first, "productName", p.productName());
        field(sink, first, "category", p.category());
        field(sink, first, "keyword", p.keyword());
        field(sink, first, "orderId", p.orderId());
        field(sink, first, "liveRoom", p.liveRoom());
        number(sink, first, "watchSeconds", p.watchSeconds());
        field(sink, first, "couponName", p.couponName());
        number(sink, first, "couponAmount", p.couponAmount());
        number(sink, first, "rating", p.rating());
        field(sink, first, "comment", p.comment());
        field(sink, first, "channel", p.channel());
        sink.ascii("}}\n");
    }

    private static void field(DemoCsvWriter.Sink sink, boolean[] first, String name, String value) {
        if (value == null) {
            return;
        }
        key(sink, first, name);
        string(sink, value);
    }

    private static void number(DemoCsvWriter.Sink sink, boolean[] first, String name, Object value) {
        if (value == null) {
            return;
        }
        key(sink, first, name);
        sink.ascii(value instanceof BigDecimal d ? d.toPlainString() : value.toString());
    }

    private static void key(DemoCsvWriter.Sink sink, boolean[] first, String name) {
        if (!first[0]) {
            sink.put((byte) ',');
        }
        first[0] = false;
        sink.put((byte) '"').ascii(name).ascii("\":");
    }

    /** A JSON string: quotes, backslashes and control characters escaped, the rest as UTF-8. */
    private static void string(DemoCsvWriter.Sink sink, String s) {
        sink.put((byte) '"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sink.put((byte) '\\').put((byte) c);
            } else if (c < 0x20) {
                sink.ascii(String.format("\\u%04x", (int) c));
            } else if (c < 0x80) {
                sink.put((byte) c);
            } else if (c < 0x800) {
                sink.put((byte) (0xC0 | (c >> 6))).put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                sink.put((byte) (0xF0 | (cp >> 18))).put((byte) (0x80 | ((cp >> 12) & 0x3F)))
                        .put((byte) (0x80 | ((cp >> 6) & 0x3F))).put((byte) (0x80 | (cp & 0x3F)));
            } else {
                sink.put((byte) (0xE0 | (c >> 12))).put((byte) (0x80 | ((c >> 6) & 0x3F)))
                        .put((byte) (0x80 | (c & 0x3F)));
            }
        }
        sink.put((byte) '"');
    }

    /** 2025-06-18T12:00:00Z */
    private static void instant(DemoCsvWriter.Sink sink, Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        sink.isoDateTime(utc).put((byte) 'Z');
    }
}
