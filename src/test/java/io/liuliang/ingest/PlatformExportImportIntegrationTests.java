package io.liuliang.ingest;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.ImportRuns;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Taobao order report as merchants download it (GBK, the platform's own column names and statuses), uploaded
 * through the API: personal data stays masked in everything the import keeps for display, and a later export of the
 * same orders with new statuses and refunds updates them.
 */
class PlatformExportImportIntegrationTests extends IntegrationTest {

    private static final Charset GBK = Charset.forName("GBK");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String HEADER = ImportFileReadingTests.TAOBAO_HEADER;
    private static final String SHOP_NAME = "{shop}";

    /** One line of the report: order, buyer, alipay account, amount, status, name, address, mobile, created, refund. */
    private static String line(String order, String buyer, String alipay, String amount, String status, String name,
                               String address, String mobile, String created, String refund) {
        return String.join(",", "=\"" + order + "\"", buyer, alipay, amount, "0.00", amount, amount, status, "", name,
                address, "", "'" + mobile, created, created, "mamakids洗面奶套装", "1", "1", SHOP_NAME, refund);
    }

    /** The report of the shop named {@code shopName} (its 店铺名称 column names the shop the lines belong to). */
    private static byte[] report(String shopName, List<String> lines) {
        return (HEADER + "\n" + String.join("\n", lines).replace(SHOP_NAME, shopName) + "\n").getBytes(GBK);
    }

    @Test
    void personalDataIsMaskedInThePreviewAndTheRejectedLinesForARoleWithoutPiiRead() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        Shop shop = taobaoShop(operator);
        byte[] file = report(shop.name(), List.of(
                line("1930679858170647", "幸福蔓岩1627", "zhang.wei@qq.com", "598.00", "买家已付款，等待卖家发货", "马慧",
                        "吉林省 通化市 柳河县 柳河镇紫御府 七号楼", "18618486065", "2016/5/23 22:02", "0.00"),
                line("1930679858170648", "清风徐来88", "li.na@163.com", "128.00", "交易成功", "李娜",
                        "浙江省 杭州市 西湖区 文三路 90 号", "13957112345", "下单那天", "0.00")));

        ApiClient.Response upload = operator.postMultipart("/api/v1/imports", Map.of("shopId", shop.id()), "ExportOrderList.csv", file);
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        assertNoPlainPersonalData(upload.body());
        assertThat(upload.body()).contains("186****6065");
        JsonNode run = ImportRuns.await(operator, upload.json().path("id").asString(), TIMEOUT);
        assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("linesAccepted").asLong()).isEqualTo(1);
        assertThat(run.path("linesRejected").asLong()).isEqualTo(1);
        assertNoPlainPersonalData(run.toString());

        ApiClient.Response rejects = operator.get("/api/v1/imports/" + run.path("id").asString() + "/rejects");
        assertThat(rejects.status()).isEqualTo(200);
        assertThat(rejects.body()).contains("订单创建时间").contains("139****2345").contains("l***@163.com").contains("李*");
        assertNoPlainPersonalData(rejects.body());
        // nothing plain at rest either
        String stored = jdbc.sql("SELECT coalesce(string_agg(raw_line, '|'), '') FROM import_reject WHERE import_id = ?::uuid")
                .param(run.path("id").asString()).query(String.class).single()
                + jdbc.sql("SELECT sample_rows::text FROM import_run WHERE id = ?::uuid").param(run.path("id").asString())
                .query(String.class).single();
        assertNoPlainPersonalData(stored);
    }

    @Test
    void aLaterExportWithNewStatusesAndRefundsUpdatesTheOrders() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        Shop shop = taobaoShop(operator);
        String a = "2930679858170001";
        String b = "2930679858170002";
        JsonNode first = importAndWait(operator, shop.id(), report(shop.name(), List.of(
                line(a, "买家甲", "", "598.00", "买家已付款，等待卖家发货", "马慧", "吉林省 通化市", "18618486065",
                        "2016/5/23 22:02", "0.00"),
                line(b, "买家乙", "", "128.00", "卖家已发货，等待买家确认", "李娜", "浙江省 杭州市", "13957112345",
                        "2016/5/24 09:15", "0.00"))));
        assertThat(first.path("ordersCreated").asLong()).isEqualTo(2);
        assertThat(first.path("refundsCreated").asLong()).isZero();
        // the order report names the goods but no unit price: the item takes the order's goods amount
        assertThat(jdbc.sql("SELECT i.unit_price * i.quantity FROM order_item i JOIN sales_order o ON o.id = i.order_id "
                + "WHERE o.shop_id = ?::uuid AND o.external_id = ?").params(shop.id(), a).query(BigDecimal.class).single())
                .isEqualByComparingTo("598.00");

        JsonNode second = importAndWait(operator, shop.id(), report(shop.name(), List.of(
                line(a, "买家甲", "", "598.00", "交易成功", "马慧", "吉林省 通化市", "18618486065", "2016/5/23 22:02", "100.00"),
                line(b, "买家乙", "", "128.00", "付款以后用户退款成功，交易自动关闭", "李娜", "浙江省 杭州市", "13957112345",
                        "2016/5/24 09:15", "128.00"))));
        assertThat(second.path("ordersCreated").asLong()).isZero();
        assertThat(second.path("ordersUpdated").asLong()).isEqualTo(2);
        assertThat(second.path("refundsCreated").asLong()).isEqualTo(2);
        assertThat(order(shop.id(), a)).isEqualTo(new Stored("completed", new BigDecimal("100.00")));
        assertThat(order(shop.id(), b)).isEqualTo(new Stored("refunded", new BigDecimal("128.00")));

        // the refunded total grows in the next export: the same refund, now larger; nothing counted twice
        JsonNode third = importAndWait(operator, shop.id(), report(shop.name(), List.of(
                line(a, "买家甲", "", "598.00", "交易成功", "马慧", "吉林省 通化市", "18618486065", "2016/5/23 22:02", "150.00"),
                line(b, "买家乙", "", "128.00", "付款以后用户退款成功，交易自动关闭", "李娜", "浙江省 杭州市", "13957112345",
                        "2016/5/24 09:15", "128.00"))));
        assertThat(third.path("ordersUpdated").asLong()).isEqualTo(1);
        assertThat(third.path("ordersUnchanged").asLong()).isEqualTo(1);
        assertThat(third.path("refundsCreated").asLong()).isZero();
        assertThat(order(shop.id(), a)).isEqualTo(new Stored("completed", new BigDecimal("150.00")));
        assertThat(jdbc.sql("SELECT count(*) FROM refund r JOIN sales_order o ON o.id = r.order_id "
                + "WHERE o.shop_id = ?::uuid").param(shop.id()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aNewOrderWithARefundIsStoredWithItsRefundOnce() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        Shop shop = taobaoShop(operator);
        String refunded = "3930679858170001";
        String kept = "3930679858170002";
        byte[] file = report(shop.name(), List.of(
                line(refunded, "买家丙", "", "300.00", "交易成功", "王芳", "江苏省 南京市", "13851234567",
                        "2016/6/1 10:00", "120.00"),
                line(kept, "买家丁", "", "80.00", "交易成功", "赵强", "广东省 广州市", "13512345678",
                        "2016/6/2 11:00", "0.00")));
        JsonNode first = importAndWait(operator, shop.id(), file);
        assertThat(first.path("ordersCreated").asLong()).isEqualTo(2);
        assertThat(first.path("refundsCreated").asLong()).isEqualTo(1);
        assertThat(order(shop.id(), refunded)).isEqualTo(new Stored("completed", new BigDecimal("120.00")));
        assertThat(order(shop.id(), kept)).isEqualTo(new Stored("completed", new BigDecimal("0.00")));

        JsonNode again = importAndWait(operator, shop.id(), file);
        assertThat(again.path("ordersUnchanged").asLong()).isEqualTo(2);
        assertThat(again.path("refundsCreated").asLong()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM refund r JOIN sales_order o ON o.id = r.order_id "
                + "WHERE o.shop_id = ?::uuid").param(shop.id()).query(Long.class).single()).isEqualTo(1);
    }

    private record Stored(String status, BigDecimal refunded) {
    }

    private Stored order(String shop, String externalId) {
        return jdbc.sql("SELECT status, refunded_amount FROM sales_order WHERE shop_id = ?::uuid AND external_id = ?")
                .params(shop, externalId)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getBigDecimal(2).setScale(2))).single();
    }

    private static void assertNoPlainPersonalData(String text) {
        assertThat(text).doesNotContain("18618486065", "13957112345", "zhang.wei@qq.com", "li.na@163.com", "马慧",
                "李娜", "柳河镇紫御府", "文三路");
    }

    private record Shop(String id, String name) {
    }

    private static Shop taobaoShop(ApiClient operator) {
        String name = uniqueName("淘宝店");
        ApiClient.Response shop = operator.post("/api/v1/shops", Map.of("platform", "taobao", "name", name,
                "timezone", "Asia/Shanghai", "currency", "CNY"));
        assertThat(shop.status()).as(shop.body()).isEqualTo(201);
        return new Shop(shop.json().path("id").asString(), name);
    }

    private JsonNode importAndWait(ApiClient operator, String shop, byte[] file) throws InterruptedException {
        return ImportRuns.importCleanly(operator, shop, "taobao", "ExportOrderList.csv", file, TIMEOUT);
    }
}
