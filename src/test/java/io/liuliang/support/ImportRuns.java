package io.liuliang.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import tools.jackson.databind.JsonNode;

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
}
