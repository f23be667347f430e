package io.liuliang.bench;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A large synthetic merchant written with set-based SQL, for benchmarks that need a million customers and ten million
 * orders quickly: customers with Chinese names and provinces, orders over two years with skewed repeat buying (a few
 * customers buy often, most rarely), 3% cancelled and 5% partly refunded, one item each in five categories.
 * <p>
 * The load is one transaction: the secondary indexes of the order tables are dropped, the rows written with
 * {@code generate_series} (orders and their items by one statement per chunk), and the indexes built again from
 * their own definitions ({@code pg_get_indexdef}), which is far cheaper than maintaining five random-order indexes
 * row by row; a failed load leaves nothing behind.
 */
final class SyntheticMerchant {

    private static final int CHUNK = 1_000_000;
    private static final String INDEX_BUILD_MEMORY = "1GB";
    private static final List<String> ORDER_TABLES = List.of("sales_order", "order_item");

    private SyntheticMerchant() {
    }

    /** An order id that grows with {@code i} (so the primary key is appended to, as with time-ordered ids). */
    private static final String ORDER_ID = "('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid";

    static void load(JdbcClient jdbc, TransactionTemplate tx, UUID shop, int customers, int orders) {
        tx.executeWithoutResult(status -> {
            jdbc.sql("SET LOCAL maintenance_work_mem = '" + INDEX_BUILD_MEMORY + "'").update();
            record Index(String name, String definition) {
            }
            List<Index> indexes = jdbc.sql("""
                            SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x
                            JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                            WHERE t.relname = ANY (?::text[]) AND t.relnamespace = 'public'::regnamespace
                              AND NOT x.indisprimary""")
                    .param("{" + String.join(",", ORDER_TABLES) + "}")
                    .query((rs, n) -> new Index(rs.getString(1), rs.getString(2))).list();
            indexes.forEach(index -> jdbc.sql("DROP INDEX " + index.name()).update());
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
                                WITH x AS MATERIALIZED (
                                    SELECT i, {ORDER_ID} AS id, md5('bench-c' || (1 + floor(? * power(random(), 2)))::int)::uuid AS c,
                                           random() AS r, round((20 + random() * 480)::numeric, 2) AS amount
                                    FROM generate_series(?, ?) AS i),
                                o AS (
                                    INSERT INTO sales_order (id, shop_id, external_id, customer_id, origin_customer_id, status,
                                        currency, item_total, discount, shipping, paid_amount, refunded_amount, ordered_at, source)
                                    SELECT id, ?, 'B' || i, c, c,
                                           CASE WHEN r < 0.03 THEN 'cancelled' WHEN r < 0.08 THEN 'partially_refunded' ELSE 'completed' END,
                                           'CNY', amount, 0, 0, amount,
                                           CASE WHEN r >= 0.03 AND r < 0.08 THEN round(amount * 0.3, 2) ELSE 0 END,
                                           now() - random() * interval '730 days', 'bench'
                                    FROM x)
                                INSERT INTO order_item (order_id, line_no, sku, product_name, category, quantity, unit_price, amount)
                                SELECT id, 1, 'SKU' || (i % 500), '商品' || (i % 500),
                                       (ARRAY['母婴','美妆','3C','服饰','食品'])[1 + i % 5], 1, amount, amount
                                FROM x""".replace("{ORDER_ID}", ORDER_ID))
                        .params(customers, from, to, shop).update();
            }
            indexes.forEach(index -> jdbc.sql(index.definition()).update());
        });
        jdbc.sql("ANALYZE customer").update();
        jdbc.sql("ANALYZE sales_order").update();
        jdbc.sql("ANALYZE order_item").update();
    }
}
