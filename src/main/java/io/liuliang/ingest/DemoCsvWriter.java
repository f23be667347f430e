package io.liuliang.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.liuliang.order.OrderStatus;

/**
 * Writes the demo merchant's orders as our {@code generic} import template: UTF-8 CSV, the {@link #HEADER} line,
 * then one line per order item, customer by customer (each customer's orders oldest first). Order-level columns
 * (everything but {@code sku, product_name, category, quantity, unit_price}) repeat on every line of the order:
 * {@code total_amount = Σ quantity × unit_price − discount + shipping}. {@code customer_id} is the buyer's id on the
 * shop, {@code shop} the shop's name, times are local ({@code yyyy-MM-dd HH:mm:ss}, the merchant's zone), amounts
 * have two decimals, {@code paid_at} is empty for unpaid orders, {@code name, phone, province, city} are the
 * receiver's (someone else for gifts) and {@code email} the buyer's, if known. Fields are quoted as RFC 4180 says,
 * lines end with {@code \n}; no byte-order mark.
 *
 * <p>It streams: memory stays bounded (one customer's orders at a time) whatever the size, and it writes bytes
 * straight into buffers, on all processors, so that it makes well over a million lines a second. Optionally
 * gzip-compressed, also on all processors.
 */
final class DemoCsvWriter {

    static final String HEADER = "order_id,customer_id,ordered_at,status,total_amount,currency,sku,product_name,"
            + "category,quantity,unit_price,name,phone,email,province,city,shop,paid_at,discount,shipping,"
            + "refund_amount,refund_reason";

    /** Whether to compress what is written. */
    enum Compression {
        NONE, GZIP;

        /** GZIP for names ending in .gz, else NONE. */
        static Compression forFileName(String name) {
            return name.endsWith(".gz") ? GZIP : NONE;
        }
    }

    /**
     * What has been written so far.
     *
     * @param customers customers done
     * @param orders    orders written
     * @param lines     lines written, the header not counted
     * @param bytes     bytes of CSV (before compression)
     */
    record Stats(long customers, long orders, long lines, long bytes) {
    }

    private final DemoOrders orders;
    private final byte[][] productBytes;
    private final byte[] currencyBytes;
    private final byte[][] statusBytes;
    private final List<DemoMerchant.Shop> shops;
    private final byte[][] shopBytes;
    private final Map<DemoPeople.Region, byte[]> regionBytes = new HashMap<>();

    DemoCsvWriter(DemoOrders orders) {
        this.orders = orders;
        List<DemoCatalog.Product> products = orders.catalog().products();
        this.productBytes = new byte[products.size()][];
        for (DemoCatalog.Product p : products) {
            // sku,product_name,category,
            productBytes[p.index()] = utf8(quote(p.sku()) + "," + quote(p.name()) + "," + quote(p.category().label())
                    + ",");
        }
        this.currencyBytes = utf8(orders.merchant().currency().getCurrencyCode());
        this.statusBytes = new byte[OrderStatus.values().length][];
        for (OrderStatus s : OrderStatus.values()) {
            statusBytes[s.ordinal()] = utf8(s.code());
        }
        this.shops = orders.merchant().shops();
        this.shopBytes = new byte[shops.size()][];
        for (int i = 0; i < shops.size(); i++) {
            shopBytes[i] = utf8(quote(shops.get(i).name()));
        }
        for (DemoPeople.Region r : DemoPeople.regions()) {
            regionBytes.put(r, utf8(quote(r.province()) + "," + quote(r.city()) + ","));
        }
    }

