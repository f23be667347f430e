package io.liuliang.iam;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;

import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditIntegrationTests extends IntegrationTest {

    @Test
    void theAuditLogIsAppendOnly() {
        signedIn("ADMIN");
        assertThatThrownBy(() -> jdbc.sql("UPDATE iam_audit_event SET detail = 'tampered'").update())
                .isInstanceOf(UncategorizedSQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM iam_audit_event").update())
                .hasMessageContaining("append-only");
    }

    @Test
    void eventsAreFilteredByActionActorAndTime() {
        String name = uniqueName("watched");
        createUser(name, List.of("AGENT"), false);
        Instant before = Instant.now().minusSeconds(1);
        anonymous().login(name, "wrong-password");
        anonymous().login(name, PASSWORD);

        ApiClient auditor = signedIn("ADMIN");
        JsonNode failed = auditor.get("/api/v1/audit-events?action=LOGIN_FAILED&actor=" + name).json();
        assertThat(failed.path("items").size()).isEqualTo(1);
        assertThat(failed.path("items").get(0).path("detail").asString()).startsWith("wrong password");
        assertThat(failed.path("items").get(0).path("ip").asString()).isNotBlank();

        JsonNode all = auditor.get("/api/v1/audit-events?actor=" + name + "&from=" + before).json();
        assertThat(all.path("items").size()).isEqualTo(2);
        assertThat(all.path("items").get(0).path("action").asString()).isEqualTo("LOGIN_SUCCEEDED");

        assertThat(auditor.get("/api/v1/audit-events?actor=" + name + "&from=" + Instant.now().plusSeconds(60))
                .json().path("items").size()).isZero();
        assertThat(auditor.get("/api/v1/audit-events?action=NOT_AN_ACTION").status()).isEqualTo(400);
        assertThat(auditor.get("/api/v1/audit-events?from=yesterday").status()).isEqualTo(400);
        assertThat(auditor.get("/api/v1/audit-events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z").status())
                .isEqualTo(400);
    }

    @Test
    void onlyHoldersOfAuditReadSeeTheLog() {
        assertThat(signedIn("OPERATOR").get("/api/v1/audit-events").status()).isEqualTo(403);
    }

    @Test
    void anExportRunsAsAJobAndProducesTheMatchingEventsAsCsv() throws Exception {
        String name = uniqueName("exported");
        createUser(name, List.of("AGENT"), false);
        anonymous().login(name, "wrong, \"quoted\" attempt");
        anonymous().login(name, PASSWORD);
        ApiClient admin = signedIn("ADMIN");

        ApiClient.Response started = admin.post("/api/v1/audit-events:export", Map.of("actor", name));
        assertThat(started.status()).isEqualTo(202);
        String jobId = started.json().path("jobId").asString();
        JsonNode job = awaitJob(admin, jobId);
        assertThat(job.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(job.path("done").asLong()).isEqualTo(2);
        assertThat(job.path("total").asLong()).isEqualTo(2);
        assertThat(job.path("hasResult").asBoolean()).isTrue();

        String csv = download(admin, "/api/v1/jobs/" + jobId + "/result");
        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("\uFEFFid,occurred_at,action");
        assertThat(lines.get(1)).contains("LOGIN_FAILED").contains(name);
        assertThat(lines.get(2)).contains("LOGIN_SUCCEEDED");

        // the result needs audit.read, not only job.read
        assertThat(signedIn("ANALYST").get("/api/v1/jobs/" + jobId + "/result").status()).isEqualTo(403);
    }

    static JsonNode awaitJob(ApiClient client, String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode job;
        do {
            job = client.get("/api/v1/jobs/" + jobId).json();
            if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.path("status").asString())) {
                return job;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("job " + jobId + " did not finish: " + job);
    }

    private String download(ApiClient client, String path) throws IOException {
        HttpResponse<byte[]> response = client.getBytes(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition").orElse("")).contains(".csv.gz");
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
