package io.liuliang.iam;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class UserAdminIntegrationTests extends IntegrationTest {

    private static Map<String, Object> newUser(String username, List<String> roles) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("displayName", "张三 " + username);
        body.put("email", username + "@example.com");
        body.put("roles", roles);
        body.put("password", "Initial-Pass-77");
        body.put("mustChangePassword", true);
        return body;
    }

    @Test
    void anAdministratorCreatesAUserWhoCanSignInWithTheirRole() {
        ApiClient admin = signedIn("ADMIN");
        String name = uniqueName("operator");
        ApiClient.Response created = admin.post("/api/v1/users", newUser(name, List.of("OPERATOR")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("roles").toString()).isEqualTo("[\"OPERATOR\"]");
        assertThat(created.json().path("mustChangePassword").asBoolean()).isTrue();
        assertThat(created.json().has("passwordHash")).isFalse();

        ApiClient user = anonymous();
        ApiClient.Response login = user.login(name, "Initial-Pass-77");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().path("permissions").toString()).contains("segment.manage").doesNotContain("user.read");

        String hash = jdbc.sql("SELECT password_hash FROM iam_user WHERE username = ?").param(name).query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("Initial-Pass-77");
        assertThat(jdbc.sql("SELECT count(*) FROM iam_audit_event WHERE action = 'USER_CREATED' AND target_label = ?")
                .param(name).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void invalidUsersAreRejectedFieldByField() {
        ApiClient admin = signedIn("ADMIN");
        Map<String, Object> bad = newUser("x", List.of("WIZARD"));
        bad.put("email", "not-an-email");
        ApiClient.Response response = admin.post("/api/v1/users", bad);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemSlug()).isEqualTo("validation");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asString()));
        assertThat(fields).contains("username", "email");

        ApiClient.Response badRole = admin.post("/api/v1/users", newUser(uniqueName("ok"), List.of("WIZARD")));
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.json().path("errors").get(0).path("field").asString()).isEqualTo("roles[0]");

        Map<String, Object> weak = newUser(uniqueName("weak"), List.of("AGENT"));
        weak.put("password", "123");
        assertThat(admin.post("/api/v1/users", weak).json().path("errors").get(0).path("field").asString())
                .isEqualTo("password");
    }

    @Test
    void aTakenUserNameIsAConflict() {
        ApiClient admin = signedIn("ADMIN");
        String name = uniqueName("twin");
        assertThat(admin.post("/api/v1/users", newUser(name, List.of("AGENT"))).status()).isEqualTo(201);
        ApiClient.Response again = admin.post("/api/v1/users", newUser(name.toUpperCase(), List.of("AGENT")));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemSlug()).isEqualTo("conflict");
        assertThat(again.json().path("errors").get(0).path("field").asString()).isEqualTo("username");
    }

    @Test
    void roleChangesTakeEffectAtOnceAndAreAudited() {
        ApiClient admin = signedIn("ADMIN");
        String name = uniqueName("promoted");
        UUID id = createUser(name, List.of("AGENT"), false);
        ApiClient user = anonymous();
        user.login(name, PASSWORD);
        assertThat(user.get("/api/v1/jobs").status()).isEqualTo(403);

        ApiClient.Response updated = admin.put("/api/v1/users/" + id,
                Map.of("displayName", "Promoted", "email", "p@example.com", "roles", List.of("ANALYST", "AGENT"), "enabled", true));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("roles").toString()).isEqualTo("[\"AGENT\",\"ANALYST\"]");
        assertThat(user.get("/api/v1/jobs").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT detail FROM iam_audit_event WHERE action = 'ROLES_CHANGED' AND target_id = ?")
                .param(id.toString()).query(String.class).single()).isEqualTo("[AGENT] -> [AGENT, ANALYST]");
    }

    @Test
    void administratorsCannotLockThemselvesOut() {
        ApiClient admin = signedIn("ADMIN");
        JsonNode me = admin.get("/api/v1/auth/me").json();
        ApiClient.Response response = admin.put("/api/v1/users/" + me.path("id").asString(),
                Map.of("displayName", "Me", "roles", List.of("OPERATOR"), "enabled", false));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("enabled").contains("roles");
    }

    @Test
    void unknownUsersAreNotFound() {
        ApiClient admin = signedIn("ADMIN");
        ApiClient.Response response = admin.get("/api/v1/users/" + UUID.randomUUID());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.problemSlug()).isEqualTo("not-found");
    }

    @Test
    void usersAreSearchedAndPagedWithACursor() {
        ApiClient admin = signedIn("ADMIN");
        String prefix = uniqueName("page");
        for (int i = 0; i < 5; i++) {
            createUser(prefix + "-" + i, List.of("SALES"), false);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Response page = admin.get("/api/v1/users?q=" + prefix + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            page.json().path("items").forEach(u -> seen.add(u.path("username").asString()));
            JsonNode next = page.json().path("nextCursor");
            cursor = next.isNull() ? null : next.asString();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly(prefix + "-0", prefix + "-1", prefix + "-2", prefix + "-3", prefix + "-4");

        assertThat(admin.get("/api/v1/users?role=SALES&q=" + prefix).json().path("items").size()).isEqualTo(5);
        assertThat(admin.get("/api/v1/users?role=ADMIN&q=" + prefix).json().path("items").size()).isZero();
        assertThat(admin.get("/api/v1/users?role=WIZARD").status()).isEqualTo(400);
        assertThat(admin.get("/api/v1/users?cursor=@@@").status()).isEqualTo(400);
    }

    @Test
    void rolesAndPermissionsAreListed() {
        ApiClient admin = signedIn("ADMIN");
        JsonNode roles = admin.get("/api/v1/roles").json();
        List<String> codes = new ArrayList<>();
        roles.forEach(r -> codes.add(r.path("code").asString()));
        assertThat(codes).containsExactly("ADMIN", "OPERATOR", "AGENT", "SALES", "ANALYST");
        assertThat(admin.get("/api/v1/permissions").body()).contains("customer.pii.read");
    }
}
