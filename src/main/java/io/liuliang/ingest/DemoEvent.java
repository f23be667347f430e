package io.liuliang.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

import io.liuliang.event.EventType;

/**
 * One generated behaviour event of a demo customer on one of the merchant's shops, shaped like an item of our event
 * API ({@code eventId, type, occurredAt, shopName, buyerId, properties}).
 *
 * @param eventId         unique, stable for a seed
 * @param type            what happened
 * @param occurredAt      when
 * @param platformBuyerId who, by their buyer id on the shop
 * @param shopName        where
 * @param properties      the details that go with the type
 */
record DemoEvent(String eventId, EventType type, Instant occurredAt, String platformBuyerId, String shopName,
                 Properties properties) {

    DemoEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(properties, "properties");
    }

    /**
     * The typed properties of an event; those that do not apply are null and left out of JSON.
     *
     * @param sku          the SKU viewed, carted, favourited, reviewed or shared
     * @param productName  its name
     * @param category     its category label (母婴)
     * @param keyword      what was searched for
     * @param orderId      the order reviewed (or bought right after)
     * @param liveRoom     the live stream watched (抖音)
     * @param watchSeconds how long it was watched
     * @param couponName   the coupon received (618满减券)
     * @param couponAmount its value
     * @param rating       review stars, 1 to 5
     * @param comment      review text
     * @param channel      where it was shared (微信好友, 朋友圈)
     */
    record Properties(String sku, String productName, String category, String keyword, String orderId,
                      String liveRoom, Integer watchSeconds, String couponName, BigDecimal couponAmount,
                      Integer rating, String comment, String channel) {

        static final Properties NONE = new Properties(null, null, null, null, null, null, null, null, null, null,
                null, null);

        static Properties product(DemoCatalog.Product p) {
            return new Properties(p.sku(), p.name(), p.category().label(), null, null, null, null, null, null, null,
                    null, null);
        }

        static Properties search(String keyword) {
            return new Properties(null, null, null, keyword, null, null, null, null, null, null, null, null);
        }

        static Properties live(String room, int seconds) {
            return new Properties(null, null, null, null, null, room, seconds, null, null, null, null, null);
        }

        static Properties coupon(String name, BigDecimal amount) {
            return new Properties(null, null, null, null, null, null, null, name, amount, null, null, null);
        }

        static Properties review(DemoCatalog.Product p, String orderId, int rating, String comment) {
            return new Properties(p.sku(), p.name(), p.category().label(), null, orderId, null, null, null, null,
                    rating, comment, null);
        }

        static Properties share(DemoCatalog.Product p, String channel) {
            return new Properties(p.sku(), p.name(), p.category().label(), null, null, null, null, null, null, null,
                    null, channel);
        }
    }
}
