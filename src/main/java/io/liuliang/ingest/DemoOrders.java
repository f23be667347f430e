package io.liuliang.ingest;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

import io.liuliang.order.OrderStatus;

/**
 * The orders of the demo merchant, customer by customer, from a repeat-purchase process in the spirit of BG/NBD:
 * a customer's first order falls on a day drawn from the shopping calendar ({@link DemoSeasons}); while active they
 * buy at their own rate λ ~ Gamma(r, 1) × scale, in "calendar time" that runs faster on festival days; after each
 * order they drop out with their own probability p ~ Beta(a, b). The scale is calibrated on the first customers so
 * that the orders come out at the merchant's target on average. People with accounts on several platforms buy at
 * least twice, the second time on another platform.
 *
 * <p>An order has one to five lines (more during 618 and 双11), mostly in the customer's favourite category and
 * often their favourite SKUs, with seasonal products in season; festival prices and 满减, coupons, shipping fees by
 * platform and region; a gift now and then (another receiver); and a status at the end of the period: about 3%
 * cancelled, 2% refunded, 3% partially refunded (more for clothes), the rest completed, except recent orders, which
 * are still paid, shipped or delivered.
 *
 * <p>Nothing is kept between customers: {@link #ordersOf} makes one customer's orders from the seed alone.
 */
final class DemoOrders {

    static final int STREAM_TIMELINE = 2;
    static final int STREAM_DETAILS = 3;
    /** The most orders one customer places in the period (order numbers leave room for this many). */
    static final int MAX_ORDERS_PER_CUSTOMER = 400;
    /** Shape r of the gamma distribution of purchase rates. */
    static final double RATE_SHAPE = 0.55;
    /** Parameters a and b of the beta distribution of dropout probabilities (after CDNOW's BG/NBD fit). */
    static final double DROPOUT_A = 0.8;
    static final double DROPOUT_B = 2.4;
    private static final int CALIBRATION_CUSTOMERS = 40_000;
    private static final ThreadLocal<double[]> SCRATCH =
            ThreadLocal.withInitial(() -> new double[MAX_ORDERS_PER_CUSTOMER]);
    private static final int DAY = 86_400;

    private static final String[] REFUND_BEFORE_SHIPPING = {"不想要了", "拍错了/多拍了", "发货太慢", "地址信息填写错误"};
    private static final String[] REFUND_AFTER_DELIVERY = {"质量问题", "商品与描述不符", "不想要了", "收到商品破损"};
    private static final String[] PARTIAL_REASONS = {"质量问题", "少件/漏发", "收到商品破损", "不想要了"};
    private static final String[] PRICE_REASONS = {"价格保护", "商品破损补偿", "少件/漏发"};
    private static final DemoRandom.Alias LINES = new DemoRandom.Alias(55, 25, 12, 5, 3);
    private static final DemoRandom.Alias LINES_FESTIVAL = new DemoRandom.Alias(40, 28, 17, 9, 6);
    private static final DemoRandom.Alias QUANTITY_RESTOCKED = new DemoRandom.Alias(70, 20, 10);
    private static final DemoRandom.Alias QUANTITY_DURABLE = new DemoRandom.Alias(93, 7);
    private static final DemoRandom.Alias CATEGORY_SHARES;
    private static final DemoCatalog.Category[] CATEGORIES = DemoCatalog.Category.values();

    static {
        DemoCatalog.Category[] categories = DemoCatalog.Category.values();
        double[] shares = new double[categories.length];
        for (int i = 0; i < categories.length; i++) {
            shares[i] = categories[i].share();
        }
        CATEGORY_SHARES = new DemoRandom.Alias(shares);
    }

    /** One customer and their orders, oldest first. */
    record Purchases(DemoPeople.Person person, List<DemoOrder> orders) {
    }

    private final DemoMerchant merchant;
    private final DemoCatalog catalog;
    private final DemoPeople people;
    private final DemoSeasons seasons;
    private final int now;
    private final double scale;
    private final long[] orderKeys = new long[4];

