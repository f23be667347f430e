package io.liuliang.coupon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import io.liuliang.order.OrderKey;
import io.liuliang.order.OrderStatus;
import io.liuliang.order.Orders;
import io.liuliang.order.OrdersChanged;
import io.liuliang.shared.CustomerId;
import io.liuliang.shared.ShopId;

/**
 * Gives back the coupons of cancelled orders: when orders of customers change, their redeemed coupons whose template
 * restores on cancellation are checked against their orders' status, and the redemption of a cancelled order is
 * reversed (the coupon is usable again, or expired if its validity ended meanwhile). Repeats change nothing.
 */
@Component
class CouponOrderListener {

    private final JdbcClient jdbc;
    private final Orders orders;
    private final CouponRedeemer redeemer;

    CouponOrderListener(JdbcClient jdbc, Orders orders, CouponRedeemer redeemer) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.redeemer = redeemer;
    }

    @ApplicationModuleListener
    void on(OrdersChanged changed) {
        if (changed.customers().isEmpty()) {
            return;
        }
        Map<String, CouponRedeemer.OrderRef> redeemed = new LinkedHashMap<>();
        jdbc.sql("SELECT c.code, c.redeemed_shop_id, c.redeemed_order_id FROM coupon c "
                        + "JOIN coupon_template t ON t.id = c.template_id "
                        + "WHERE c.customer_id = ANY (?::uuid[]) AND c.status = 'redeemed' AND t.restore_on_cancel")
                .param(changed.customers().stream().map(CustomerId::value).toArray(UUID[]::new))
                .query(rs -> {
                    redeemed.put(rs.getString(1), new CouponRedeemer.OrderRef(rs.getObject(2, UUID.class), rs.getString(3)));
                });
        if (redeemed.isEmpty()) {
            return;
        }
        Map<OrderKey, OrderStatus> statuses = orders.statusesOf(redeemed.values().stream()
                .map(o -> new OrderKey(new ShopId(o.shopId()), o.orderId())).distinct().toList());
        Map<String, CouponRedeemer.OrderRef> cancelled = new LinkedHashMap<>();
        redeemed.forEach((code, order) -> {
            if (statuses.get(new OrderKey(new ShopId(order.shopId()), order.orderId())) == OrderStatus.CANCELLED) {
                cancelled.put(code, order);
            }
        });
        if (!cancelled.isEmpty()) {
            redeemer.reverseCancelled(cancelled);
        }
    }
}
