package io.liuliang.bench;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A large synthetic merchant written with set-based SQL, for benchmarks that need a million customers quickly:
 * customers with Chinese names and provinces, orders over two years with skewed repeat buying (a few customers buy
 * often, most rarely), 3% cancelled and 5% partly refunded, one item each in five categories.
 */
final class SyntheticMerchant {

    private static final int CHUNK = 1_000_000;

    private SyntheticMerchant() {
    }

    static void load(JdbcClient jdbc, UUID shop, int customers, int orders) {
        jdbc.sql("""
                        INSERT INTO customer (id, display_name, gender, province, city, first_seen_at, last_seen_at, source)
                        SELECT md5('bench-c' || i)::uuid, '客户' || i, (ARRAY['female','male','unknown'])[1 + i % 3],
                               (ARRAY['广东','浙江','江苏','上海','北京','四川','山东','湖北'])[1 + i % 8], NULL,
                               now() - interval '800 days', now(), 'bench'
                        FROM generate_series(1, ?) AS i""")
                .param(customers).update();
        for (int from = 1; from <= orders; from += CHUNK) {
            int to = Math.min(orders, from + CHUNK - 1);
            jdbc.sql("""
                            INSERT INTO sales_order (id, shop_id, external_id, customer_id, origin_customer_id, status, currency,
                                item_total, discount, shipping, paid_amount, refunded_amount, ordered_at, source)
                            SELECT md5('bench-o' || i)::uuid, ?, 'B' || i, c, c,
                                   CASE WHEN r < 0.03 THEN 'cancelled' WHEN r < 0.08 THEN 'partially_refunded' ELSE 'completed' END,
                                   'CNY', amount, 0, 0, amount,
                                   CASE WHEN r >= 0.03 AND r < 0.08 THEN round(amount * 0.3, 2) ELSE 0 END,
                                   now() - random() * interval '730 days', 'bench'
                            FROM (SELECT i, md5('bench-c' || (1 + floor(? * power(random(), 2)))::int)::uuid AS c,
                                         random() AS r, round((20 + random() * 480)::numeric, 2) AS amount
                                  FROM generate_series(?, ?) AS i) x""")
                    .params(shop, customers, from, to).update();
            jdbc.sql("""
                            INSERT INTO order_item (order_id, line_no, sku, product_name, category, quantity, unit_price, amount)
                            SELECT md5('bench-o' || i)::uuid, 1, 'SKU' || (i % 500), '商品' || (i % 500),
                                   (ARRAY['母婴','美妆','3C','服饰','食品'])[1 + i % 5], 1, o.item_total, o.item_total
                            FROM generate_series(?, ?) AS i JOIN sales_order o ON o.id = md5('bench-o' || i)::uuid""")
                    .params(from, to).update();
        }
        jdbc.sql("ANALYZE customer").update();
        jdbc.sql("ANALYZE sales_order").update();
        jdbc.sql("ANALYZE order_item").update();
    }
}
