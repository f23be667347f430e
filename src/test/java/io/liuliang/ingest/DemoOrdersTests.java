package io.liuliang.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.liuliang.order.OrderStatus;

import static org.assertj.core.api.Assertions.assertThat;

/** Plausible statistics of a 2,000-customer merchant with 5,000 orders. */
class DemoOrdersTests {

    private static DemoOrders demo;
    private static List<DemoOrders.Purchases> all;
    private static List<DemoOrder> orders;

    @BeforeAll
    static void generate() {
        demo = new DemoOrders(DemoMerchant.of(42, 2_000, 5_000));
        all = new ArrayList<>();
        demo.forEach(all::add);
        orders = all.stream().flatMap(p -> p.orders().stream()).toList();
    }

    @Test
    void ordersPerCustomerFollowARepeatPurchaseProcess() {
        assertThat(all).hasSize(2_000);
        assertThat(all).allSatisfy(p -> assertThat(p.orders()).isNotEmpty());
        double mean = (double) orders.size() / all.size();
        assertThat(mean).isBetween(1.5, 4.0);
        assertThat(orders.size()).isBetween(4_750, 5_250); // the target, on average
        long oneTime = all.stream().filter(p -> p.orders().size() == 1).count();
        assertThat(oneTime / 2_000.0).isGreaterThanOrEqualTo(0.40);
        long repeat = all.stream().filter(p -> p.orders().size() >= 3).count();
        assertThat(repeat).isGreaterThan(200);
        assertThat(all.stream().mapToInt(p -> p.orders().size()).max().orElseThrow()).isGreaterThanOrEqualTo(10);
        for (DemoOrders.Purchases p : all) {
            for (int k = 1; k < p.orders().size(); k++) {
                assertThat(p.orders().get(k).orderedAt()).isAfterOrEqualTo(p.orders().get(k - 1).orderedAt());
                assertThat(p.orders().get(k).sequence()).isEqualTo(k);
            }
        }
    }

    @Test
    void theTargetScalesTheRepeatRate() {
        DemoOrders heavy = new DemoOrders(DemoMerchant.of(42, 2_000, 20_000));
        long[] count = new long[1];
        heavy.forEach(p -> count[0] += p.orders().size());
        assertThat(count[0]).isBetween(19_000L, 21_000L);
        assertThat(heavy.rateScale()).isGreaterThan(demo.rateScale());
    }

    @Test
    void juneAndNovemberStandOut() {
        Map<Integer, int[]> byYear = new TreeMap<>();
        for (DemoOrder o : orders) {
            byYear.computeIfAbsent(o.orderedAt().getYear(), y -> new int[12])[o.orderedAt().getMonthValue() - 1]++;
        }
        assertThat(byYear).containsOnlyKeys(2024, 2025);
        for (int[] months : byYear.values()) {
            double average = java.util.Arrays.stream(months).average().orElseThrow();
            assertThat(months[Month.JUNE.ordinal()]).isGreaterThan((int) (1.25 * average));
            assertThat(months[Month.NOVEMBER.ordinal()]).isGreaterThan((int) (1.25 * average));
        }
        // the peak days
        long singlesDay = orders.stream().filter(o -> o.orderedAt().getMonth() == Month.NOVEMBER
                && o.orderedAt().getDayOfMonth() == 11).count();
        assertThat(singlesDay / 2.0).isGreaterThan(4.0 * orders.size() / 731);
        assertThat(orders.stream().filter(o -> o.promo() == DemoSeasons.Promo.NEW_YEAR_GOODS).count()).isPositive();
    }

    @Test
    void peopleShopInTheEvening() {
        int[] hours = new int[24];
        orders.forEach(o -> hours[o.orderedAt().getHour()]++);
        int evening = hours[19] + hours[20] + hours[21] + hours[22];
        int night = hours[2] + hours[3] + hours[4] + hours[5];
        assertThat(evening).isGreaterThan(orders.size() / 4);
        assertThat(night).isLessThan(orders.size() / 25);
    }

    @Test
    void everyCategorySellsAndCustomersKeepToTheirs() {
        Map<DemoCatalog.Category, Integer> lines = new EnumMap<>(DemoCatalog.Category.class);
        orders.forEach(o -> o.lines().forEach(l -> lines.merge(l.product().category(), 1, Integer::sum)));
        assertThat(lines).containsOnlyKeys(DemoCatalog.Category.values());
        assertThat(lines.values()).allSatisfy(n -> assertThat(n).isGreaterThan(500));
        // mothers buy 母婴 again and again
        long loyalLines = 0;
        long repeatLines = 0;
        for (DemoOrders.Purchases p : all) {
            if (p.person().affinity() == DemoCatalog.Category.MOTHER_BABY && p.orders().size() >= 2) {
                for (DemoOrder o : p.orders()) {
                    for (DemoOrder.Line l : o.lines()) {
                        repeatLines++;
                        loyalLines += l.product().category() == DemoCatalog.Category.MOTHER_BABY ? 1 : 0;
                    }
                }
            }
        }
        assertThat(repeatLines).isPositive();
        assertThat((double) loyalLines / repeatLines).isGreaterThan(0.5);
        // lines, quantities, prices
        Map<Integer, Integer> sizes = new HashMap<>();
        orders.forEach(o -> sizes.merge(o.lines().size(), 1, Integer::sum));
        assertThat(sizes).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(sizes.get(1)).isGreaterThan(orders.size() / 3);
        assertThat(orders.stream().filter(o -> o.discountCents() > 0).count()).isBetween(orders.size() / 10L,
                orders.size() / 2L);
        assertThat(orders.stream().filter(o -> o.shippingCents() > 0).count()).isPositive();
    }

