/**
 * Shops (a merchant's stores on each platform), products, orders, items, refunds and logistics.
 * Other modules read shops through {@link io.liuliang.order.Shops}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Orders and shops")
package io.liuliang.order;
