package io.liuliang.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.ImportRuns;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import's batch of orders is first tried as all new, copied straight into the orders; an order that is already
 * stored ends that try, which must leave nothing behind, and the batch is then compared order by order.
 */
class ImportedBatchIntegrationTests extends IntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String HEADER = "order_id,customer_id,ordered_at,status,total_amount,currency,sku,product_name,"
            + "quantity,unit_price,name,phone";
    /** Enough orders that the all-new try has sent several chunks of its COPY when it meets the stored order. */
    private static final int ORDERS = 1_500;

    @Test
    void aBatchWhoseLastOrderIsStoredKeepsTheNewOrdersOnceAndUpdatesTheStoredOne() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        ApiClient.Response created = operator.post("/api/v1/shops", Map.of("platform", "jd", "name", uniqueName("京东店"),
                "timezone", "Asia/Shanghai", "currency", "CNY"));
        String shop = created.json().path("id").asString();
        String prefix = "B" + UUID.randomUUID().toString().substring(0, 8) + "-";
        // order ids sort as numbered, so the stored one (the greatest) comes last in the batch
        String known = prefix + String.format("%05d", ORDERS - 1);
        JsonNode first = ImportRuns.importCleanly(operator, shop, "generic", "known.csv",
                file(prefix, ORDERS - 1, ORDERS, "paid"), TIMEOUT);
        assertThat(first.path("ordersCreated").asLong()).isEqualTo(1);

        JsonNode run = ImportRuns.importCleanly(operator, shop, "generic", "orders.csv", file(prefix, 0, ORDERS, "shipped"),
                TIMEOUT);
        assertThat(run.path("ordersCreated").asLong()).as(run.toString()).isEqualTo(ORDERS - 1);
        assertThat(run.path("ordersUpdated").asLong()).as(run.toString()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM sales_order WHERE shop_id = ?::uuid").param(shop).query(Long.class).single())
                .isEqualTo(ORDERS);
        assertThat(jdbc.sql("SELECT count(*) FROM order_item i JOIN sales_order o ON o.id = i.order_id "
                + "WHERE o.shop_id = ?::uuid").param(shop).query(Long.class).single()).isEqualTo(ORDERS);
        assertThat(jdbc.sql("SELECT count(DISTINCT status) FROM sales_order WHERE shop_id = ?::uuid").param(shop)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT status FROM sales_order WHERE shop_id = ?::uuid AND external_id = ?").params(shop, known)
                .query(String.class).single()).isEqualTo("shipped");

        JsonNode again = ImportRuns.importCleanly(operator, shop, "generic", "orders.csv", file(prefix, 0, ORDERS, "shipped"),
                TIMEOUT);
        assertThat(again.path("ordersUnchanged").asLong()).isEqualTo(ORDERS);
    }

    /** Orders {@code from} (inclusive) to {@code to} (exclusive), one item each, with a buyer and a receiver phone. */
    private static byte[] file(String prefix, int from, int to, String status) {
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (int i = from; i < to; i++) {
            csv.append(prefix).append(String.format("%05d", i)).append(",buyer-").append(prefix).append(i)
                    .append(",2024-11-11 10:00:00,").append(status).append(",99.00,CNY,SKU-").append(i % 50)
                    .append(",商品 ").append(i % 50).append(",1,99.00,收货人").append(i).append(',')
                    .append(String.format("139%08d", 20_000_000 + i)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
