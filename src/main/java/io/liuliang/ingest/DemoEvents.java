package io.liuliang.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

import io.liuliang.event.EventType;
import io.liuliang.order.OrderStatus;
import io.liuliang.order.Platform;

/**
 * Behaviour events of the demo customers, consistent with their orders ({@link DemoOrders}): before an order a
 * search, product views (of what they buy and of what they don't), favourites, add-to-carts, a coupon when the order
 * got a discount and a live stream on 抖音; after delivery now and then a review and a share; and, between orders,
 * browsing that ends without a purchase (abandoned carts). Customer by customer, each customer's events in time
 * order, none after the end of the period.
 */
final class DemoEvents {

    static final int STREAM_EVENTS = 4;
    private static final int DAY = 86_400;
    private static final String[] CHANNELS = {"微信好友", "朋友圈", "微信群", "复制链接"};
    private static final String[] GOOD = {"质量很好，物流很快，会回购", "宝贝收到了，和描述一致，很满意",
        "包装很好，性价比高", "第二次买了，一如既往的好", "客服态度好，发货快"};
    private static final String[] FAIR = {"还行吧，一般般", "东西还可以，物流有点慢", "和图片有点色差"};
    private static final String[] POOR = {"质量一般，不太满意", "收到有破损，体验不好", "尺码偏小，不合适"};
    private static final DemoRandom.Alias RATINGS = new DemoRandom.Alias(3, 3, 6, 18, 70);

    private final DemoOrders orders;
    private final LocalDateTime origin;
    private final int now;
    private final ZoneRules rules;
    private final long idKey;

    DemoEvents(DemoOrders orders) {
        this.orders = orders;
        this.origin = orders.merchant().start().atStartOfDay();
        this.now = orders.seasons().days() * DAY - 1;
        this.rules = orders.merchant().zone().getRules();
        this.idKey = DemoRandom.mix64(orders.merchant().seed() ^ 0xE7E27L);
    }

    /** Every customer's events, customer 0 first; holds one customer at a time. */
    void forEach(Consumer<DemoEvent> consumer) {
        orders.forEach(purchases -> eventsOf(purchases).forEach(consumer));
    }

    /** One customer's events, oldest first. */
    List<DemoEvent> eventsOf(DemoOrders.Purchases purchases) {
        DemoPeople.Person person = purchases.person();
        DemoRandom r = DemoRandom.of(orders.merchant().seed(), STREAM_EVENTS, person.index());
        List<Draft> drafts = new ArrayList<>();
        int first = Integer.MAX_VALUE;
        for (DemoOrder order : purchases.orders()) {
            int t = second(order.orderedAt());
            first = Math.min(first, t);
            beforeOrder(r, person, order, t, drafts);
            afterOrder(r, order, drafts);
        }
        // browsing without buying, from a month before the first order on
        int sessions = r.nextInt(3) + (r.chance(0.3) ? purchases.orders().size() / 2 : 0);
        int from = Math.max(0, first - 30 * DAY);
        for (int s = 0; s < sessions; s++) {
            int t = from + (int) (r.nextDouble() * (now - from));
            browse(r, person, t, drafts);
        }
        drafts.sort(Comparator.comparingInt(Draft::second));
        List<DemoEvent> events = new ArrayList<>(drafts.size());
        for (int i = 0; i < drafts.size(); i++) {
            Draft d = drafts.get(i);
            long id = DemoRandom.mix64((((long) person.index()) << 24 | i) ^ idKey);
            events.add(new DemoEvent("ev_" + hex(id), d.type(), instant(d.second()), d.account().buyerId(),
                    d.account().shop().name(), d.properties()));
        }
        return events;
    }

