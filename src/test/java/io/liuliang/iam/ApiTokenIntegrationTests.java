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

    /** liuliang.security.token-cache-ttl (5 s), plus a second for the request itself on a busy machine. */
    private static final double TOKEN_CACHE_BOUND_SECONDS = 6;
    private static final long POLL_MILLIS = 100;

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
    void aTokenLosesWhatItsUserLosesAtOnceWhenChangedThroughThisInstance() {
        String name = uniqueName("integrator");
        UUID userId = createUser(name, List.of("ADMIN"), false);
        ApiClient user = anonymous();
        user.login(name, PASSWORD);
        String secret = user.post("/api/v1/tokens", Map.of("name", "ops", "expiresInDays", 7,
                "permissions", List.of("user.read", "job.read"))).json().path("secret").asString();
        ApiClient integrator = ApiClient.withToken(port, secret);
        assertThat(integrator.get("/api/v1/users").status()).isEqualTo(200);

        ApiClient admin = signedIn("ADMIN");
        assertThat(admin.put("/api/v1/users/" + userId, Map.of("displayName", "Ops", "roles", List.of("ANALYST"),
                "enabled", true)).status()).isEqualTo(200);
        assertThat(integrator.get("/api/v1/users").status()).isEqualTo(403);
        assertThat(integrator.get("/api/v1/jobs").status()).isEqualTo(200);

        assertThat(admin.put("/api/v1/users/" + userId, Map.of("displayName", "Ops", "roles", List.of("ANALYST"),
                "enabled", false)).status()).isEqualTo(200);
        assertThat(integrator.get("/api/v1/jobs").status()).isEqualTo(401);
    }

    @Test
    void changesMadeElsewhereTakeEffectWithinTheTokenCacheBound() {
        String name = uniqueName("integrator");
        UUID userId = createUser(name, List.of("ADMIN"), false);
        ApiClient user = anonymous();
        user.login(name, PASSWORD);
        JsonNode created = user.post("/api/v1/tokens", Map.of("name", "ops", "expiresInDays", 7,
                "permissions", List.of("user.read", "job.read"))).json();
        ApiClient integrator = ApiClient.withToken(port, created.path("secret").asString());
        assertThat(integrator.get("/api/v1/users").status()).isEqualTo(200);

        // another instance (here: the database directly) takes the role away, then disables the user, then revokes
        jdbc.sql("UPDATE iam_user SET roles = '{ANALYST}' WHERE id = ?").param(userId).update();
        assertThat(secondsUntil(integrator, "/api/v1/users", 403)).isLessThanOrEqualTo(TOKEN_CACHE_BOUND_SECONDS);
        assertThat(integrator.get("/api/v1/jobs").status()).isEqualTo(200);
        jdbc.sql("UPDATE iam_user SET enabled = false WHERE id = ?").param(userId).update();
        assertThat(secondsUntil(integrator, "/api/v1/jobs", 401)).isLessThanOrEqualTo(TOKEN_CACHE_BOUND_SECONDS);

        ApiClient admin = signedIn("ADMIN");
        JsonNode other = admin.post("/api/v1/tokens", Map.of("name", "erp", "expiresInDays", 7,
                "permissions", List.of("job.read"))).json();
        ApiClient erp = ApiClient.withToken(port, other.path("secret").asString());
        assertThat(erp.get("/api/v1/jobs").status()).isEqualTo(200);
        jdbc.sql("UPDATE iam_api_token SET revoked_at = now() WHERE id = ?::uuid")
                .param(other.path("token").path("id").asString()).update();
        assertThat(secondsUntil(erp, "/api/v1/jobs", 401)).isLessThanOrEqualTo(TOKEN_CACHE_BOUND_SECONDS);
    }

    @Test
    void bearerRequestsCreateNoSessionAndGetNoCookies() {
        ApiClient admin = signedIn("ADMIN");
        String secret = admin.post("/api/v1/tokens", Map.of("name", "no cookies", "expiresInDays", 1,
                "permissions", List.of("job.read"))).json().path("secret").asString();
        long sessionsBefore = jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single();
        ApiClient.Response response = ApiClient.withToken(port, secret).get("/api/v1/jobs");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.raw().headers().allValues("Set-Cookie")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM spring_session").query(Long.class).single()).isEqualTo(sessionsBefore);
    }

    /** Polls until the path answers {@code status}; the seconds it took (fails after twice the bound). */
    private static double secondsUntil(ApiClient client, String path, int status) {
        long start = System.nanoTime();
        while (client.get(path).status() != status) {
            double elapsed = (System.nanoTime() - start) / 1e9;
            assertThat(elapsed).as("%s still does not answer %d", path, status).isLessThan(2 * TOKEN_CACHE_BOUND_SECONDS);
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return (System.nanoTime() - start) / 1e9;
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
