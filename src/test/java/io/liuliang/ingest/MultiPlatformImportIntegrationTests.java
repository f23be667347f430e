package io.liuliang.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.ImportRuns;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person new to the merchant who bought on three platforms, the accounts linked by a shared phone and a shared
 * email, imported in one generic file: One-ID resolves the group in bulk as it would record by record — a customer
 * per account, merged into the oldest with a merge record naming the contact that linked each — and the merges stay
 * reversible: an unmerge gives an account back with its own order.
 */
class MultiPlatformImportIntegrationTests extends IntegrationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String HEADER = "order_id,customer_id,ordered_at,status,total_amount,currency,name,phone,email,"
            + "province,city,shop";

    @Test
    void accountsOnSeveralPlatformsSharingContactsBecomeOneCustomerAndUnmergeOneByOne() throws Exception {
        ApiClient operator = signedIn("OPERATOR");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Shop tmall = shop(operator, "tmall", uniqueName("天猫店"));
        Shop jd = shop(operator, "jd", uniqueName("京东店"));
        Shop douyin = shop(operator, "douyin", uniqueName("抖店"));
        String phone = String.format("139%08d", 10_000_000 + (int) (Math.random() * 80_000_000));
        String email = "mei." + suffix + "@qq.com";
        String otherPhone = String.format("137%08d", 10_000_000 + (int) (Math.random() * 80_000_000));
        List<String> lines = new ArrayList<>();
        // Tmall (two orders; the second, the latest of all, moves her to Shanghai) and JD share the phone; JD and Douyin share
        // the email. The JD account was seen first: it survives.
        lines.add(String.join(",", "T-" + suffix + "-1", "tm-" + suffix, "2024-03-01 10:00:00", "completed", "100.00",
                "CNY", "韩梅梅", phone, "", "浙江省", "杭州市", tmall.name()));
        lines.add(String.join(",", "T-" + suffix + "-2", "tm-" + suffix, "2024-05-20 10:00:00", "completed", "50.00",
                "CNY", "韩梅梅", phone, "", "上海市", "上海市", tmall.name()));
        lines.add(String.join(",", "J-" + suffix + "-1", "jd-" + suffix, "2024-01-10 09:00:00", "completed", "200.00",
                "CNY", "Meimei", phone, email, "浙江省", "杭州市", jd.name()));
        lines.add(String.join(",", "D-" + suffix + "-1", "dy-" + suffix, "2024-02-01 20:00:00", "completed", "30.00",
                "CNY", "梅梅", "", email, "", "", douyin.name()));
        // somebody else, alone
        lines.add(String.join(",", "T-" + suffix + "-9", "tm-other-" + suffix, "2024-04-01 10:00:00", "completed",
                "10.00", "CNY", "李雷", otherPhone, "", "北京市", "北京市", tmall.name()));
        byte[] file = (HEADER + "\n" + String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);

        JsonNode run = importAndWait(operator, tmall.id(), file);
        assertThat(run.path("linesAccepted").asLong()).isEqualTo(5);
        assertThat(run.path("customersCreated").asLong()).as(run.toString()).isEqualTo(2);
        assertThat(run.path("customersMerged").asLong()).as(run.toString()).isEqualTo(2);
        assertThat(run.path("ordersCreated").asLong()).isEqualTo(5);

        UUID tmAccount = originOf("tm-" + suffix, tmall.id());
        UUID jdAccount = originOf("jd-" + suffix, jd.id());
        UUID dyAccount = originOf("dy-" + suffix, douyin.id());
        assertThat(List.of(tmAccount, jdAccount, dyAccount)).doesNotHaveDuplicates();
        // every identity of the family is held by the JD account's customer, the oldest
        assertThat(holders(List.of(tmAccount, jdAccount, dyAccount))).containsExactly(jdAccount);
        assertThat(jdbc.sql("SELECT count(*) FROM customer WHERE id IN (?, ?) AND merged_into = ?")
                .params(tmAccount, dyAccount, jdAccount).query(Long.class).single()).isEqualTo(2);
        // the phone links two accounts, the email two: each seen on two people, neither shared
        assertThat(jdbc.sql("SELECT type || ':' || seen_customers || ':' || origin_customer_id FROM customer_identity "
                        + "WHERE customer_id = ? AND type IN ('phone', 'email') ORDER BY type").param(jdAccount)
                .query(String.class).list())
                .containsExactly("email:2:" + jdAccount, "phone:2:" + jdAccount);

        JsonNode view = operator.get("/api/v1/customers/" + jdAccount).json();
        assertThat(view.path("identities").size()).isEqualTo(5);
        assertThat(view.path("summary").path("orderCount").asLong()).isEqualTo(4);
        assertThat(view.path("city").asString()).isEqualTo("上海市");
        assertThat(view.path("firstSeenAt").asString()).startsWith("2024-01-10");
        JsonNode merges = view.path("merges");
        assertThat(merges.size()).isEqualTo(2);
        Map<String, String> viaByMerged = Map.of(merges.get(0).path("mergedId").asString(),
                merges.get(0).path("identityType").asString(), merges.get(1).path("mergedId").asString(),
                merges.get(1).path("identityType").asString());
        assertThat(viaByMerged).containsEntry(tmAccount.toString(), "phone").containsEntry(dyAccount.toString(), "email");
        assertThat(merges.get(0).path("identityMasked").asString()).doesNotContain(phone, email);
        // the merged-away accounts answer with the survivor
        assertThat(operator.get("/api/v1/customers/" + tmAccount).status()).isEqualTo(307);

        // the Douyin account goes back with its own order and buyer id; the email stays with the JD account, which
        // carried it first
        ApiClient.Response unmerge = operator.post("/api/v1/customers/" + dyAccount + ":unmerge", null);
        assertThat(unmerge.status()).as(unmerge.body()).isEqualTo(200);
        JsonNode restored = operator.get("/api/v1/customers/" + dyAccount).json();
        assertThat(restored.path("summary").path("orderCount").asLong()).isEqualTo(1);
        assertThat(types(restored)).containsExactly("platform_buyer_id");
        assertThat(restored.path("firstSeenAt").asString()).startsWith("2024-02-01");
        JsonNode kept = operator.get("/api/v1/customers/" + jdAccount).json();
        assertThat(kept.path("summary").path("orderCount").asLong()).isEqualTo(3);
        assertThat(types(kept)).containsExactlyInAnyOrder("platform_buyer_id", "platform_buyer_id", "phone", "email");
        // as before the Douyin merge, with the Tmall account (merged after it) folded in again
        assertThat(kept.path("city").asString()).isEqualTo("上海市");
        assertThat(kept.path("lastSeenAt").asString()).startsWith("2024-05-20");

        ApiClient.Response second = operator.post("/api/v1/customers/" + tmAccount + ":unmerge", null);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        JsonNode tmall2 = operator.get("/api/v1/customers/" + tmAccount).json();
        assertThat(tmall2.path("summary").path("orderCount").asLong()).isEqualTo(2);
        JsonNode jdAlone = operator.get("/api/v1/customers/" + jdAccount).json();
        assertThat(jdAlone.path("summary").path("orderCount").asLong()).isEqualTo(1);
        assertThat(types(jdAlone)).containsExactlyInAnyOrder("platform_buyer_id", "phone", "email");
        // its own traits again, whichever of the two was merged first
        assertThat(jdAlone.path("city").asString()).isEqualTo("杭州市");
        assertThat(jdAlone.path("lastSeenAt").asString()).startsWith("2024-01-10");

        // the same file again finds everyone: nothing created, and the accounts the operator split stay apart
        JsonNode again = importAndWait(operator, tmall.id(), file);
        assertThat(again.path("customersCreated").asLong()).as(again.toString()).isZero();
        assertThat(again.path("customersMerged").asLong()).as(again.toString()).isZero();
        assertThat(operator.get("/api/v1/customers/" + tmAccount).status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/customers/" + dyAccount).status()).isEqualTo(200);
        assertThat(again.path("ordersCreated").asLong()).isZero();
    }

    private record Shop(String id, String name) {
    }

    private static Shop shop(ApiClient operator, String platform, String name) {
        ApiClient.Response shop = operator.post("/api/v1/shops", Map.of("platform", platform, "name", name,
                "timezone", "Asia/Shanghai", "currency", "CNY"));
        assertThat(shop.status()).as(shop.body()).isEqualTo(201);
        return new Shop(shop.json().path("id").asString(), name);
    }

    private UUID originOf(String buyer, String shop) {
        return jdbc.sql("SELECT i.origin_customer_id FROM customer_identity i JOIN sales_order o "
                        + "ON o.origin_customer_id = i.origin_customer_id WHERE i.type = 'platform_buyer_id' "
                        + "AND i.value_plain = ? AND i.scope_id = ?::uuid GROUP BY 1")
                .params(buyer, shop).query(UUID.class).single();
    }

    private List<UUID> holders(List<UUID> origins) {
        return jdbc.sql("SELECT DISTINCT customer_id FROM customer_identity WHERE origin_customer_id = ANY (?::uuid[])")
                .param(origins.toArray(UUID[]::new)).query(UUID.class).list();
    }

    private static List<String> types(JsonNode view) {
        List<String> types = new ArrayList<>();
        view.path("identities").forEach(i -> types.add(i.path("type").asString()));
        return types;
    }

    private JsonNode importAndWait(ApiClient operator, String shop, byte[] file) throws InterruptedException {
        return ImportRuns.importCleanly(operator, shop, "generic", "orders.csv", file, TIMEOUT);
    }
}
