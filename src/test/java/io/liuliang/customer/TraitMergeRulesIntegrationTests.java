package io.liuliang.customer;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trait merge strategies declared by the merchant ({@code /api/v1/trait-merge-rules}): shown with their defaults,
 * changed only with {@code settings.manage}, validated field by field, audited, and followed when a new record of a
 * known customer arrives and when two customers merge. Every test puts the defaults back.
 */
class TraitMergeRulesIntegrationTests extends IntegrationTest {

    private static final Instant EARLIER = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant LATER = Instant.parse("2026-06-18T20:00:00Z");

    private static String phone() {
        return String.format("137%08d", (long) (Math.random() * 100_000_000L));
    }

    private static JsonNode identify(ApiClient api, List<Map<String, Object>> identities, Map<String, Object> traits,
                                     Instant seenAt) {
        Map<String, Object> body = new HashMap<>();
        body.put("identities", identities);
        body.put("traits", traits);
        body.put("seenAt", seenAt.toString());
        ApiClient.Response r = api.post("/api/v1/customers:identify", body);
        assertThat(r.status()).as(r.body()).isIn(200, 201);
        return r.json();
    }

    private static Map<String, Object> id(String type, String value) {
        return Map.of("type", type, "value", value);
    }

    private static String strategy(JsonNode rules, String field) {
        for (JsonNode r : rules.path("rules")) {
            if (r.path("field").asString().equals(field)) {
                return r.path("strategy").asString();
            }
        }
        throw new AssertionError("no rule for " + field + " in " + rules);
    }

