package io.liuliang.platform;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input of every kind gets a ProblemDetail with a 4xx status, never a 500. */
class ApiConventionsIntegrationTests extends IntegrationTest {

    private static void assertProblem(ApiClient.Response response, int status, String slug) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemSlug()).isEqualTo(slug);
        assertThat(response.json().path("detail").asString()).isNotBlank();
    }

    @Test
    void malformedJsonIsABadRequest() {
        ApiClient admin = signedIn("ADMIN");
        assertProblem(admin.postRaw("/api/v1/users", "{\"username\": "), 400, "malformed-request");
        assertProblem(admin.postRaw("/api/v1/users", "[1,2,3]"), 400, "malformed-request");
        assertProblem(admin.postRaw("/api/v1/users", ""), 400, "malformed-request");
        assertProblem(admin.postRaw("/api/v1/users", "{\"username\":\"abc\",\"roles\":\"ADMIN-not-a-list\"}"), 400,
                "malformed-request");
    }

    @Test
    void validationErrorsListEachField() {
        ApiClient admin = signedIn("ADMIN");
        ApiClient.Response response = admin.post("/api/v1/users", Map.of("username", "ok-name"));
        assertProblem(response, 400, "validation");
        assertThat(response.json().path("errors").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void unknownIdsAndPathsAreNotFound() {
        ApiClient admin = signedIn("ADMIN");
        assertProblem(admin.get("/api/v1/users/00000000-0000-0000-0000-000000000000"), 404, "not-found");
        assertProblem(admin.get("/api/v1/no-such-thing"), 404, "not-found");
    }

    @Test
    void wrongTypesMethodsAndMediaTypesAreClientErrors() {
        ApiClient admin = signedIn("ADMIN");
        assertProblem(admin.get("/api/v1/users/not-a-uuid"), 400, "validation");
        assertProblem(admin.get("/api/v1/users?limit=lots"), 400, "validation");
        assertProblem(admin.get("/api/v1/users?limit=100000"), 400, "validation");
        assertProblem(admin.delete("/api/v1/users"), 405, "method-not-allowed");
        ApiClient.Response xml = admin.send("PUT", "/api/v1/users/00000000-0000-0000-0000-000000000000", "<user/>");
        assertThat(xml.status()).isBetween(400, 499);
    }

    @Test
    void permissionDeniedAndUnauthenticatedAreProblems() {
        assertProblem(signedIn("AGENT").get("/api/v1/audit-events"), 403, "forbidden");
        assertProblem(anonymous().get("/api/v1/users"), 401, "unauthenticated");
    }

    @Test
    void theConsoleIsServedAtTheRootAndForDeepLinks() {
        ApiClient client = anonymous();
        ApiClient.Response root = client.get("/");
        assertThat(root.status()).isEqualTo(200);
        assertThat(root.contentType()).startsWith("text/html");
        ApiClient.Response deep = client.get("/users/some/deep/link");
        assertThat(deep.status()).isEqualTo(200);
        assertThat(deep.body()).isEqualTo(root.body());
        assertThat(client.get("/assets/missing-file.js").status()).isEqualTo(404);
    }

    @Test
    void healthMetricsAndOpenApiAreAvailable() {
        ApiClient client = anonymous();
        ApiClient.Response health = client.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");
        ApiClient.Response prometheus = client.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("hikaricp_connections").contains("jvm_memory_used_bytes");
        ApiClient.Response docs = client.get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/v1/auth/login")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/jobs/{id}:cancel")).isTrue();
        assertThat(client.get("/swagger-ui/index.html").status()).isEqualTo(200);
    }
}