    private void beforeOrder(DemoRandom r, DemoPeople.Person person, DemoOrder order, int t, List<Draft> out) {
        DemoPeople.Account account = order.buyer();
        int start = t - r.between(120, 3 * 3600);
        if (r.chance(0.12)) {
            start -= r.between(1, 5) * DAY; // had been thinking about it for days
        }
        int clock = Math.max(0, start);
        DemoCatalog.Product main = order.lines().get(0).product();
        if (account.shop().platform() == Platform.DOUYIN && r.chance(0.55)) {
            int watch = r.between(60, 1800);
            add(out, EventType.LIVE_VIEW, clock, account,
                    DemoEvent.Properties.live(account.shop().name() + "直播间", watch));
            clock = Math.max(clock, Math.min(t - 60, clock + watch / 2));
        } else if (r.chance(0.4)) {
            add(out, EventType.SEARCH, clock, account, DemoEvent.Properties.search(r.chance(0.8) ? main.keyword()
                    : main.category().label()));
            clock += r.between(5, 60);
        }
        if (order.discountCents() > 0 && r.chance(0.7)) {
            String name = order.promo() == DemoSeasons.Promo.NONE ? "店铺优惠券" : order.promo().label() + "满减券";
            add(out, EventType.COUPON_RECEIVED, clock, account, DemoEvent.Properties.coupon(name, order.discount()));
            clock += r.between(5, 120);
        }
        int browsedOthers = r.nextInt(4);
        for (int i = 0; i < browsedOthers; i++) {
            DemoCatalog.Product other = orders.catalog().pick(r, main.category(),
                    orders.seasons().month(Math.max(0, clock) / DAY));
            add(out, EventType.PRODUCT_VIEW, clock, account, DemoEvent.Properties.product(other));
            clock += r.between(10, 180);
        }
        for (DemoOrder.Line line : order.lines()) {
            add(out, EventType.PRODUCT_VIEW, Math.min(clock, t - 1), account,
                    DemoEvent.Properties.product(line.product()));
            clock += r.between(10, 240);
            if (r.chance(0.12)) {
                add(out, EventType.FAVORITE, Math.min(clock, t - 1), account,
                        DemoEvent.Properties.product(line.product()));
            }
            if (r.chance(0.85)) {
                add(out, EventType.ADD_TO_CART, Math.min(clock, t - 1), account,
                        DemoEvent.Properties.product(line.product()));
                clock += r.between(5, 60);
            }
        }
    }

    private void afterOrder(DemoRandom r, DemoOrder order, List<Draft> out) {
        DemoPeople.Account account = order.buyer();
        DemoCatalog.Product main = order.lines().get(0).product();
        int t = second(order.orderedAt());
        if (order.paidAt() != null && r.chance(0.04)) {
            add(out, EventType.SHARE, Math.min(now, t + r.between(60, 3600)), account,
                    DemoEvent.Properties.share(main, CHANNELS[r.nextInt(CHANNELS.length)]));
        }
        if (order.deliveredAt() != null && order.status() != OrderStatus.REFUNDED && r.chance(0.3)) {
            int at = second(order.deliveredAt()) + r.between(3600, 10 * DAY);
            if (at <= now) {
                int rating = order.status() == OrderStatus.PARTIALLY_REFUNDED ? 1 + r.nextInt(3) : 1 + RATINGS.pick(r);
                String[] texts = rating >= 4 ? GOOD : rating == 3 ? FAIR : POOR;
                add(out, EventType.REVIEW, at, account,
                        DemoEvent.Properties.review(main, order.orderId(), rating, texts[r.nextInt(texts.length)]));
            }
        }
    }

    private void browse(DemoRandom r, DemoPeople.Person person, int t, List<Draft> out) {
        DemoPeople.Account account = person.accounts().get(r.nextInt(person.accounts().size()));
        int month = orders.seasons().month(t / DAY);
        DemoCatalog.Category category = r.chance(person.loyalty()) ? person.affinity()
                : DemoCatalog.Category.values()[r.nextInt(DemoCatalog.Category.values().length)];
        int clock = t;
        if (r.chance(0.4)) {
            DemoCatalog.Product hint = orders.catalog().pick(r, category, month);
            add(out, EventType.SEARCH, clock, account, DemoEvent.Properties.search(hint.keyword()));
            clock += r.between(5, 60);
        }
        int views = 1 + r.nextInt(4);
        for (int i = 0; i < views && clock <= now; i++) {
            DemoCatalog.Product p = orders.catalog().pick(r, category, month);
            add(out, EventType.PRODUCT_VIEW, clock, account, DemoEvent.Properties.product(p));
            clock += r.between(10, 240);
            if (r.chance(0.1) && clock <= now) {
                add(out, EventType.FAVORITE, clock, account, DemoEvent.Properties.product(p));
            }
            if (r.chance(0.25) && clock <= now) {
                add(out, EventType.ADD_TO_CART, clock, account, DemoEvent.Properties.product(p)); // abandoned
            }
        }
    }

    private void add(List<Draft> out, EventType type, int second, DemoPeople.Account account,
                     DemoEvent.Properties properties) {
        if (second >= 0 && second <= now) {
            out.add(new Draft(type, second, account, properties));
        }
    }

    private int second(LocalDateTime t) {
        return (int) (t.toEpochSecond(ZoneOffset.UTC) - origin.toEpochSecond(ZoneOffset.UTC));
    }

    private Instant instant(int second) {
        LocalDateTime local = origin.plusSeconds(second);
        return local.toInstant(rules.getOffset(local));
    }

    private static String hex(long v) {
        String s = Long.toHexString(v);
        return "0".repeat(16 - s.length()) + s;
    }

    /** An event before it gets its id and instant. */
    private record Draft(EventType type, int second, DemoPeople.Account account, DemoEvent.Properties properties) {
    }
}
