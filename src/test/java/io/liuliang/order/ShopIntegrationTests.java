package io.liuliang.order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ShopIntegrationTests extends IntegrationTest {

    private static Map<String, Object> shop(String platform, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("platform", platform);
        body.put("name", name);
        return body;
    }

    @Test
    void anOperatorCreatesAShopWithDefaultsAndEveryoneSignedInCanListIt() {
        ApiClient operator = signedIn("OPERATOR");
        String name = uniqueName("天猫旗舰店");
        ApiClient.Response created = operator.post("/api/v1/shops", shop("tmall", name));
        assertThat(created.status()).isEqualTo(201);
        JsonNode json = created.json();
        assertThat(json.path("platform").asString()).isEqualTo("tmall");
        assertThat(json.path("timezone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(json.path("currency").asString()).isEqualTo("CNY");

        ApiClient agent = signedIn("AGENT");
        assertThat(agent.get("/api/v1/shops").body()).contains(name);
        assertThat(agent.get("/api/v1/shops/" + json.path("id").asString()).json().path("name").asString()).isEqualTo(name);
        assertThat(agent.post("/api/v1/shops", shop("jd", uniqueName("京东"))).status()).isEqualTo(403);
    }

    @Test
    void aShopIsEditedAndArchived() {
        ApiClient operator = signedIn("OPERATOR");
        String id = operator.post("/api/v1/shops", shop("shopify", uniqueName("UK store"))).json().path("id").asString();
        Map<String, Object> change = shop("shopify", uniqueName("UK store renamed"));
        change.put("timezone", "Europe/London");
        change.put("currency", "gbp");
        change.put("platformShopId", uniqueName("uk") + ".myshopify.com");
        change.put("archived", true);
        JsonNode updated = operator.put("/api/v1/shops/" + id, change).json();
        assertThat(updated.path("timezone").asString()).isEqualTo("Europe/London");
        assertThat(updated.path("currency").asString()).isEqualTo("GBP");
        assertThat(updated.path("archived").asBoolean()).isTrue();
    }

    @Test
    void invalidShopsAreRejectedFieldByField() {
        ApiClient operator = signedIn("OPERATOR");
        Map<String, Object> bad = shop("myspace", "");
        bad.put("timezone", "Mars/Olympus");
        bad.put("currency", "RMBX");
        ApiClient.Response response = operator.post("/api/v1/shops", bad);
        assertThat(response.status()).isEqualTo(400);
        List<String> fields = new java.util.ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("platform", "name", "timezone", "currency");
    }

    @Test
    void shopNamesAndPlatformIdsAreUnique() {
        ApiClient operator = signedIn("OPERATOR");
        String name = uniqueName("抖店");
        Map<String, Object> first = shop("douyin", name);
        first.put("platformShopId", name + "-pid");
        assertThat(operator.post("/api/v1/shops", first).status()).isEqualTo(201);
        ApiClient.Response sameName = operator.post("/api/v1/shops", shop("douyin", name.toUpperCase()));
        assertThat(sameName.status()).isEqualTo(409);
        assertThat(sameName.json().path("errors").get(0).path("field").asString()).isEqualTo("name");
        Map<String, Object> samePid = shop("douyin", uniqueName("other"));
        samePid.put("platformShopId", name + "-pid");
        ApiClient.Response conflict = operator.post("/api/v1/shops", samePid);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().path("errors").get(0).path("field").asString()).isEqualTo("platformShopId");
    }

    @Test
    void unknownShopsAreNotFound() {
        ApiClient operator = signedIn("OPERATOR");
        assertThat(operator.get("/api/v1/shops/00000000-0000-0000-0000-000000000001").status()).isEqualTo(404);
        assertThat(operator.put("/api/v1/shops/00000000-0000-0000-0000-000000000001", shop("jd", "x")).status())
                .isEqualTo(404);
    }
}