    DemoOrders(DemoMerchant merchant) {
        this(merchant, new DemoCatalog());
    }

    DemoOrders(DemoMerchant merchant, DemoCatalog catalog) {
        this.merchant = merchant;
        this.catalog = catalog;
        this.people = new DemoPeople(merchant, catalog);
        this.seasons = new DemoSeasons(merchant.start(), merchant.end());
        this.now = seasons.days() * DAY - 1;
        for (int i = 0; i < orderKeys.length; i++) {
            orderKeys[i] = DemoRandom.mix64(merchant.seed() ^ (0x0D0E7L + i));
        }
        this.scale = calibrate();
    }

    DemoMerchant merchant() {
        return merchant;
    }

    DemoPeople people() {
        return people;
    }

    DemoCatalog catalog() {
        return catalog;
    }

    DemoSeasons seasons() {
        return seasons;
    }

    /** The end of the period, the dataset's "now" (local). */
    LocalDateTime now() {
        return seasons.at(now);
    }

    /** The calibrated factor of the purchase rates (orders per average day per unit of λ). */
    double rateScale() {
        return scale;
    }

    /** Every customer with their orders, customer 0 first; holds one customer at a time. */
    void forEach(Consumer<Purchases> consumer) {
        forEach(0, merchant.customers(), consumer);
    }

    /** Customers {@code from} (inclusive) to {@code to} (exclusive) with their orders. */
    void forEach(int from, int to, Consumer<Purchases> consumer) {
        for (int i = from; i < to; i++) {
            DemoPeople.Person person = people.person(i);
            consumer.accept(new Purchases(person, ordersOf(person)));
        }
    }

