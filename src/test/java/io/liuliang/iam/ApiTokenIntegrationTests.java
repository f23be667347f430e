package io.liuliang.iam;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiTokenIntegrationTests extends IntegrationTest {

    @Test
    void aTokenIsShownOnceStoredHashedAndWorksWithoutCookiesOrCsrf() {
        ApiClient admin = signedIn("ADMIN");
        ApiClient.Response created = admin.post("/api/v1/tokens",
                Map.of("name", "ERP sync", "expiresInDays", 30, "permissions", List.of("user.read", "job.read")));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().path("secret").asString();
        assertThat(secret).startsWith("llt_").hasSizeGreaterThan(40);
        UUID id = UUID.fromString(created.json().path("token").path("id").asString());

        // stored as a hash, never in clear; listed without the secret
        Long clear = jdbc.sql("SELECT count(*) FROM iam_api_token WHERE encode(secret_hash, 'escape') LIKE ?")
                .param("%" + secret + "%").query(Long.class).single();
        assertThat(clear).isZero();
        assertThat(admin.get("/api/v1/tokens").body()).contains("ERP sync").doesNotContain(secret);

        ApiClient integrator = ApiClient.withToken(port, secret);
        assertThat(integrator.get("/api/v1/users").status()).isEqualTo(200);
        // the token carries only what was chosen, even though its creator holds more
        assertThat(integrator.get("/api/v1/audit-events").status()).isEqualTo(403);
        JsonNode me = integrator.get("/api/v1/auth/me").json();
        assertThat(me.path("permissions").toString()).isEqualTo("[\"job.read\",\"user.read\"]");

        assertThat(admin.delete("/api/v1/tokens/" + id).status()).isEqualTo(204);
        ApiClient.Response revoked = integrator.get("/api/v1/users");
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.problemSlug()).isEqualTo("unauthenticated");
        assertThat(jdbc.sql("SELECT count(*) FROM iam_audit_event WHERE target_id = ? AND action IN ('TOKEN_CREATED','TOKEN_REVOKED')")
                .param(id.toString()).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aTokenCannotCarryPermissionsItsCreatorDoesNotHold() {
        ApiClient analyst = signedIn("ANALYST");
        ApiClient.Response response = analyst.post("/api/v1/tokens",
                Map.of("name", "too much", "expiresInDays", 30, "permissions", List.of("segment.read", "user.manage")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("permissions[1]");

        ApiClient.Response badExpiry = analyst.post("/api/v1/tokens",
                Map.of("name", "forever", "expiresInDays", 5000, "permissions", List.of("segment.read")));
        assertThat(badExpiry.status()).isEqualTo(400);
        assertThat(badExpiry.json().path("errors").get(0).path("field").asString()).isEqualTo("expiresInDays");
    }

    @Test
    void aTokenLosesWhatItsUserLoses() {
        String name = uniqueName("integrator");
        UUID userId = createUser(name, List.of("ADMIN"), false);
        ApiClient user = anonymous();
        user.login(name, PASSWORD);
        String secret = user.post("/api/v1/tokens", Map.of("name", "ops", "expiresInDays", 7,
                "permissions", List.of("user.read", "job.read"))).json().path("secret").asString();
        ApiClient integrator = ApiClient.withToken(port, secret);
        assertThat(integrator.get("/api/v1/users").status()).isEqualTo(200);

        jdbc.sql("UPDATE iam_user SET roles = '{ANALYST}' WHERE id = ?").param(userId).update();
        assertThat(integrator.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(integrator.get("/api/v1/jobs").status()).isEqualTo(200);

        jdbc.sql("UPDATE iam_user SET enabled = false WHERE id = ?").param(userId).update();
        assertThat(integrator.get("/api/v1/jobs").status()).isEqualTo(401);
    }

    @Test
    void expiredAndUnknownTokensAreRefused() {
        ApiClient admin = signedIn("ADMIN");
        ApiClient.Response created = admin.post("/api/v1/tokens",
                Map.of("name", "short-lived", "expiresInDays", 1, "permissions", List.of("job.read")));
        String secret = created.json().path("secret").asString();
        jdbc.sql("UPDATE iam_api_token SET expires_at = now() - interval '1 second' WHERE id = ?::uuid")
                .param(created.json().path("token").path("id").asString()).update();
        assertThat(ApiClient.withToken(port, secret).get("/api/v1/jobs").status()).isEqualTo(401);
        assertThat(ApiClient.withToken(port, "llt_made-up").get("/api/v1/jobs").status()).isEqualTo(401);
        assertThat(ApiClient.withToken(port, "not-even-a-token").get("/api/v1/jobs").status()).isEqualTo(401);
    }
}