    private static void restoreDefaults(ApiClient admin) {
        ApiClient.Response r = admin.put("/api/v1/trait-merge-rules", Map.of("rules", List.of(
                Map.of("field", "displayName", "strategy", "latest_non_empty"),
                Map.of("field", "gender", "strategy", "latest_non_empty"),
                Map.of("field", "birthday", "strategy", "oldest_non_empty"),
                Map.of("field", "region", "strategy", "latest_non_empty"),
                Map.of("field", "realName", "strategy", "latest_non_empty"))));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    @Test
    void theRulesAreShownWithTheirDefaultsValidatedAndChangedOnlyByWhoManagesSettings() {
        ApiClient admin = signedIn("ADMIN");
        ApiClient operator = signedIn("OPERATOR");
        JsonNode rules = operator.get("/api/v1/trait-merge-rules").json();
        assertThat(rules.path("rules").size()).isEqualTo(5);
        assertThat(rules.path("strategies").toString()).contains("latest_non_empty", "oldest_non_empty", "keep_existing");
        for (JsonNode r : rules.path("rules")) {
            assertThat(r.path("strategy").asString()).as(r.toString()).isEqualTo(r.path("defaultStrategy").asString());
        }
        assertThat(strategy(rules, "birthday")).isEqualTo("oldest_non_empty");
        assertThat(strategy(rules, "displayName")).isEqualTo("latest_non_empty");

        assertThat(operator.put("/api/v1/trait-merge-rules", Map.of("rules", List.of(
                Map.of("field", "displayName", "strategy", "keep_existing")))).status()).isEqualTo(403);

        ApiClient.Response bad = admin.put("/api/v1/trait-merge-rules", Map.of("rules", List.of(
                Map.of("field", "nickname", "strategy", "latest_non_empty"),
                Map.of("field", "gender", "strategy", "random"),
                Map.of("field", "gender", "strategy", "keep_existing"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").toString())
                .contains("rules[0].field", "rules[1].strategy", "rules[2].field", "given twice");
        assertThat(bad.json().path("errors").size()).isEqualTo(3);
        assertThat(admin.put("/api/v1/trait-merge-rules", Map.of("rules", List.of())).status()).isEqualTo(400);
        // nothing of a refused change was kept
        assertThat(strategy(operator.get("/api/v1/trait-merge-rules").json(), "gender")).isEqualTo("latest_non_empty");

        try {
            ApiClient.Response changed = admin.put("/api/v1/trait-merge-rules", Map.of("rules", List.of(
                    Map.of("field", "gender", "strategy", "keep_existing"))));
            assertThat(changed.status()).as(changed.body()).isEqualTo(200);
            assertThat(strategy(changed.json(), "gender")).isEqualTo("keep_existing");
            assertThat(strategy(changed.json(), "displayName")).isEqualTo("latest_non_empty");
            JsonNode audit = admin.get("/api/v1/audit-events?action=SETTINGS_CHANGED&limit=20").json();
            assertThat(audit.toString()).contains("gender: latest_non_empty → keep_existing");
        } finally {
            restoreDefaults(admin);
        }
    }

    @Test
    void aDeclaredStrategyDecidesWhichRecordsTraitsAKnownCustomerKeeps() {
        ApiClient admin = signedIn("ADMIN");
        String phone = phone();
        try {
            assertThat(admin.put("/api/v1/trait-merge-rules", Map.of("rules", List.of(
                    Map.of("field", "displayName", "strategy", "keep_existing"),
                    Map.of("field", "region", "strategy", "oldest_non_empty")))).status()).isEqualTo(200);
            JsonNode first = identify(admin, List.of(id("phone", phone)), Map.of("displayName", "周杰", "province", "浙江",
                    "city", "杭州", "gender", "male", "birthday", "1990-05-01"), EARLIER);
            JsonNode second = identify(admin, List.of(id("phone", phone)), Map.of("displayName", "周杰伦", "province", "江苏",
                    "city", "南京", "gender", "female", "birthday", "1991-02-02"), LATER);
            assertThat(second.path("customerId").asString()).isEqualTo(first.path("customerId").asString());
            JsonNode view = admin.get("/api/v1/customers/" + first.path("customerId").asString()).json();
            assertThat(view.path("displayName").asString()).isEqualTo("周杰");         // keep_existing (declared)
            assertThat(view.path("province").asString()).isEqualTo("浙江");           // oldest_non_empty (declared)
            assertThat(view.path("city").asString()).isEqualTo("杭州");               // the region moves as a whole
            assertThat(view.path("gender").asString()).isEqualTo("female");          // latest_non_empty (default)
            assertThat(view.path("birthday").asString()).isEqualTo("1990-05-01");    // oldest_non_empty (default)
        } finally {
            restoreDefaults(admin);
        }
        // with the defaults back, a later record's name wins again
        String customer = identify(admin, List.of(id("phone", phone)), Map.of("displayName", "Jay Chou"),
                LATER.plusSeconds(60)).path("customerId").asString();
        assertThat(admin.get("/api/v1/customers/" + customer).json().path("displayName").asString()).isEqualTo("Jay Chou");
    }

    @Test
    void aMergeFoldsTheTwoCustomersTraitsByTheDeclaredStrategies() {
        ApiClient admin = signedIn("ADMIN");
        String phone = phone();
        String email = "merge-" + UUID.randomUUID().toString().substring(0, 8) + "@example.cn";
        try {
            assertThat(admin.put("/api/v1/trait-merge-rules", Map.of("rules", List.of(
                    Map.of("field", "displayName", "strategy", "keep_existing")))).status()).isEqualTo(200);
            String older = identify(admin, List.of(id("phone", phone)), Map.of("displayName", "王五", "city", "成都"), EARLIER)
                    .path("customerId").asString();
            String newer = identify(admin, List.of(id("email", email)), Map.of("displayName", "王小五", "city", "重庆"), LATER)
                    .path("customerId").asString();
            assertThat(newer).isNotEqualTo(older);
            JsonNode both = identify(admin, List.of(id("phone", phone), id("email", email)), Map.of(), LATER.plusSeconds(1));
            assertThat(both.path("customerId").asString()).isEqualTo(older);
            assertThat(both.path("merged").toString()).contains(newer);
            JsonNode view = admin.get("/api/v1/customers/" + older).json();
            assertThat(view.path("displayName").asString()).isEqualTo("王五");   // the survivor's, kept
            assertThat(view.path("city").asString()).isEqualTo("重庆");          // region: latest_non_empty (default)
        } finally {
            restoreDefaults(admin);
        }
    }
}
