package io.liuliang.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.liuliang.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DemoCsvWriterTests {

    private static final String HEADER = "order_id,customer_id,ordered_at,status,total_amount,currency,sku,product_name,"
            + "category,quantity,unit_price,name,phone,email,province,city,shop,paid_at,discount,shipping,"
            + "refund_amount,refund_reason";
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final String AMOUNT = "-?\\d+\\.\\d{2}";

    private static DemoMerchant merchant;
    private static byte[] csv;

    @BeforeAll
    static void generate() throws IOException {
        merchant = DemoMerchant.of(42, 2_000, 5_000);
        csv = write(merchant, DemoCsvWriter.Compression.NONE, 2);
    }

    private static byte[] write(DemoMerchant m, DemoCsvWriter.Compression compression, int threads) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DemoCsvWriter(new DemoOrders(m)).write(out, compression, threads, stats -> { });
        return out.toByteArray();
    }

    @Test
    void theSameSeedGivesTheSameBytesWhateverTheThreads() throws IOException {
        assertThat(write(merchant, DemoCsvWriter.Compression.NONE, 1)).isEqualTo(csv);
        assertThat(write(merchant, DemoCsvWriter.Compression.NONE, 3)).isEqualTo(csv);
    }

    @Test
    void anotherSeedGivesOtherData() throws IOException {
        byte[] other = write(DemoMerchant.of(43, 2_000, 5_000), DemoCsvWriter.Compression.NONE, 2);
        assertThat(other).isNotEqualTo(csv);
        List<List<String>> a = Rfc4180.parse(new String(csv, StandardCharsets.UTF_8));
        List<List<String>> b = Rfc4180.parse(new String(other, StandardCharsets.UTF_8));
        assertThat(a.get(1).get(0)).isNotEqualTo(b.get(1).get(0));
        assertThat(a.get(1).get(12)).isNotEqualTo(b.get(1).get(12));
    }

    @Test
    void gzipHoldsTheSameTextAndIsReproducible() throws IOException {
        byte[] gz = write(merchant, DemoCsvWriter.Compression.GZIP, 2);
        assertThat(gz.length).isLessThan(csv.length / 3);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertThat(in.readAllBytes()).isEqualTo(csv);
        }
        assertThat(write(merchant, DemoCsvWriter.Compression.GZIP, 1)).isEqualTo(gz);
    }

    @Test
    void parsesBackWithTheExactHeaderAndConsistentOrders() {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).startsWith(HEADER + "\n");
        List<List<String>> rows = Rfc4180.parse(text);
        assertThat(String.join(",", rows.get(0))).isEqualTo(HEADER);
        assertThat(HEADER).isEqualTo(DemoCsvWriter.HEADER);

        Set<String> statuses = new HashSet<>();
        for (OrderStatus s : OrderStatus.values()) {
            statuses.add(s.code());
        }
        Set<String> shops = new HashSet<>();
        merchant.shops().forEach(s -> shops.add(s.name()));
        Map<String, List<List<String>>> orders = new LinkedHashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            assertThat(row).hasSize(22);
            assertThat(row.get(0)).isNotBlank();
            assertThat(row.get(1)).isNotBlank();
            LocalDateTime ordered = LocalDateTime.parse(row.get(2), LOCAL);
            assertThat(ordered.toLocalDate()).isBetween(merchant.start(), merchant.end());
            assertThat(statuses).contains(row.get(3));
            assertThat(row.get(4)).matches(AMOUNT);
            assertThat(row.get(5)).isEqualTo("CNY");
            assertThat(row.get(6)).matches("[A-Z]{2}-\\d{4}");
            assertThat(row.get(8)).isIn("母婴", "美妆", "3C", "服饰", "食品");
            assertThat(Integer.parseInt(row.get(9))).isBetween(1, 5);
            assertThat(row.get(10)).matches(AMOUNT);
            assertThat(row.get(11)).isNotBlank();
            assertThat(row.get(12)).matches("1[3-9]\\d{9}");
            assertThat(shops).contains(row.get(16));
            boolean unpaid = row.get(3).equals("created") || row.get(3).equals("cancelled");
            assertThat(row.get(17).isEmpty()).as("paid_at of a %s order", row.get(3)).isEqualTo(unpaid);
            if (!unpaid) {
                assertThat(LocalDateTime.parse(row.get(17), LOCAL)).isAfterOrEqualTo(ordered);
            }
            for (int i : new int[] {18, 19, 20}) {
                assertThat(row.get(i)).matches(AMOUNT);
            }
            orders.computeIfAbsent(row.get(16) + "/" + row.get(0), k -> new ArrayList<>()).add(row);
        }
        assertThat(orders).hasSizeBetween(4_750, 5_250);
        for (List<List<String>> lines : orders.values()) {
            List<String> first = lines.get(0);
            BigDecimal goods = BigDecimal.ZERO;
            Set<String> skus = new HashSet<>();
            for (List<String> line : lines) {
                // order-level columns repeat on every line
                for (int i : new int[] {1, 2, 3, 4, 5, 11, 12, 13, 14, 15, 17, 18, 19, 20, 21}) {
                    assertThat(line.get(i)).isEqualTo(first.get(i));
                }
                assertThat(skus.add(line.get(6))).as("distinct SKUs in an order").isTrue();
                goods = goods.add(new BigDecimal(line.get(10)).multiply(new BigDecimal(line.get(9))));
            }
            assertThat(lines).hasSizeBetween(1, 5);
            BigDecimal total = new BigDecimal(first.get(4));
            BigDecimal discount = new BigDecimal(first.get(18));
            BigDecimal shipping = new BigDecimal(first.get(19));
            BigDecimal refund = new BigDecimal(first.get(20));
            assertThat(goods.subtract(discount).add(shipping)).isCloseTo(total, within(new BigDecimal("0.01")));
            assertThat(total).isPositive();
            assertThat(discount).isBetween(BigDecimal.ZERO, goods);
            assertThat(shipping.signum() == 0 || shipping.compareTo(new BigDecimal("6")) >= 0
                    && shipping.compareTo(new BigDecimal("12")) <= 0).as("shipping %s", shipping).isTrue();
            switch (first.get(3)) {
                case "refunded" -> {
                    assertThat(refund).isEqualByComparingTo(total);
                    assertThat(first.get(21)).isNotBlank();
                }
                case "partially_refunded" -> {
                    assertThat(refund).isPositive().isLessThan(total);
                    assertThat(first.get(21)).isNotBlank();
                }
                default -> {
                    assertThat(refund).isZero();
                    assertThat(first.get(21)).isEmpty();
                }
            }
        }
    }

    @Test
    void quotesLikeRfc4180() {
        assertThat(DemoCsvWriter.quote(null)).isEmpty();
        assertThat(DemoCsvWriter.quote("婴儿奶粉 3段 900g")).isEqualTo("婴儿奶粉 3段 900g");
        assertThat(DemoCsvWriter.quote("a,b")).isEqualTo("\"a,b\"");
        assertThat(DemoCsvWriter.quote("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(DemoCsvWriter.quote("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Rfc4180.parse("a,\"b,c\",\"d \"\"e\"\"\",\"f\ng\"\n"))
                .containsExactly(List.of("a", "b,c", "d \"e\"", "f\ng"));
    }

    @Test
    void streamsLargeRunsInBoundedMemoryWithProgress() throws IOException {
        DemoMerchant big = DemoMerchant.of(7, 60_000, 150_000);
        long[] seen = new long[2];
        CountingStream out = new CountingStream();
        DemoCsvWriter.Stats stats = new DemoCsvWriter(new DemoOrders(big)).write(out, DemoCsvWriter.Compression.NONE, 2,
                s -> {
                    assertThat(s.customers()).isGreaterThan(seen[0]);
                    seen[0] = s.customers();
                    seen[1]++;
                });
        assertThat(stats.customers()).isEqualTo(60_000);
        assertThat(stats.orders()).isBetween(140_000L, 160_000L);
        assertThat(stats.lines()).isGreaterThan(stats.orders());
        assertThat(stats.bytes()).isEqualTo(out.count);
        assertThat(out.newlines).isEqualTo(stats.lines() + 1);
        assertThat(seen[0]).isEqualTo(60_000);
        assertThat(seen[1]).isGreaterThan(5);
    }

    /** Counts bytes and line ends, keeps nothing. */
    private static final class CountingStream extends java.io.OutputStream {

        long count;
        long newlines;

        @Override
        public void write(int b) {
            count++;
            newlines += b == '\n' ? 1 : 0;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            for (int i = off; i < off + len; i++) {
                newlines += b[i] == '\n' ? 1 : 0;
            }
        }
    }

    /** A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; CRLF or LF. */
    static final class Rfc4180 {

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            boolean any = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                any = true;
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    if (field.length() > 0) {
                        throw new IllegalArgumentException("a quote inside an unquoted field at " + i);
                    }
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                    any = false;
                } else {
                    field.append(c);
                }
            }
            if (quoted) {
                throw new IllegalArgumentException("unterminated quoted field");
            }
            if (any) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }

        static List<List<String>> parse(byte[] utf8) {
            return parse(new String(utf8, StandardCharsets.UTF_8));
        }

        private Rfc4180() {
        }
    }

    static byte[] gunzip(byte[] gz) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