    @Test
    void statusesAndRefundsAreRealistic() {
        Map<OrderStatus, Integer> statuses = new EnumMap<>(OrderStatus.class);
        orders.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
        double n = orders.size();
        assertThat(statuses.get(OrderStatus.CANCELLED) / n).isBetween(0.01, 0.06);
        assertThat(statuses.get(OrderStatus.REFUNDED) / n).isBetween(0.008, 0.04);
        assertThat(statuses.get(OrderStatus.PARTIALLY_REFUNDED) / n).isBetween(0.01, 0.06);
        assertThat(statuses.get(OrderStatus.COMPLETED) / n).isGreaterThan(0.8);
        assertThat(statuses).containsKeys(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);
        LocalDateTime now = demo.now();
        assertThat(now).isEqualTo(LocalDate.of(2025, 12, 31).atTime(23, 59, 59));
        for (DemoOrder o : orders) {
            switch (o.status()) {
                case PAID, SHIPPED, CREATED -> assertThat(o.orderedAt()).isAfter(now.minusDays(8));
                case DELIVERED -> assertThat(o.orderedAt()).isAfter(now.minusDays(20));
                case CANCELLED -> assertThat(o.paidAt()).isNull();
                case REFUNDED -> {
                    assertThat(o.refundCents()).isEqualTo(o.totalCents());
                    assertThat(o.refundReason()).isNotBlank();
                }
                case PARTIALLY_REFUNDED -> {
                    assertThat(o.refundCents()).isPositive().isLessThan(o.totalCents());
                    assertThat(o.refundReason()).isNotBlank();
                }
                default -> assertThat(o.refundCents()).isZero();
            }
            if (o.paidAt() != null) {
                assertThat(o.paidAt()).isAfterOrEqualTo(o.orderedAt()).isBeforeOrEqualTo(now);
            }
        }
        Set<String> reasons = new HashSet<>();
        orders.stream().map(DemoOrder::refundReason).filter(r -> r != null).forEach(reasons::add);
        assertThat(reasons).contains("尺码不合适", "质量问题", "不想要了");
    }

    @Test
    void crossPlatformPeopleShareTheirPhoneAndSomeOrdersAreGifts() throws IOException {
        long multi = all.stream().filter(p -> p.person().multiPlatform()).count();
        assertThat(multi / 2_000.0).isBetween(0.10, 0.20);
        for (DemoOrders.Purchases p : all) {
            if (p.person().multiPlatform() && p.orders().size() >= 2) {
                assertThat(p.orders().stream().map(o -> o.shop()).distinct().count()).isGreaterThanOrEqualTo(2);
            }
        }
        // in the CSV: one phone, several shops and buyer ids
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DemoCsvWriter(demo).write(out, DemoCsvWriter.Compression.NONE);
        List<List<String>> rows = DemoCsvWriterTests.Rfc4180.parse(out.toString(StandardCharsets.UTF_8));
        Map<String, Set<String>> buyersByPhone = new HashMap<>();
        Map<String, Set<String>> shopsByPhone = new HashMap<>();
        for (List<String> row : rows.subList(1, rows.size())) {
            buyersByPhone.computeIfAbsent(row.get(12), k -> new HashSet<>()).add(row.get(16) + "/" + row.get(1));
            shopsByPhone.computeIfAbsent(row.get(12), k -> new HashSet<>()).add(row.get(16));
        }
        long sharedPhones = shopsByPhone.values().stream().filter(s -> s.size() >= 2).count();
        assertThat(sharedPhones).isGreaterThan(150);
        assertThat(buyersByPhone.values().stream().filter(s -> s.size() >= 2).count()).isGreaterThanOrEqualTo(sharedPhones);

        List<DemoOrder> gifts = orders.stream().filter(DemoOrder::gift).toList();
        assertThat(gifts.size() / (double) orders.size()).isBetween(0.01, 0.08);
        Set<String> customerPhones = new HashSet<>();
        all.forEach(p -> customerPhones.add(p.person().phone()));
        assertThat(gifts).allSatisfy(g -> assertThat(customerPhones).doesNotContain(g.receiver().phone()));
    }

    @Test
    void orderNumbersAreUniquePerShopAndLookLikeThePlatforms() {
        Set<String> ids = new HashSet<>();
        for (DemoOrder o : orders) {
            assertThat(ids.add(o.shop().name() + "/" + o.orderId())).isTrue();
            switch (o.shop().platform()) {
                case TMALL -> assertThat(o.orderId()).matches("[1-4]\\d{18}");
                case JD -> assertThat(o.orderId()).matches("3\\d{12}");
                case DOUYIN -> assertThat(o.orderId()).matches("69\\d{17}");
                case WECHAT_MINI -> assertThat(o.orderId()).matches("WX\\d{20}");
                default -> throw new AssertionError(o.shop());
            }
        }
    }
}
