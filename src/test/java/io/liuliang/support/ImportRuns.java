package io.liuliang.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits for imports started through the API. */
public final class ImportRuns {

    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private static final Duration POLL = Duration.ofMillis(200);

    private ImportRuns() {
    }

    /** The import's report once it has finished, or as it stands when {@code timeout} has passed. */
    public static JsonNode await(ApiClient client, String importId, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode run;
        do {
            Thread.sleep(POLL.toMillis());
            run = client.get("/api/v1/imports/" + importId).json();
        } while (!FINISHED.contains(run.path("status").asString()) && Instant.now().isBefore(deadline));
        return run;
    }

    /**
     * Uploads {@code file} for {@code shopId} with {@code profile} and waits for the import, which must succeed with no
     * line rejected (the rejects are shown when some were); returns its report.
     */
    public static JsonNode importCleanly(ApiClient client, String shopId, String profile, String fileName, byte[] file,
                                         Duration timeout) throws InterruptedException {
        ApiClient.Response upload = client.postMultipart("/api/v1/imports", java.util.Map.of("shopId", shopId,
                "profile", profile), fileName, file);
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        JsonNode run = await(client, upload.json().path("id").asString(), timeout);
        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("linesRejected").asLong())
                .as(() -> client.get("/api/v1/imports/" + run.path("id").asString() + "/rejects").body()).isZero();
        return run;
    }
}
