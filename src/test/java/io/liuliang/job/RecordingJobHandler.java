package io.liuliang.job;


import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A job type for tests only: runs {@code steps} steps of {@code sleepMs}, checkpointing after each, and records
 * every run (job, instance port, attempt, step it resumed from) in {@code test_job_run} and every step done (job,
 * attempt, step) in {@code test_job_step}.
 */
@Component
class RecordingJobHandler implements JobHandler {

    static final String TYPE = "test.record";
    private final JdbcClient jdbc;
    private final Environment environment;
    private final JsonMapper json = JsonMapper.builder().build();

    RecordingJobHandler(JdbcClient jdbc, Environment environment) {
        this.jdbc = jdbc;
        this.environment = environment;
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_job_run (job_id uuid NOT NULL, instance text NOT NULL, "
                + "attempt int NOT NULL, resumed_from int NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())").update();
        jdbc.sql("CREATE TABLE IF NOT EXISTS test_job_step (job_id uuid NOT NULL, attempt int NOT NULL, step int NOT NULL, "
                + "at timestamptz NOT NULL DEFAULT clock_timestamp())").update();
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws Exception {
        JsonNode payload = json.readTree(context.payload());
        int steps = payload.path("steps").asInt(1);
        long sleepMs = payload.path("sleepMs").asLong(0);
        int from = context.checkpoint().map(c -> json.readTree(c).path("step").asInt()).orElse(0);
        jdbc.sql("INSERT INTO test_job_run (job_id, instance, attempt, resumed_from) VALUES (?, ?, ?, ?)")
                .params(context.id().value(), environment.getProperty("local.server.port", "?"), context.attempt(), from)
                .update();
        for (int step = from; step < steps; step++) {
            context.checkCancelled();
            Thread.sleep(sleepMs);
            if (payload.path("failAt").asInt(-1) == step) {
                throw new IllegalStateException("step " + step + " failed on purpose");
            }
            context.checkpoint("{\"step\":" + (step + 1) + "}", step + 1);
            context.progress(step + 1, (long) steps);
            jdbc.sql("INSERT INTO test_job_step (job_id, attempt, step) VALUES (?, ?, ?)")
                    .params(context.id().value(), context.attempt(), step + 1).update();
        }
    }

}
