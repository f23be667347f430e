package io.liuliang.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class AuthIntegrationTests extends IntegrationTest {

    @Test
    void meIsUnauthenticatedWithoutASessionAndSetsTheCsrfCookie() {
        ApiClient client = anonymous();
        ApiClient.Response me = client.get("/api/v1/auth/me");
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.contentType()).startsWith("application/problem+json");
        assertThat(me.problemSlug()).isEqualTo("unauthenticated");
        assertThat(client.csrfCookie()).isPresent();
    }

    @Test
    void loginReturnsTheUserWithPermissionsAndStartsASession() {
        String name = uniqueName("analyst");
        createUser(name, List.of("ANALYST"), false);
        ApiClient client = anonymous();
        ApiClient.Response login = client.login(name, PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("username").asString()).isEqualTo(name);
        assertThat(login.json().path("roles").toString()).contains("ANALYST");
        assertThat(login.json().path("permissions").toString()).contains("analytics.read").doesNotContain("user.manage");
        assertThat(client.get("/api/v1/auth/me").status()).isEqualTo(200);
        // the session sees only what the role allows
        ApiClient.Response users = client.get("/api/v1/users");
        assertThat(users.status()).isEqualTo(403);
        assertThat(users.problemSlug()).isEqualTo("forbidden");
        assertThat(client.post("/api/v1/auth/logout", null).status()).isEqualTo(204);
        assertThat(client.get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void loginWithoutTheCsrfHeaderIsRefused() {
        String name = uniqueName("agent");
        createUser(name, List.of("AGENT"), false);
        ApiClient client = anonymous().withoutCsrf();
        client.get("/api/v1/auth/me");
        ApiClient.Response login = client.login(name, PASSWORD);
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.problemSlug()).isEqualTo("csrf");
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        String name = uniqueName("sales");
        createUser(name, List.of("SALES"), false);
        ApiClient.Response wrong = anonymous().login(name, "not-the-password");
        ApiClient.Response unknown = anonymous().login(uniqueName("nobody"), "not-the-password");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(wrong.problemSlug()).isEqualTo("bad-credentials");
        assertThat(wrong.json().path("detail").asString()).isEqualTo(unknown.json().path("detail").asString());
    }

    @Test
    void fiveFailedLoginsLockTheAccountForFifteenMinutes() {
        String name = uniqueName("locked");
        UUID id = createUser(name, List.of("AGENT"), false);
        for (int i = 1; i <= 4; i++) {
            assertThat(anonymous().login(name, "wrong-" + i).status()).isEqualTo(401);
        }
        ApiClient.Response fifth = anonymous().login(name, "wrong-5");
        assertThat(fifth.status()).isEqualTo(423);
        assertThat(fifth.problemSlug()).isEqualTo("account-locked");
        Instant lockedUntil = Instant.parse(fifth.json().path("lockedUntil").asString());
        assertThat(lockedUntil).isBetween(Instant.now().plusSeconds(14 * 60), Instant.now().plusSeconds(15 * 60 + 5));
        // even the right password is refused while locked
        assertThat(anonymous().login(name, PASSWORD).status()).isEqualTo(423);
        assertThat(jdbc.sql("SELECT count(*) FROM iam_audit_event WHERE action = 'ACCOUNT_LOCKED' AND target_id = ?")
                .param(id.toString()).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM iam_audit_event WHERE action = 'LOGIN_FAILED' AND target_id = ?")
                .param(id.toString()).query(Long.class).single()).isEqualTo(6);

        // an administrator unlocks it
        ApiClient admin = signedIn("ADMIN");
        assertThat(admin.get("/api/v1/users/" + id).json().path("lockedUntil").isNull()).isFalse();
        assertThat(admin.post("/api/v1/users/" + id + "/unlock", null).status()).isEqualTo(204);
        assertThat(anonymous().login(name, PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aUserWhoMustChangeTheirPasswordCanDoNothingElseUntilTheyDo() {
        String name = uniqueName("newbie");
        createUser(name, List.of("OPERATOR"), true);
        ApiClient client = anonymous();
        ApiClient.Response login = client.login(name, PASSWORD);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("mustChangePassword").asBoolean()).isTrue();
        ApiClient.Response blocked = client.get("/api/v1/jobs");
        assertThat(blocked.status()).isEqualTo(403);
        assertThat(blocked.problemSlug()).isEqualTo("password-change-required");

        ApiClient.Response tooShort = client.post("/api/v1/auth/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "short"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("errors").get(0).path("field").asString()).isEqualTo("newPassword");
        ApiClient.Response wrongCurrent = client.post("/api/v1/auth/password",
                Map.of("currentPassword", "nope-nope-nope", "newPassword", "A-much-better-one-1"));
        assertThat(wrongCurrent.status()).isEqualTo(400);
        assertThat(wrongCurrent.json().path("errors").get(0).path("field").asString()).isEqualTo("currentPassword");

        assertThat(client.post("/api/v1/auth/password",
                Map.of("currentPassword", PASSWORD, "newPassword", "A-much-better-one-1")).status()).isEqualTo(204);
        assertThat(client.get("/api/v1/auth/me").json().path("mustChangePassword").asBoolean()).isFalse();
        assertThat(client.get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(anonymous().login(name, "A-much-better-one-1").status()).isEqualTo(200);
        assertThat(anonymous().login(name, PASSWORD).status()).isEqualTo(401);
    }

    @Test
    void disablingAUserEndsTheirSessionsAtOnce() {
        String name = uniqueName("leaver");
        UUID id = createUser(name, List.of("SALES"), false);
        ApiClient leaver = anonymous();
        assertThat(leaver.login(name, PASSWORD).status()).isEqualTo(200);
        ApiClient admin = signedIn("ADMIN");
        ApiClient.Response disabled = admin.put("/api/v1/users/" + id,
                Map.of("displayName", "Leaver", "roles", List.of("SALES"), "enabled", false));
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(leaver.get("/api/v1/auth/me").status()).isEqualTo(401);
        ApiClient.Response again = anonymous().login(name, PASSWORD);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.problemSlug()).isEqualTo("account-disabled");
    }

    @Test
    void aPasswordResetByAnAdministratorSignsTheUserOutEverywhere() {
        String name = uniqueName("forgetful");
        UUID id = createUser(name, List.of("AGENT"), false);
        ApiClient user = anonymous();
        assertThat(user.login(name, PASSWORD).status()).isEqualTo(200);
        ApiClient admin = signedIn("ADMIN");
        assertThat(admin.post("/api/v1/users/" + id + "/password",
                Map.of("newPassword", "Temporary-Pass-9", "mustChangePassword", true)).status()).isEqualTo(204);
        assertThat(user.get("/api/v1/auth/me").status()).isEqualTo(401);
        ApiClient fresh = anonymous();
        assertThat(fresh.login(name, "Temporary-Pass-9").json().path("mustChangePassword").asBoolean()).isTrue();
    }
}
