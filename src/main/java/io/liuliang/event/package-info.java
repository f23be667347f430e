/**
 * Behaviour events (views, add-to-cart, favourites, searches, live views, coupon use, ...), stored in monthly
 * partitions, idempotent by the client's event id. Other modules use {@link io.liuliang.event.Events}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Behaviour events")
package io.liuliang.event;
