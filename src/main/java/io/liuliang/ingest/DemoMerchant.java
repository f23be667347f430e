package io.liuliang.ingest;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

import io.liuliang.order.Platform;

/**
 * What to generate for the synthetic demo merchant: a seed (the same seed always gives the same data), how many
 * customers, about how many orders in total (the repeat-purchase rate is calibrated to it; every customer buys at
 * least once), the period, the merchant's four shops, its time zone and currency.
 *
 * @param seed         the seed of every random choice
 * @param customers    customers to generate, 1 to {@value #MAX_CUSTOMERS}
 * @param targetOrders orders wanted in total, at least {@code customers}; met on average (within a few percent)
 * @param start        first day of orders (local)
 * @param end          last day of orders (local); its end is the dataset's "now": recent orders are still in flight
 * @param shops        the shops, each on its own platform
 * @param zone         the merchant's local time (order times are written in it)
 * @param currency     the currency of all amounts
 */
record DemoMerchant(long seed, int customers, long targetOrders, LocalDate start, LocalDate end, List<Shop> shops,
                    ZoneId zone, Currency currency) {

    static final int MAX_CUSTOMERS = 50_000_000;
    static final LocalDate DEFAULT_START = LocalDate.of(2024, 1, 1);
    static final LocalDate DEFAULT_END = LocalDate.of(2025, 12, 31);
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Currency CNY = Currency.getInstance("CNY");

    /** The default four shops: Tmall flagship, JD self-operated, Douyin shop and a WeChat mini-program mall. */
    static final List<Shop> DEFAULT_SHOPS = List.of(
            new Shop("天猫旗舰店", Platform.TMALL),
            new Shop("京东自营店", Platform.JD),
            new Shop("抖音小店", Platform.DOUYIN),
            new Shop("微信小程序商城", Platform.WECHAT_MINI));

    DemoMerchant {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(currency, "currency");
        shops = List.copyOf(shops);
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw new IllegalArgumentException("customers must be between 1 and " + MAX_CUSTOMERS + ", not " + customers);
        }
        if (targetOrders < customers) {
            throw new IllegalArgumentException("every customer buys at least once: orders (" + targetOrders
                    + ") must be at least customers (" + customers + ")");
        }
        if ((double) targetOrders / customers > 100) {
            throw new IllegalArgumentException("at most 100 orders per customer on average, not "
                    + targetOrders / customers);
        }
        if (!end.isAfter(start.plusDays(27))) {
            throw new IllegalArgumentException("the period " + start + " .. " + end + " must span at least 4 weeks");
        }
        if (shops.size() != DEFAULT_SHOPS.size() || shops.stream().map(Shop::platform).distinct().count() != shops.size()) {
            throw new IllegalArgumentException("the demo merchant has four shops on four distinct platforms");
        }
    }

    /** The default merchant (2024-01-01 .. 2025-12-31, four shops, Asia/Shanghai, CNY) at the given scale. */
    static DemoMerchant of(long seed, int customers, long targetOrders) {
        return new DemoMerchant(seed, customers, targetOrders, DEFAULT_START, DEFAULT_END, DEFAULT_SHOPS, SHANGHAI, CNY);
    }

    DemoMerchant withPeriod(LocalDate newStart, LocalDate newEnd) {
        return new DemoMerchant(seed, customers, targetOrders, newStart, newEnd, shops, zone, currency);
    }

    /** Orders per customer on average. */
    double ordersPerCustomer() {
        return (double) targetOrders / customers;
    }

    /** A shop of the merchant: its display name (the {@code shop} column of imports) and platform. */
    record Shop(String name, Platform platform) {

        Shop {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(platform, "platform");
        }
    }
}
