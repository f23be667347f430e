package io.liuliang.customer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.ConsoleProblemTexts;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every refusal of a new identity type ({@code POST /api/v1/identity-types}) names each problem by a stable code
 * ({@code identity_type.<name>}) with the values of its wording, next to the English message and detail API users
 * read; the console words every code in both of its languages.
 */
class IdentityTypeProblemIntegrationTests extends IntegrationTest {

    private static final String TYPES = "/api/v1/identity-types";
    private static final String TAKEN = "member_number";
    private static final String CODE_RULE = "2 to 40 lower-case letters, digits or '_', starting with a letter";
    private static final String NAME_RULE = "must be 1 to 100 characters";
    private static final String PRIORITY_RULE = "must be between 1 (strongest) and 1000";
    private static final String LIMIT_RULE = "must be between 1 and 1000, or empty for no limit";
    private static final int VALID_PRIORITY = 15;

    private static IdentityTypeRegistry.NewType type(String code, String name, Number priority, Number limit,
                                                     Boolean shopScoped) {
        return new IdentityTypeRegistry.NewType(code, name, priority == null ? null : priority.longValue(),
                limit == null ? null : limit.longValue(), shopScoped);
    }

    private static String freshCode() {
        return "card_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** Requests that, together, make the server report each problem of a new type. */
    private static List<IdentityTypeRegistry.NewType> refused() {
        String tooLongCode = "c".repeat(IdentityTypeRegistry.CODE_MAX + 1);
        return List.of(
                type(null, null, null, null, null),
                type("", "   ", null, null, false),
                type("Bad Code", "x".repeat(IdentityTypeRegistry.NAME_MAX + 1), IdentityTypeRegistry.PRIORITY_MIN - 1,
                        IdentityTypeRegistry.LIMIT_MIN - 1, false),
                type(tooLongCode, "卡号", IdentityTypeRegistry.PRIORITY_MAX + 1, null, true),
                type(TAKEN, "会员号", VALID_PRIORITY, null, false));
    }

    /** Each field error of a refusal as {@code field code}, with its message and values. */
    private static Map<String, JsonNode> errorsByFieldAndCode(JsonNode problem) {
        Map<String, JsonNode> byField = new TreeMap<>();
        for (JsonNode e : problem.path("errors")) {
            byField.put(e.path("field").asString() + " " + e.path("code").asString(), e);
        }
        return byField;
    }

    private static Map<String, String> params(JsonNode error) {
        Map<String, String> values = new TreeMap<>();
        error.path("params").properties().forEach(p -> values.put(p.getKey(), p.getValue().asString()));
        return values;
    }

    /** The field error of this field and code has exactly this English message and these values. */
    private static void assertError(Map<String, JsonNode> errors, String fieldAndCode, String message,
                                    Map<String, String> values) {
        JsonNode error = errors.get(fieldAndCode);
        assertThat(error).as("%s among %s", fieldAndCode, errors.keySet()).isNotNull();
        assertThat(error.path("message").asString()).as(fieldAndCode).isEqualTo(message);
        assertThat(params(error)).as(fieldAndCode).isEqualTo(values);
    }

    @Test
    void everyProblemOfANewTypeComesThroughTheApiWithItsCodeAndTheValuesOfItsWording() {
        ApiClient admin = signedIn("ADMIN");
        Map<String, IdentityTypeProblem> byCode = new HashMap<>();
        for (IdentityTypeProblem p : IdentityTypeProblem.values()) {
            byCode.put(p.code(), p);
        }
        Set<IdentityTypeProblem> seen = EnumSet.noneOf(IdentityTypeProblem.class);
        List<String> all = new ArrayList<>();
        for (IdentityTypeRegistry.NewType request : refused()) {
            ApiClient.Response r = admin.post(TYPES, request);
            assertThat(r.status()).as(r.body()).isIn(400, 409);
            assertThat(r.json().path("detail").asString()).as(r.body()).isNotBlank();
            JsonNode errors = r.json().path("errors");
            assertThat(errors.size()).as(r.body()).isPositive();
            for (JsonNode e : errors) {
                all.add(e.toString());
                assertThat(e.path("message").asString()).as(e.toString()).isNotBlank();
                IdentityTypeProblem p = byCode.get(e.path("code").asString());
                assertThat(p).as("the code of %s", e).isNotNull();
                assertThat(params(e).keySet()).as(e.toString()).containsExactlyInAnyOrderElementsOf(p.params());
                assertThat(r.status()).as(e.toString()).isEqualTo(p == IdentityTypeProblem.CODE_TAKEN ? 409 : 400);
                seen.add(p);
            }
        }
        assertThat(seen).as(String.join("\n", all)).containsExactlyInAnyOrderElementsOf(EnumSet.allOf(IdentityTypeProblem.class));
    }

    @Test
    void theMessagesAndDetailStayInEnglishAndTheValuesAreThoseOfTheMessage() {
        ApiClient admin = signedIn("ADMIN");

        ApiClient.Response missing = admin.post(TYPES, type(null, null, null, null, null));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.problemSlug()).isEqualTo("validation");
        assertThat(missing.json().path("detail").asString()).isEqualTo("code: " + CODE_RULE + "; displayName: " + NAME_RULE
                + "; priority: " + PRIORITY_RULE + "; shopScoped: is required");
        assertThat(errorsByFieldAndCode(missing.json())).containsOnlyKeys("code identity_type.required",
                "displayName identity_type.required", "priority identity_type.required", "shopScoped identity_type.required");
        assertThat(errorsByFieldAndCode(missing.json()).get("code identity_type.required").has("params")).isFalse();

        ApiClient.Response bad = admin.post(TYPES, type("Bad Code", "x".repeat(IdentityTypeRegistry.NAME_MAX + 1),
                IdentityTypeRegistry.PRIORITY_MIN - 1, IdentityTypeRegistry.LIMIT_MIN - 1, false));
        assertThat(bad.status()).isEqualTo(400);
        Map<String, JsonNode> errors = errorsByFieldAndCode(bad.json());
        assertThat(errors).containsOnlyKeys("code identity_type.codeFormat", "displayName identity_type.nameTooLong",
                "priority identity_type.priorityRange", "maxPerCustomer identity_type.limitRange");
        assertError(errors, "code identity_type.codeFormat", CODE_RULE, Map.of("min", "2", "max", "40"));
        assertError(errors, "displayName identity_type.nameTooLong", NAME_RULE, Map.of("max", "100"));
        assertError(errors, "priority identity_type.priorityRange", PRIORITY_RULE, Map.of("min", "1", "max", "1000"));
        assertError(errors, "maxPerCustomer identity_type.limitRange", LIMIT_RULE, Map.of("min", "1", "max", "1000"));

        // numbers beyond an int are out of range at their fields, not an unreadable request
        ApiClient.Response huge = admin.post(TYPES, type("huge_numbers", "很大的数", 3_000_000_000L, 3_000_000_000L, false));
        assertThat(huge.status()).as(huge.body()).isEqualTo(400);
        Map<String, JsonNode> hugeErrors = errorsByFieldAndCode(huge.json());
        assertThat(hugeErrors).containsOnlyKeys("priority identity_type.priorityRange", "maxPerCustomer identity_type.limitRange");
        assertError(hugeErrors, "maxPerCustomer identity_type.limitRange", LIMIT_RULE, Map.of("min", "1", "max", "1000"));

        ApiClient.Response taken = admin.post(TYPES, type(TAKEN, "会员号", VALID_PRIORITY, null, false));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.problemSlug()).isEqualTo("conflict");
        assertThat(taken.json().path("detail").asString()).isEqualTo("the identity type member_number exists");
        assertError(errorsByFieldAndCode(taken.json()), "code identity_type.codeTaken",
                "the identity type member_number exists", Map.of("code", TAKEN));
    }

    @Test
    void theBoundsThemselvesAreAcceptedAndTheNameIsStoredStripped() {
        ApiClient admin = signedIn("ADMIN");
        String name = "名".repeat(IdentityTypeRegistry.NAME_MAX);
        String code = freshCode();
        ApiClient.Response created = admin.post(TYPES, type(code, "  " + name + " ", IdentityTypeRegistry.PRIORITY_MAX,
                IdentityTypeRegistry.LIMIT_MIN, true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("displayName").asString()).isEqualTo(name);
        assertThat(created.json().path("priority").asInt()).isEqualTo(IdentityTypeRegistry.PRIORITY_MAX);
        assertThat(created.json().path("maxPerCustomer").asInt()).isEqualTo(IdentityTypeRegistry.LIMIT_MIN);
    }

    @Test
    void ofTwoTypesAddedAtOnceUnderOneCodeOneIsAddedAndTheOtherToldTheCodeIsTaken() throws Exception {
        ApiClient first = signedIn("ADMIN");
        ApiClient second = signedIn("ADMIN");
        String code = freshCode();
        Callable<ApiClient.Response> add1 = () -> first.post(TYPES, type(code, "一", VALID_PRIORITY, null, false));
        Callable<ApiClient.Response> add2 = () -> second.post(TYPES, type(code, "二", VALID_PRIORITY, null, false));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<ApiClient.Response> r1 = pool.submit(add1);
            Future<ApiClient.Response> r2 = pool.submit(add2);
            List<ApiClient.Response> answers = List.of(r1.get(), r2.get());
            assertThat(answers).extracting(ApiClient.Response::status).containsExactlyInAnyOrder(201, 409);
            ApiClient.Response refused = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
            assertThat(errorsByFieldAndCode(refused.json())).as(refused.body()).containsOnlyKeys("code identity_type.codeTaken");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theConsoleWordsEveryProblemInBothLanguagesWithItsValues() {
        ConsoleProblemTexts.assertWorded(IdentityTypeProblem.PREFIX, List.of("oneid.en.ts", "oneid.zh-CN.ts"),
                IdentityTypeProblem.values());
    }
}