    /** The orders of one customer, oldest first (at least one). */
    List<DemoOrder> ordersOf(DemoPeople.Person person) {
        double[] positions = SCRATCH.get();
        int count = timeline(start(person.index()), person.multiPlatform(), scale, positions);
        DemoRandom r = DemoRandom.of(merchant.seed(), STREAM_DETAILS, person.index());
        int[] seconds = new int[count];
        for (int k = 0; k < count; k++) {
            int day = seasons.dayAt(positions[k]);
            seconds[k] = day * DAY + seasons.secondOfDay(r, day);
        }
        Arrays.sort(seconds);
        List<DemoOrder> orders = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            orders.add(order(r, person, k, seconds[k]));
        }
        return Collections.unmodifiableList(orders);
    }

    /**
     * A customer's latent traits: where in calendar time their first order falls, their purchase rate before
     * scaling (λ ~ Gamma(r, 1)), their dropout probability (p ~ Beta(a, b)), and the state of their generator after
     * drawing these, from which the timeline goes on.
     */
    private record Start(double first, double rate, double dropout, long state) {
    }

    private Start start(int index) {
        DemoRandom r = DemoRandom.of(merchant.seed(), STREAM_TIMELINE, index);
        double first = seasons.firstOrder(r);
        double rate = r.gamma(RATE_SHAPE, 1.0);
        double dropout = r.beta(DROPOUT_A, DROPOUT_B);
        return new Start(first, rate, dropout, r.state());
    }

    /**
     * When a customer orders, as positions in calendar time: the first order, then while they stay, gaps of
     * Exp(λ × scale). Draws the same numbers whatever the scale, so the count grows with the scale.
     */
    private int timeline(Start start, boolean multiPlatform, double rateScale, double[] positions) {
        DemoRandom r = new DemoRandom(start.state());
        double total = seasons.total();
        double x = start.first();
        double rate = start.rate() * rateScale;
        positions[0] = x;
        int count = 1;
        while (count < positions.length) {
            double u = r.nextDouble();
            double gap = r.exponential() / rate;
            boolean second = multiPlatform && count == 1;
            if (!second && u < start.dropout()) {
                break;
            }
            double next = x + gap;
            if (next >= total) {
                if (!second) {
                    break;
                }
                next = x + (total - x) * u; // a multi-platform buyer's second order, before the end
            }
            x = next;
            positions[count++] = x;
        }
        return count;
    }

    /** The rate scale for which the first customers place the target number of orders on average. */
    private double calibrate() {
        int n = Math.min(merchant.customers(), CALIBRATION_CUSTOMERS);
        boolean[] multi = new boolean[n];
        Start[] starts = new Start[n];
        for (int i = 0; i < n; i++) {
            multi[i] = people.multiPlatform(i);
            starts[i] = start(i);
        }
        double target = merchant.ordersPerCustomer() * n;
        double[] positions = SCRATCH.get();
        double low = StrictMath.log(1e-6);
        double high = StrictMath.log(1e3);
        for (int iteration = 0; iteration < 24; iteration++) {
            double mid = (low + high) / 2;
            double s = StrictMath.exp(mid);
            long orders = 0;
            for (int i = 0; i < n; i++) {
                orders += timeline(starts[i], multi[i], s, positions);
            }
            if (orders < target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return StrictMath.exp((low + high) / 2);
    }

    private DemoOrder order(DemoRandom r, DemoPeople.Person person, int sequence, int orderedSecond) {
        DemoPeople.Account buyer = buyer(r, person.accounts(), sequence);
        int day = orderedSecond / DAY;
        DemoSeasons.Promo promo = seasons.promo(day);
        LocalDateTime orderedAt = seasons.at(orderedSecond);
        boolean gift = r.chance(promo == DemoSeasons.Promo.NEW_YEAR_GOODS ? 0.08 : 0.03);
        DemoPeople.Contact receiver = gift ? people.giftContact(person.index(), r.nextInt(2)) : person.contact();
        List<DemoOrder.Line> lines = lines(r, person, promo, seasons.month(day));
        long subtotal = 0;
        for (int i = 0; i < lines.size(); i++) {
            subtotal += lines.get(i).amountCents();
        }
        long discount = discount(r, promo, subtotal);
        long shipping = shipping(r, buyer.shop(), receiver, subtotal - discount);
        Outcome outcome = outcome(r, orderedSecond, buyer.shop(), receiver, lines, subtotal - discount + shipping);
        String orderId = orderId(r, buyer.shop(), person.index(), sequence, orderedAt);
        return new DemoOrder(orderId, buyer, person.index(), sequence, orderedAt, outcome.paidAt(),
                outcome.shippedAt(), outcome.deliveredAt(), outcome.status(), lines, discount, shipping,
                outcome.refundCents(), outcome.reason(), receiver, gift, promo);
    }

    /** The first order on the primary account, the second on another platform for those who have one. */
    private static DemoPeople.Account buyer(DemoRandom r, List<DemoPeople.Account> accounts, int sequence) {
        if (sequence == 0) {
            return accounts.get(0);
        }
        if (sequence == 1 && accounts.size() > 1) {
            return accounts.get(1 + r.nextInt(accounts.size() - 1));
        }
        return r.chance(0.7) ? accounts.get(0) : accounts.get(r.nextInt(accounts.size()));
    }

    /** One to five distinct SKUs, mostly of the favourite category, often favourites; festival prices at 618/双11. */
    private List<DemoOrder.Line> lines(DemoRandom r, DemoPeople.Person person, DemoSeasons.Promo promo, int month) {
        int lineCount = 1 + (promo.big() ? LINES_FESTIVAL : LINES).pick(r);
        List<DemoOrder.Line> lines = new ArrayList<>(lineCount);
        for (int i = 0; i < lineCount; i++) {
            DemoCatalog.Category category = r.chance(person.loyalty()) ? person.affinity()
                    : CATEGORIES[CATEGORY_SHARES.pick(r)];
            DemoCatalog.Product product = category == person.affinity() && r.chance(0.5)
                    ? person.favourites().get(r.nextInt(person.favourites().size()))
                    : catalog.pick(r, category, month);
            if (contains(lines, product)) {
                product = catalog.pick(r, category, month);
                if (contains(lines, product)) {
                    continue;
                }
            }
            int quantity = 1 + (product.restocked() ? QUANTITY_RESTOCKED : QUANTITY_DURABLE).pick(r);
            long price = product.priceCents();
            if (promo.big() && r.chance(0.3)) {
                price = Math.max(100, price * 9 / 10 / 100 * 100); // festival price, whole yuan
            }
            lines.add(new DemoOrder.Line(product, quantity, price));
        }
        return Collections.unmodifiableList(lines);
    }

    /** What became of an order by the end of the period. */
    private record Outcome(OrderStatus status, LocalDateTime paidAt, LocalDateTime shippedAt,
                           LocalDateTime deliveredAt, long refundCents, String reason) {
    }

    /**
     * About 3% cancelled unpaid; the paid ones ship, arrive and complete in platform-like times, unless refunded
     * in full (about 2%) or in part (about 3%), clothes more often (尺码不合适). Recent ones are still under way.
     */
    private Outcome outcome(DemoRandom r, int orderedSecond, DemoMerchant.Shop shop, DemoPeople.Contact receiver,
                            List<DemoOrder.Line> lines, long total) {
        if (r.chance(0.03)) {
            return new Outcome(OrderStatus.CANCELLED, null, null, null, 0, null); // closed unpaid
        }
        boolean apparel = false;
        for (int i = 0; i < lines.size(); i++) {
            apparel |= lines.get(i).product().category() == DemoCatalog.Category.APPAREL;
        }
        double p = r.nextDouble();
        int paid = orderedSecond + (p < 0.6 ? r.between(8, 60) : p < 0.95 ? r.between(60, 1800)
                : r.between(1800, 12 * 3600));
        boolean jd = shop.platform() == io.liuliang.order.Platform.JD;
        int shipped = paid + (jd ? r.between(2 * 3600, 20 * 3600) : r.between(6 * 3600, 48 * 3600));
        int delivered = shipped + r.between(DAY, 3 * DAY)
                + (DemoPeople.remote(receiver.region().province()) ? 2 * DAY : 0);
        int completed = delivered + r.between(DAY, 10 * DAY);
        double full = r.nextDouble();
        double partial = r.nextDouble();
        if (paid > now) {
            return new Outcome(OrderStatus.CREATED, null, null, null, 0, null);
        }
        if (full < 0.02 * (apparel ? 2.4 : 0.75) && paid + 2 * DAY < now) {
            if (r.chance(0.4) || delivered > now) {
                return new Outcome(OrderStatus.REFUNDED, seasons.at(paid), null, null, total,
                        REFUND_BEFORE_SHIPPING[r.nextInt(REFUND_BEFORE_SHIPPING.length)]);
            }
            String reason = apparel && r.chance(0.6) ? "尺码不合适"
                    : REFUND_AFTER_DELIVERY[r.nextInt(REFUND_AFTER_DELIVERY.length)];
            return new Outcome(OrderStatus.REFUNDED, seasons.at(paid), seasons.at(shipped), seasons.at(delivered),
                    total, reason);
        }
        if (shipped > now) {
            return new Outcome(OrderStatus.PAID, seasons.at(paid), null, null, 0, null);
        }
        if (delivered > now) {
            return new Outcome(OrderStatus.SHIPPED, seasons.at(paid), seasons.at(shipped), null, 0, null);
        }
        if (completed > now) {
            return new Outcome(OrderStatus.DELIVERED, seasons.at(paid), seasons.at(shipped), seasons.at(delivered),
                    0, null);
        }
        if (partial >= 0.036 * (apparel ? 1.8 : 0.65)) {
            return new Outcome(OrderStatus.COMPLETED, seasons.at(paid), seasons.at(shipped), seasons.at(delivered),
                    0, null);
        }
        DemoOrder.Line line = lines.get(r.nextInt(lines.size()));
        long refund;
        String reason;
        if (lines.size() > 1 || line.quantity() > 1) {
            refund = line.unitPriceCents(); // one item back
            reason = line.product().category() == DemoCatalog.Category.APPAREL && r.chance(0.7)
                    ? "尺码不合适" : PARTIAL_REASONS[r.nextInt(PARTIAL_REASONS.length)];
        } else {
            refund = Math.max(100, total * (10 + r.nextInt(21)) / 100 / 100 * 100); // part of the price
            reason = PRICE_REASONS[r.nextInt(PRICE_REASONS.length)];
        }
        return new Outcome(OrderStatus.PARTIALLY_REFUNDED, seasons.at(paid), seasons.at(shipped),
                seasons.at(delivered), Math.min(refund, total - 1), reason);
    }

    private static boolean contains(List<DemoOrder.Line> lines, DemoCatalog.Product product) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).product() == product) {
                return true;
            }
        }
        return false;
    }

    /** 每满300减50 at 618 and 双11, tiered coupons at smaller festivals, shop coupons and member prices now and then. */
    private static long discount(DemoRandom r, DemoSeasons.Promo promo, long subtotal) {
        long discount = 0;
        if (promo.big() && r.chance(0.75)) {
            discount = subtotal / 30_000 * 5_000;
        } else if (promo != DemoSeasons.Promo.NONE && r.chance(0.4)) {
            discount = subtotal >= 39_900 ? 6_000 : subtotal >= 19_900 ? 2_500 : subtotal >= 9_900 ? 1_000 : 0;
        }
        if (discount == 0 && r.chance(0.18)) {
            discount = subtotal >= 29_900 ? 3_000 : subtotal >= 19_900 ? 2_000 : subtotal >= 9_900 ? 1_000
                    : subtotal >= 4_900 ? 500 : 0;
        }
        if (discount == 0 && r.chance(0.04)) {
            discount = subtotal * 5 / 100; // member price, 95折
        }
        return Math.min(discount, subtotal - 100);
    }

    /**
     * Free shipping above a threshold, else 6 to 12 yuan: JD 自营 charges 6 under 59; remote provinces pay 12 under
     * 199; the mini-program ships free from 99.
     */
    private static long shipping(DemoRandom r, DemoMerchant.Shop shop, DemoPeople.Contact receiver, long goods) {
        boolean remote = DemoPeople.remote(receiver.region().province());
        if (remote && goods < 19_900) {
            return 1_200;
        }
        return switch (shop.platform()) {
            case JD -> goods < 5_900 ? 600 : 0;
            case WECHAT_MINI -> goods < 9_900 ? r.between(6, 10) * 100L : 0;
            default -> goods < 2_900 ? r.between(6, 10) * 100L : 0;
        };
    }

    /** Platform-style order numbers, unique within each shop: 19 digits on Tmall and Douyin, 13 on JD, WX… on WeChat. */
    private String orderId(DemoRandom r, DemoMerchant.Shop shop, int customer, int sequence, LocalDateTime at) {
        long unique = (long) customer * MAX_ORDERS_PER_CUSTOMER + sequence;
        char[] id;
        switch (shop.platform()) {
            case JD -> {
                id = new char[13];
                id[0] = '3';
                digits(id, 1, 12, DemoRandom.permuteDecimal(unique, 6, orderKeys[1]));
            }
            case DOUYIN -> {
                id = new char[19];
                id[0] = '6';
                id[1] = '9';
                digits(id, 2, 16, DemoRandom.permuteDecimal(unique, 8, orderKeys[2]));
                id[18] = (char) ('0' + r.nextInt(10));
            }
            case WECHAT_MINI -> {
                id = new char[22];
                id[0] = 'W';
                id[1] = 'X';
                digits(id, 2, 4, at.getYear());
                digits(id, 6, 2, at.getMonthValue());
                digits(id, 8, 2, at.getDayOfMonth());
                digits(id, 10, 12, DemoRandom.permuteDecimal(unique, 6, orderKeys[3]));
            }
            default -> {
                id = new char[19];
                id[0] = (char) ('1' + r.nextInt(4));
                digits(id, 1, 18, DemoRandom.permuteDecimal(unique, 9, orderKeys[0]));
            }
        }
        return new String(id);
    }

    /** Writes {@code value} as {@code width} digits, with leading zeros, at {@code at}. */
    private static void digits(char[] out, int at, int width, long value) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