    /** RFC 4180: a field with a comma, a double quote or a line break goes in double quotes, its quotes doubled. */
    static String quote(String value) {
        if (value == null) {
            return "";
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + value.replace("\"", "\"\"") + '"';
            }
        }
        return value;
    }

    Stats write(OutputStream out, Compression compression) throws IOException {
        return write(out, compression, DemoChunks.defaultThreads(), stats -> { });
    }

    /**
     * Writes every customer's orders to {@code out}, which is flushed but not closed. Gzipped, the output is a series
     * of gzip members (one per chunk of customers), which gzip readers read as one stream. Customers are rendered
     * on {@code threads} threads; the bytes are the same for any number. {@code progress} hears from the calling
     * thread after every chunk of customers (about 1 MB of CSV), the last time with the totals.
     */
    Stats write(OutputStream out, Compression compression, int threads, Consumer<Stats> progress) throws IOException {
        boolean gzip = compression == Compression.GZIP;
        byte[] header = utf8(HEADER + "\n");
        out.write(gzip ? DemoChunks.gzip(header, 0, header.length) : header);
        long[] totals = {0, 0, 0, header.length};
        DemoChunks.run(orders.merchant().customers(), DemoChunks.chunkSize(bytesPerCustomer()), threads, gzip,
                this::render, chunk -> {
                    out.write(chunk.bytes(), 0, chunk.length());
                    totals[0] += chunk.customers();
                    totals[1] += chunk.orders();
                    totals[2] += chunk.items();
                    totals[3] += chunk.text();
                    progress.accept(new Stats(totals[0], totals[1], totals[2], totals[3]));
                });
        out.flush();
        return new Stats(totals[0], totals[1], totals[2], totals[3]);
    }

    /** Roughly: 1.8 lines of about 240 bytes per order. */
    private double bytesPerCustomer() {
        return orders.merchant().ordersPerCustomer() * 1.8 * 240;
    }

    /** Customers {@code from} to {@code to} (exclusive) as CSV lines. */
    private DemoChunks.Chunk render(int from, int to) {
        Sink sink = new Sink((int) Math.min(Integer.MAX_VALUE - 64, (to - from) * bytesPerCustomer() * 1.1));
        Sink prefix = new Sink(256);
        Sink suffix = new Sink(256);
        long[] counts = new long[2];
        orders.forEach(from, to, purchases -> writeCustomer(purchases, sink, prefix, suffix, counts));
        return new DemoChunks.Chunk(sink.bytes(), sink.length(), to - from, counts[0], counts[1]);
    }

    private void writeCustomer(DemoOrders.Purchases purchases, Sink sink, Sink prefix, Sink suffix, long[] counts) {
        DemoPeople.Person person = purchases.person();
        List<DemoPeople.Account> accounts = person.accounts();
        byte[][] buyerIds = new byte[accounts.size()][];
        for (int i = 0; i < buyerIds.length; i++) {
            buyerIds[i] = utf8(quote(accounts.get(i).buyerId()));
        }
        byte[] email = utf8(quote(person.email()));
        Sink self = new Sink(96);
        contact(self, person.contact(), email);
        List<DemoOrder> orderList = purchases.orders();
        for (int o = 0; o < orderList.size(); o++) {
            DemoOrder order = orderList.get(o);
            // order_id,customer_id,ordered_at,status,total_amount,currency,
            prefix.reset();
            prefix.ascii(order.orderId()).put((byte) ',');
            prefix.put(buyerIds[indexOf(accounts, order.buyer())]).put((byte) ',');
            prefix.dateTime(order.orderedAt()).put((byte) ',');
            prefix.put(statusBytes[order.status().ordinal()]).put((byte) ',');
            prefix.cents(order.totalCents()).put((byte) ',');
            prefix.put(currencyBytes).put((byte) ',');
            // name,phone,email,province,city,shop,paid_at,discount,shipping,refund_amount,refund_reason
            suffix.reset();
            if (order.gift()) {
                contact(suffix, order.receiver(), email);
            } else {
                suffix.put(self);
            }
            suffix.put(shopBytes[indexOf(shops, order.shop())]).put((byte) ',');
            if (order.paidAt() != null) {
                suffix.dateTime(order.paidAt());
            }
            suffix.put((byte) ',').cents(order.discountCents()).put((byte) ',');
            suffix.cents(order.shippingCents()).put((byte) ',');
            suffix.cents(order.refundCents()).put((byte) ',');
            if (order.refundReason() != null) {
                suffix.put(utf8(quote(order.refundReason())));
            }
            suffix.put((byte) '\n');
            List<DemoOrder.Line> lines = order.lines();
            for (int i = 0; i < lines.size(); i++) {
                DemoOrder.Line line = lines.get(i);
                sink.put(prefix);
                sink.put(productBytes[line.product().index()]);
                sink.integer(line.quantity()).put((byte) ',');
                sink.cents(line.unitPriceCents()).put((byte) ',');
                sink.put(suffix);
                counts[1]++;
            }
            counts[0]++;
        }
    }

    private static <T> int indexOf(List<T> list, T item) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == item) {
                return i;
            }
        }
        return list.indexOf(item);
    }

    /** name,phone,email,province,city, */
    private void contact(Sink sink, DemoPeople.Contact contact, byte[] email) {
        sink.put(utf8(quote(contact.name()))).put((byte) ',');
        sink.ascii(contact.phone()).put((byte) ',');
        sink.put(email).put((byte) ',');
        sink.put(regionBytes.get(contact.region()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A growable byte buffer with the few writers the demo files need (ASCII, UTF-8 bytes, numbers, times). */
    static final class Sink {

        private byte[] buf;
        private int len;

        Sink(int capacity) {
            this.buf = new byte[Math.max(64, capacity)];
        }

        void reset() {
            len = 0;
        }

        /** The buffer: everything put so far, up to {@link #length()}. */
        byte[] bytes() {
            return buf;
        }

        int length() {
            return len;
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                grow(n);
            }
        }

        private void grow(int n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }

        Sink put(byte b) {
            ensure(1);
            buf[len++] = b;
            return this;
        }

        Sink put(byte[] bytes) {
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, len, bytes.length);
            len += bytes.length;
            return this;
        }

        Sink put(Sink other) {
            ensure(other.len);
            System.arraycopy(other.buf, 0, buf, len, other.len);
            len += other.len;
            return this;
        }

        /** An ASCII string (order numbers, phones), one byte per char. */
        Sink ascii(String s) {
            int n = s.length();
            ensure(n);
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
            return this;
        }

        Sink integer(long value) {
            ensure(20);
            if (value < 0) {
                buf[len++] = '-';
                value = -value;
            }
            int start = len;
            do {
                buf[len++] = (byte) ('0' + value % 10);
                value /= 10;
            } while (value > 0);
            for (int i = start, j = len - 1; i < j; i++, j--) {
                byte t = buf[i];
                buf[i] = buf[j];
                buf[j] = t;
            }
            return this;
        }

        /** An amount in cents as 123.45. */
        Sink cents(long cents) {
            ensure(24);
            if (cents < 0) {
                buf[len++] = '-';
                cents = -cents;
            }
            integer(cents / 100);
            long fraction = cents % 100;
            buf[len++] = '.';
            buf[len++] = (byte) ('0' + fraction / 10);
            buf[len++] = (byte) ('0' + fraction % 10);
            return this;
        }

        /** yyyy-MM-dd HH:mm:ss */
        Sink dateTime(LocalDateTime t) {
            return dateTime(t, (byte) ' ');
        }

        /** yyyy-MM-ddTHH:mm:ss */
        Sink isoDateTime(LocalDateTime t) {
            return dateTime(t, (byte) 'T');
        }

        private Sink dateTime(LocalDateTime t, byte separator) {
            ensure(19);
            int year = t.getYear();
            buf[len++] = (byte) ('0' + year / 1000);
            buf[len++] = (byte) ('0' + year / 100 % 10);
            buf[len++] = (byte) ('0' + year / 10 % 10);
            buf[len++] = (byte) ('0' + year % 10);
            buf[len++] = '-';
            two(t.getMonthValue());
            buf[len++] = '-';
            two(t.getDayOfMonth());
            buf[len++] = separator;
            two(t.getHour());
            buf[len++] = ':';
            two(t.getMinute());
            buf[len++] = ':';
            two(t.getSecond());
            return this;
        }

        private void two(int v) {
            buf[len++] = (byte) ('0' + v / 10);
            buf[len++] = (byte) ('0' + v % 10);
        }
    }
}
