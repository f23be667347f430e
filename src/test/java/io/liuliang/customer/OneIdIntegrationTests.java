package io.liuliang.customer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class OneIdIntegrationTests extends IntegrationTest {

    private ApiClient operator;
    private String shopA;
    private String shopB;

    @BeforeEach
    void shops() {
        operator = signedIn("OPERATOR");
        shopA = operator.post("/api/v1/shops", Map.of("platform", "tmall", "name", uniqueName("天猫店"))).json().path("id").asString();
        shopB = operator.post("/api/v1/shops", Map.of("platform", "jd", "name", uniqueName("京东店"))).json().path("id").asString();
    }

    private static int phoneSequence = 0;

    /** A distinct, valid Chinese mobile number per call. */
    private static synchronized String phone() {
        phoneSequence++;
        return String.format("139%08d", 10_000_000 + (int) (Math.random() * 80_000_000) + phoneSequence);
    }

    private static Map<String, Object> identity(String type, String value, String shopId) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", type);
        m.put("value", value);
        if (shopId != null) {
            m.put("shopId", shopId);
        }
        return m;
    }

    private static Map<String, Object> record(List<Map<String, Object>> identities, Map<String, Object> traits) {
        Map<String, Object> m = new HashMap<>();
        m.put("identities", identities);
        if (traits != null) {
            m.put("traits", traits);
        }
        return m;
    }

    private JsonNode identify(List<Map<String, Object>> identities, Map<String, Object> traits) {
        ApiClient.Response response = operator.post("/api/v1/customers:identify", record(identities, traits));
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response.json();
    }

    @Test
    void aNewRecordCreatesACustomerAndTheSameIdentitiesFindItAgain() {
        String phone = phone();
        JsonNode first = identify(List.of(identity("phone", phone, null),
                identity("platform_buyer_id", "tb_" + phone, shopA)), Map.of("displayName", "李雷", "province", "浙江"));
        assertThat(first.path("created").asBoolean()).isTrue();
        JsonNode again = identify(List.of(identity("phone", "+86 " + phone.substring(0, 3) + "-" + phone.substring(3), null)), null);
        assertThat(again.path("created").asBoolean()).isFalse();
        assertThat(again.path("customerId").asString()).isEqualTo(first.path("customerId").asString());
    }

    @Test
    void twoRecordsSharingAPhoneBecomeOneCustomerAndAnUnmergeGivesBackTwo() {
        String phone = phone();
        JsonNode a = identify(List.of(identity("platform_buyer_id", "buyer-a-" + phone, shopA), identity("phone", phone, null)),
                Map.of("displayName", "韩梅梅", "city", "杭州"));
        JsonNode b = identify(List.of(identity("platform_buyer_id", "buyer-b-" + phone, shopB), identity("phone", phone, null)),
                Map.of("displayName", "Meimei Han", "city", "上海"));
        String survivor = a.path("customerId").asString();
        assertThat(b.path("customerId").asString()).isEqualTo(survivor);
        assertThat(b.path("merged").size()).isEqualTo(1);
        String mergedAway = b.path("merged").get(0).asString();

        JsonNode view = operator.get("/api/v1/customers/" + survivor).json();
        assertThat(view.path("identities").size()).isEqualTo(3);
        assertThat(view.path("displayName").asString()).isEqualTo("Meimei Han");
        assertThat(view.path("merges").get(0).path("identityType").asString()).isEqualTo("phone");
        ApiClient.Response redirect = operator.get("/api/v1/customers/" + mergedAway);
        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.raw().headers().firstValue("Location").orElse("")).endsWith(survivor);

        ApiClient.Response unmerge = operator.post("/api/v1/customers/" + mergedAway + ":unmerge", null);
        assertThat(unmerge.status()).as(unmerge.body()).isEqualTo(200);
        JsonNode restored = operator.get("/api/v1/customers/" + mergedAway).json();
        JsonNode kept = operator.get("/api/v1/customers/" + survivor).json();
        assertThat(types(restored)).containsExactly("platform_buyer_id");
        assertThat(types(kept)).containsExactlyInAnyOrder("platform_buyer_id", "phone");
        assertThat(kept.path("displayName").asString()).isEqualTo("韩梅梅");
        assertThat(kept.path("city").asString()).isEqualTo("杭州");
        assertThat(operator.post("/api/v1/customers/" + mergedAway + ":unmerge", null).status()).isEqualTo(409);
    }

    @Test
    void unmergingInTheOrderOfTheMergesGivesTheSurvivorBackItsOwnTraits() {
        String phone = phone();
        String shopC = operator.post("/api/v1/shops", Map.of("platform", "douyin", "name", uniqueName("抖店")))
                .json().path("id").asString();
        JsonNode a = identify(List.of(identity("platform_buyer_id", "first-" + phone, shopA), identity("phone", phone, null)),
                Map.of("displayName", "甲", "city", "杭州"));
        JsonNode b = identify(List.of(identity("platform_buyer_id", "second-" + phone, shopB), identity("phone", phone, null)),
                Map.of("displayName", "乙", "city", "上海"));
        JsonNode c = identify(List.of(identity("platform_buyer_id", "third-" + phone, shopC), identity("phone", phone, null)),
                Map.of("displayName", "丙", "city", "北京"));
        String survivor = a.path("customerId").asString();
        assertThat(List.of(b.path("customerId").asString(), c.path("customerId").asString())).containsOnly(survivor);
        String second = b.path("merged").get(0).asString();
        String third = c.path("merged").get(0).asString();

        assertThat(operator.post("/api/v1/customers/" + second + ":unmerge", null).status()).isEqualTo(200);
        JsonNode withThird = operator.get("/api/v1/customers/" + survivor).json();
        assertThat(withThird.path("displayName").asString()).isEqualTo("丙");
        assertThat(operator.post("/api/v1/customers/" + third + ":unmerge", null).status()).isEqualTo(200);
        JsonNode alone = operator.get("/api/v1/customers/" + survivor).json();
        // not 乙 of 上海, whom the first unmerge took away
        assertThat(alone.path("displayName").asString()).isEqualTo("甲");
        assertThat(alone.path("city").asString()).isEqualTo("杭州");
    }

    @Test
    void aMergeThatWouldGiveOnePersonTwoUnionIdsGoesToTheReviewQueue() {
        String phone = phone();
        String u1 = "union-1-" + UUID.randomUUID();
        String u2 = "union-2-" + UUID.randomUUID();
        JsonNode a = identify(List.of(identity("wechat_unionid", u1, null), identity("phone", phone, null)), null);
        JsonNode b = identify(List.of(identity("wechat_unionid", u2, null), identity("phone", phone, null)), null);
        assertThat(b.path("customerId").asString()).isNotEqualTo(a.path("customerId").asString());
        assertThat(b.path("merged").size()).isZero();
        long conflictId = b.path("conflictId").asLong();
        assertThat(conflictId).isPositive();

        JsonNode queue = operator.get("/api/v1/identity-conflicts?status=OPEN&limit=500").json();
        JsonNode conflict = null;
        for (JsonNode c : queue.path("items")) {
            if (c.path("id").asLong() == conflictId) {
                conflict = c;
            }
        }
        assertThat(conflict).isNotNull();
        assertThat(conflict.path("identityType").asString()).isEqualTo("wechat_unionid");
        assertThat(conflict.path("customerIds").toString()).contains(a.path("customerId").asString())
                .contains(b.path("customerId").asString());

        // the reviewer decides they are one person after all
        JsonNode merged = operator.post("/api/v1/identity-conflicts/" + conflictId + ":merge", null).json();
        assertThat(merged.path("status").asString()).isEqualTo("MERGED");
        assertThat(operator.get("/api/v1/customers/" + b.path("customerId").asString()).status()).isEqualTo(307);
        assertThat(operator.post("/api/v1/identity-conflicts/" + conflictId + ":dismiss", null).status()).isEqualTo(409);
    }

    @Test
    void customersAPersonKeptApartAreNotMergedAgainByTheNextRecord() {
        // an unmerge
        String phone = phone();
        JsonNode a = identify(List.of(identity("platform_buyer_id", "apart-a-" + phone, shopA), identity("phone", phone, null)),
                null);
        JsonNode b = identify(List.of(identity("platform_buyer_id", "apart-b-" + phone, shopB), identity("phone", phone, null)),
                null);
        String survivor = a.path("customerId").asString();
        String mergedAway = b.path("merged").get(0).asString();
        assertThat(operator.post("/api/v1/customers/" + mergedAway + ":unmerge", null).status()).isEqualTo(200);
        JsonNode again = identify(List.of(identity("platform_buyer_id", "apart-b-" + phone, shopB),
                identity("phone", phone, null)), Map.of("city", "上海"));
        assertThat(again.path("merged").size()).isZero();
        assertThat(again.path("conflictId").isNull() || again.path("conflictId").isMissingNode()).isTrue();
        assertThat(again.path("ignored").toString()).contains("keeps these customers apart");
        assertThat(operator.get("/api/v1/customers/" + mergedAway).status()).isEqualTo(200);
        assertThat(operator.get("/api/v1/customers/" + survivor).status()).isEqualTo(200);

        // a dismissed conflict: the next record naming both raises no second conflict
        String otherPhone = phone();
        JsonNode u1 = identify(List.of(identity("wechat_unionid", "apart-u1-" + UUID.randomUUID(), null),
                identity("phone", otherPhone, null)), null);
        String u2Value = "apart-u2-" + UUID.randomUUID();
        JsonNode u2 = identify(List.of(identity("wechat_unionid", u2Value, null), identity("phone", otherPhone, null)), null);
        long conflictId = u2.path("conflictId").asLong();
        assertThat(operator.post("/api/v1/identity-conflicts/" + conflictId + ":dismiss", null).status()).isEqualTo(200);
        JsonNode later = identify(List.of(identity("wechat_unionid", u2Value, null), identity("phone", otherPhone, null)),
                null);
        assertThat(later.path("conflictId").isNull() || later.path("conflictId").isMissingNode()).as(later.toString()).isTrue();
        assertThat(later.path("customerId").asString()).isEqualTo(u2.path("customerId").asString());
        assertThat(later.path("ignored").toString()).contains("conflict " + conflictId + " was dismissed");
        assertThat(jdbc.sql("SELECT count(*) FROM identity_conflict WHERE status = 'OPEN' AND customer_ids @> ?::uuid[]")
                .param(new UUID[] {UUID.fromString(u1.path("customerId").asString()),
                        UUID.fromString(u2.path("customerId").asString())})
                .query(Long.class).single()).isZero();
    }

    @Test
    void junkIdentitiesNeverLinkPeople() {
        JsonNode a = identify(List.of(identity("platform_buyer_id", "junk-a-" + UUID.randomUUID(), shopA),
                identity("phone", "13800000000", null), identity("email", "test@example.com", null)), null);
        JsonNode b = identify(List.of(identity("platform_buyer_id", "junk-b-" + UUID.randomUUID(), shopA),
                identity("phone", "13800000000", null), identity("email", "null", null)), null);
        assertThat(b.path("customerId").asString()).isNotEqualTo(a.path("customerId").asString());
        assertThat(a.path("ignored").size()).isEqualTo(2);
        assertThat(b.path("ignored").get(0).path("reason").asString()).isNotBlank();

        ApiClient.Response onlyJunk = operator.post("/api/v1/customers:identify",
                record(List.of(identity("phone", "-", null)), null));
        assertThat(onlyJunk.status()).isEqualTo(400);
        assertThat(onlyJunk.problemSlug()).isEqualTo("validation");
    }

    @Test
    void aPhoneSharedByTooManyPeopleIsFlaggedAndStopsLinking() {
        String storePhone = phone();
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            customers.add(identify(List.of(identity("platform_buyer_id", "shared-" + i + "-" + storePhone, shopA),
                    identity("phone", storePhone, null)), null).path("customerId").asString());
        }
        // five people may share a phone (a family); the sixth account makes it a shared number
        assertThat(customers.subList(0, 5)).containsOnly(customers.get(0));
        assertThat(customers.get(5)).isNotEqualTo(customers.get(0));
        assertThat(customers.get(6)).isNotEqualTo(customers.get(0)).isNotEqualTo(customers.get(5));
        JsonNode sixth = operator.get("/api/v1/customers/" + customers.get(5)).json();
        boolean flaggedPhone = false;
        for (JsonNode i : sixth.path("identities")) {
            if (i.path("type").asString().equals("phone")) {
                flaggedPhone = i.path("flagged").asBoolean();
            }
        }
        assertThat(flaggedPhone).isTrue();
    }

    @Test
    void personalDataIsMaskedWithoutThePiiPermissionAndAuditedWithIt() {
        String phone = phone();
        String id = identify(List.of(identity("phone", phone, null), identity("email", "Zhang.San@QQ.com", null)),
                Map.of("realName", "张三丰")).path("customerId").asString();

        JsonNode masked = signedIn("ANALYST").get("/api/v1/customers/" + id).json();
        assertThat(masked.path("piiVisible").asBoolean()).isFalse();
        assertThat(masked.toString()).doesNotContain(phone).doesNotContain("zhang.san@qq.com").doesNotContain("张三丰")
                .contains(phone.substring(0, 3) + "****" + phone.substring(7)).contains("z***@qq.com").contains("张**");

        ApiClient agent = signedIn("AGENT");
        JsonNode clear = agent.get("/api/v1/customers/" + id).json();
        assertThat(clear.path("piiVisible").asBoolean()).isTrue();
        assertThat(clear.toString()).contains("+86" + phone).contains("zhang.san@qq.com").contains("张三丰");
        assertThat(jdbc.sql("SELECT count(*) FROM iam_audit_event WHERE action = 'PII_READ' AND target_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1);

        // stored encrypted: the clear phone is nowhere in the table
        assertThat(jdbc.sql("SELECT count(*) FROM customer_identity WHERE value_plain LIKE ? OR value_masked LIKE ?")
                .params("%" + phone.substring(3) + "%", "%" + phone.substring(3) + "%").query(Long.class).single()).isZero();
    }

    @Test
    void customersAreFoundByExactPhoneEmailPlatformIdOrNamePrefix() {
        String phone = phone();
        String buyer = "nick-" + UUID.randomUUID();
        String id = identify(List.of(identity("phone", phone, null), identity("platform_buyer_id", buyer, shopB),
                identity("email", "finder-" + phone + "@163.com", null)), Map.of("displayName", "Finder " + phone)).path("customerId").asString();
        assertThat(ids(operator.get("/api/v1/customers?q=" + phone).json())).containsExactly(id);
        assertThat(ids(operator.get("/api/v1/customers?q=%2B86" + phone).json())).containsExactly(id);
        assertThat(ids(operator.get("/api/v1/customers?q=FINDER-" + phone + "@163.com").json())).containsExactly(id);
        assertThat(ids(operator.get("/api/v1/customers?q=" + buyer).json())).containsExactly(id);
        assertThat(ids(operator.get("/api/v1/customers?q=finder%20" + phone).json())).containsExactly(id);
        JsonNode byShop = operator.get("/api/v1/customers?shopId=" + shopB + "&limit=1").json();
        assertThat(byShop.path("total").asLong()).isEqualTo(1);
        assertThat(operator.get("/api/v1/customers?q=" + phone).json().path("items").get(0).path("phone").asString())
                .contains("****");
    }

    @Test
    void aBatchReportsEachRecordAndKeepsTheGoodOnes() {
        List<Object> batch = new ArrayList<>();
        batch.add(record(List.of(identity("phone", phone(), null)), null));
        batch.add(record(List.of(identity("no_such_type", "x", null)), null));
        batch.add(Map.of("identities", "not-a-list"));
        batch.add(record(List.of(identity("platform_buyer_id", "needs-a-shop", null)), null));
        ApiClient.Response response = operator.post("/api/v1/customers:identify", batch);
        assertThat(response.status()).isEqualTo(200);
        JsonNode json = response.json();
        assertThat(json.path("accepted").asInt()).isEqualTo(1);
        assertThat(json.path("rejected").asInt()).isEqualTo(3);
        assertThat(json.path("results").get(0).path("customerId").asString()).isNotBlank();
        assertThat(json.path("results").get(1).path("error").path("detail").asString()).contains("unknown identity type");
        assertThat(json.path("results").get(3).path("error").path("detail").asString()).contains("shopId");
        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(record(List.of(identity("device_id", "d" + i, null)), null));
        }
        assertThat(operator.post("/api/v1/customers:identify", tooMany).status()).isEqualTo(400);
    }

    @Test
    void aMerchantAddsItsOwnIdentityTypeAndItLinksRecords() {
        String code = "card_" + UUID.randomUUID().toString().substring(0, 8);
        ApiClient admin = signedIn("ADMIN");
        ApiClient.Response created = admin.post("/api/v1/identity-types", Map.of("code", code, "displayName", "线下会员卡",
                "priority", 15, "maxPerCustomer", 1, "shopScoped", false));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("pii").asBoolean()).isFalse();
        assertThat(admin.post("/api/v1/identity-types", Map.of("code", code, "displayName", "again", "priority", 15,
                "shopScoped", false)).status()).isEqualTo(409);
        ApiClient.Response bad = admin.post("/api/v1/identity-types", Map.of("code", "Bad Code", "displayName", "",
                "priority", 0, "maxPerCustomer", 0));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").size()).isEqualTo(5);
        assertThat(operator.post("/api/v1/identity-types", Map.of("code", "x_" + code, "displayName", "x", "priority", 5,
                "shopScoped", false)).status()).isEqualTo(403);

        String phone = phone();
        JsonNode a = identify(List.of(identity(code, "CARD-001-" + phone, null)), null);
        JsonNode b = identify(List.of(identity(code, "CARD-001-" + phone, null), identity("phone", phone, null)), null);
        assertThat(b.path("customerId").asString()).isEqualTo(a.path("customerId").asString());
    }

    private static List<String> types(JsonNode view) {
        List<String> types = new ArrayList<>();
        view.path("identities").forEach(i -> types.add(i.path("type").asString()));
        return types;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(i -> ids.add(i.path("id").asString()));
        return ids;
    }
}
