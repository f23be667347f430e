package io.liuliang.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.liuliang.event.EventType;
import io.liuliang.order.Platform;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DemoEventsTests {

    private static final Instant END = Instant.parse("2025-12-31T15:59:59Z"); // 23:59:59 in Shanghai

    private static DemoOrders demo;
    private static List<DemoOrders.Purchases> purchases;
    private static List<DemoEvent> events;

    @BeforeAll
    static void generate() {
        demo = new DemoOrders(DemoMerchant.of(42, 1_000, 2_500));
        DemoEvents generator = new DemoEvents(demo);
        purchases = new ArrayList<>();
        events = new ArrayList<>();
        demo.forEach(p -> {
            purchases.add(p);
            events.addAll(generator.eventsOf(p));
        });
    }

    @Test
    void everyKindOfBehaviourHappensInPlausibleProportions() {
        Map<EventType, Integer> types = new EnumMap<>(EventType.class);
        events.forEach(e -> types.merge(e.type(), 1, Integer::sum));
        assertThat(types).containsOnlyKeys(EventType.PRODUCT_VIEW, EventType.ADD_TO_CART, EventType.FAVORITE,
                EventType.SEARCH, EventType.LIVE_VIEW, EventType.COUPON_RECEIVED, EventType.SHARE, EventType.REVIEW);
        assertThat(types.get(EventType.PRODUCT_VIEW)).isGreaterThan(types.get(EventType.ADD_TO_CART));
        assertThat(types.get(EventType.ADD_TO_CART)).isGreaterThan(types.get(EventType.FAVORITE));
        long orders = purchases.stream().mapToLong(p -> p.orders().size()).sum();
        assertThat(events.size()).isBetween((int) (3 * orders), (int) (20 * orders));
    }

    @Test
    void eventsBelongToThePeopleAndFitTheirOrders() {
        Set<String> ids = new HashSet<>();
        Map<String, DemoPeople.Person> byBuyer = new HashMap<>();
        for (DemoOrders.Purchases p : purchases) {
            for (DemoPeople.Account a : p.person().accounts()) {
                byBuyer.put(a.shop().name() + "/" + a.buyerId(), p.person());
            }
        }
        for (DemoEvent e : events) {
            assertThat(ids.add(e.eventId())).isTrue();
            assertThat(e.eventId()).matches("ev_[0-9a-f]{16}");
            assertThat(byBuyer).containsKey(e.shopName() + "/" + e.platformBuyerId());
            assertThat(e.occurredAt()).isBetween(Instant.parse("2023-12-31T16:00:00Z"), END);
            switch (e.type()) {
                case LIVE_VIEW -> {
                    assertThat(e.shopName()).isEqualTo("抖音小店");
                    assertThat(e.properties().watchSeconds()).isBetween(60, 1800);
                }
                case SEARCH -> assertThat(e.properties().keyword()).isNotBlank();
                case PRODUCT_VIEW, ADD_TO_CART, FAVORITE -> assertThat(e.properties().sku()).isNotBlank();
                case COUPON_RECEIVED -> assertThat(e.properties().couponAmount()).isPositive();
                case REVIEW -> assertThat(e.properties().rating()).isBetween(1, 5);
                default -> { }
            }
        }
        // reviews come after delivery
        Map<String, DemoOrder> orders = new HashMap<>();
        purchases.forEach(p -> p.orders().forEach(o -> orders.put(o.orderId(), o)));
        List<DemoEvent> reviews = events.stream().filter(e -> e.type() == EventType.REVIEW).toList();
        assertThat(reviews).isNotEmpty();
        for (DemoEvent review : reviews) {
            DemoOrder order = orders.get(review.properties().orderId());
            assertThat(order.deliveredAt()).isNotNull();
            assertThat(review.occurredAt()).isAfter(order.deliveredAt().atZone(DemoMerchant.SHANGHAI).toInstant());
        }
    }

    @Test
    void eachCustomersEventsAreInTimeOrder() {
        DemoEvents generator = new DemoEvents(demo);
        for (DemoOrders.Purchases p : purchases.subList(0, 200)) {
            List<DemoEvent> own = generator.eventsOf(p);
            for (int i = 1; i < own.size(); i++) {
                assertThat(own.get(i).occurredAt()).isAfterOrEqualTo(own.get(i - 1).occurredAt());
            }
            for (DemoEvent e : own) {
                if (e.type() == EventType.LIVE_VIEW) {
                    assertThat(p.person().accounts()).anyMatch(a -> a.shop().platform() == Platform.DOUYIN);
                }
            }
        }
    }

    @Test
    void writesJsonLinesShapedLikeTheEventApi() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DemoEventWriter.Stats stats = new DemoEventWriter(demo).write(out, DemoCsvWriter.Compression.NONE);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(stats.events()).isEqualTo(events.size()).isEqualTo(lines.length);
        JsonMapper json = JsonMapper.builder().build();
        for (int i = 0; i < lines.length; i += 7) {
            JsonNode node = json.readTree(lines[i]);
            DemoEvent e = events.get(i);
            assertThat(node.propertyNames()).containsExactly("eventId", "type", "occurredAt", "shopName", "buyerId",
                    "properties");
            assertThat(node.get("eventId").asString()).isEqualTo(e.eventId());
            assertThat(node.get("type").asString()).isEqualTo(e.type().code());
            assertThat(Instant.parse(node.get("occurredAt").asString())).isEqualTo(e.occurredAt());
            assertThat(node.get("shopName").asString()).isEqualTo(e.shopName());
            assertThat(node.get("buyerId").asString()).isEqualTo(e.platformBuyerId());
            assertThat(node.get("properties").isObject()).isTrue();
            if (e.properties().sku() != null) {
                assertThat(node.get("properties").get("sku").asString()).isEqualTo(e.properties().sku());
            }
            if (e.properties().keyword() != null) {
                assertThat(node.get("properties").get("keyword").asString()).isEqualTo(e.properties().keyword());
            }
            if (e.properties().couponAmount() != null) {
                assertThat(node.get("properties").get("couponAmount").decimalValue())
                        .isEqualByComparingTo(e.properties().couponAmount());
            }
        }
        assertThat(DemoEventWriter.toJson(events.get(0))).isEqualTo(lines[0] + "\n");
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        new DemoEventWriter(new DemoOrders(DemoMerchant.of(42, 1_000, 2_500)))
                .write(again, DemoCsvWriter.Compression.NONE, 1, s -> { });
        assertThat(again.toByteArray()).isEqualTo(out.toByteArray());
    }
}
