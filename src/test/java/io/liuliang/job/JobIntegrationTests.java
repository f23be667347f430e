package io.liuliang.job;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import io.liuliang.LiuliangApplication;
import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class JobIntegrationTests extends IntegrationTest {

    @Autowired
    private Jobs jobs;

    @Autowired
    private JobRepository repository;

    @Autowired
    private DataSource dataSource;

    private JobId submit(int steps, long sleepMs) {
        return jobs.submit(new JobSubmission(RecordingJobHandler.TYPE, "test job",
                "{\"steps\":" + steps + ",\"sleepMs\":" + sleepMs + "}", null));
    }

    private String status(JobId id) {
        return jdbc.sql("SELECT status FROM job WHERE id = ?").param(id.value()).query(String.class).single();
    }

    private void awaitStatus(JobId id, String expected, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!status(id).equals(expected)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("job " + id + " is " + status(id) + ", expected " + expected);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void withTwoInstancesOnOneDatabaseEachJobRunsExactlyOnce() throws Exception {
        String url = ((HikariDataSource) dataSource).getJdbcUrl();
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(LiuliangApplication.class)
                .properties("server.port=0", "liuliang.db.url=" + url, "liuliang.db.user=postgres",
                        "liuliang.db.password=", "liuliang.jobs.poll-interval=200ms")
                .run()) {
            List<JobId> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                ids.add(submit(1, 100));
            }
            for (JobId id : ids) {
                awaitStatus(id, "SUCCEEDED", Duration.ofSeconds(60));
            }
            for (JobId id : ids) {
                assertThat(jdbc.sql("SELECT count(*) FROM test_job_run WHERE job_id = ?").param(id.value())
                        .query(Long.class).single()).as("runs of %s", id).isEqualTo(1);
            }
            List<String> instances = jdbc.sql("SELECT DISTINCT instance FROM test_job_run WHERE job_id = ANY (?::uuid[])")
                    .param("{" + String.join(",", ids.stream().map(JobId::toString).toList()) + "}")
                    .query(String.class).list();
            assertThat(instances).as("both instances took work").hasSize(2);
        }
    }

    @Test
    void aJobWhoseWorkerDiedResumesFromItsCheckpointOnAnotherAttempt() throws Exception {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO job (id, type, description, payload, status, done, total, checkpoint, attempts, worker_id,
                                 heartbeat_at, started_at)
                VALUES (?, ?, 'crashed', '{"steps":4,"sleepMs":10}', 'RUNNING', 2, 4, '{"step":2}', 1, 'dead-host:1:x',
                        now() - interval '5 minutes', now() - interval '6 minutes')""")
                .params(id, RecordingJobHandler.TYPE).update();
        JobId jobId = new JobId(id);
        awaitStatus(jobId, "SUCCEEDED", Duration.ofSeconds(30));
        Map<String, Object> run = jdbc.sql("SELECT attempt, resumed_from FROM test_job_run WHERE job_id = ?").param(id)
                .query().singleRow();
        assertThat(run).containsEntry("attempt", 2).containsEntry("resumed_from", 2);
        assertThat(jdbc.sql("SELECT done FROM job WHERE id = ?").param(id).query(Long.class).single()).isEqualTo(4);
    }

    @Test
    void aWorkerNeverReapsTheJobsItIsRunningHoweverOldTheirHeartbeat() {
        // a job of this worker whose heartbeat is 2 s old: stale by a 1 s limit (the running reaper's is 3 s, so it
        // leaves the row to this test)
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO job (id, type, description, status, attempts, worker_id, heartbeat_at, started_at)
                VALUES (?, 'test.none', 'held-up heartbeat', 'RUNNING', 1, 'this-worker', now() - interval '2 seconds', now())""")
                .param(id).update();
        Duration limit = Duration.ofSeconds(1);
        assertThat(repository.requeueStale(limit, "this-worker", List.of(id))).isZero();
        assertThat(jdbc.sql("SELECT status FROM job WHERE id = ?").param(id).query(String.class).single()).isEqualTo("RUNNING");
        // seen from another worker (or this one no longer running it), the job lost its worker
        assertThat(repository.requeueStale(limit, "another-worker", List.of())).isPositive();
        assertThat(jdbc.sql("SELECT status FROM job WHERE id = ?").param(id).query(String.class).single()).isEqualTo("QUEUED");
        jdbc.sql("DELETE FROM job WHERE id = ?").param(id).update();
    }

    @Test
    void anAttemptWhoseJobWasReQueuedStopsAndTheNextAttemptFinishesIt() throws Exception {
        JobId job = submit(30, 150);
        awaitStep(job, 3);
        // another instance's reaper took the job back (as if this one had stopped heart-beating); this instance
        // claims it again, with the same worker id
        jdbc.sql("UPDATE job SET status = 'QUEUED', worker_id = NULL WHERE id = ?").param(job.value()).update();
        awaitStatus(job, "SUCCEEDED", Duration.ofSeconds(30));
        List<Integer> attempts = jdbc.sql("SELECT attempt FROM test_job_run WHERE job_id = ? ORDER BY at")
                .param(job.value()).query(Integer.class).list();
        assertThat(attempts).containsExactly(1, 2);
        // the first attempt stopped at its next step: every step after the second attempt began is the second's
        Instant secondStarted = jdbc.sql("SELECT at FROM test_job_run WHERE job_id = ? AND attempt = 2")
                .param(job.value()).query(Instant.class).single();
        assertThat(jdbc.sql("SELECT count(*) FROM test_job_step WHERE job_id = ? AND attempt = 1 AND at > ?::timestamptz "
                        + "+ interval '1 second'")
                .params(job.value(), secondStarted.toString()).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT max(step) FROM test_job_step WHERE job_id = ? AND attempt = 2").param(job.value())
                .query(Integer.class).single()).isEqualTo(30);
    }

    private void awaitStep(JobId job, int step) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline) && jdbc.sql("SELECT coalesce(max(step), 0) FROM test_job_step "
                + "WHERE job_id = ?").param(job.value()).query(Integer.class).single() < step) {
            Thread.sleep(50);
        }
    }

    @Test
    void aJobThatKeepsLosingItsWorkerFailsAfterItsLastAttempt() throws Exception {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO job (id, type, description, status, attempts, max_attempts, worker_id, heartbeat_at, started_at)
                VALUES (?, ?, 'doomed', 'RUNNING', 3, 3, 'dead-host:1:y', now() - interval '5 minutes', now())""")
                .params(id, RecordingJobHandler.TYPE).update();
        awaitStatus(new JobId(id), "FAILED", Duration.ofSeconds(30));
        assertThat(jdbc.sql("SELECT error FROM job WHERE id = ?").param(id).query(String.class).single())
                .contains("stopped responding").contains("3 of 3");
    }

    @Test
    void aFailingJobReportsItsError() throws Exception {
        JobId id = jobs.submit(new JobSubmission(RecordingJobHandler.TYPE, "fails", "{\"steps\":3,\"failAt\":1}", null));
        awaitStatus(id, "FAILED", Duration.ofSeconds(30));
        ApiClient.Response view = signedIn("ADMIN").get("/api/v1/jobs/" + id);
        assertThat(view.json().path("error").asString()).isEqualTo("step 1 failed on purpose");
        assertThat(view.json().path("done").asLong()).isEqualTo(1);
    }

    @Test
    void runningJobsShowProgressRateAndEtaAndCanBeCancelled() throws Exception {
        ApiClient admin = signedIn("ADMIN");
        JobId id = submit(200, 50);
        awaitStatus(id, "RUNNING", Duration.ofSeconds(30));
        Instant deadline = Instant.now().plusSeconds(30);
        JsonNode view;
        do {
            Thread.sleep(200);
            view = admin.get("/api/v1/jobs/" + id).json();
        } while (view.path("ratePerSecond").isNull() && Instant.now().isBefore(deadline));
        assertThat(view.path("total").asLong()).isEqualTo(200);
        assertThat(view.path("done").asLong()).isPositive();
        assertThat(view.path("percent").asDouble()).isBetween(0.1, 100.0);
        assertThat(view.path("ratePerSecond").asDouble()).isPositive();
        assertThat(view.path("etaSeconds").asLong()).isPositive();

        ApiClient.Response cancel = admin.post("/api/v1/jobs/" + id + ":cancel", null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.json().path("cancelRequested").asBoolean()).isTrue();
        awaitStatus(id, "CANCELLED", Duration.ofSeconds(30));
        assertThat(admin.post("/api/v1/jobs/" + id + ":cancel", null).status()).isEqualTo(409);
    }

    @Test
    void aQueuedJobIsCancelledAtOnceAndJobsOfUnknownTypesWaitForAnInstanceThatRunsThem() {
        ApiClient admin = signedIn("ADMIN");
        JobId id = jobs.submit(new JobSubmission("test.no-handler", "waits", "{}", null));
        assertThat(admin.get("/api/v1/jobs/" + id).json().path("status").asString()).isEqualTo("QUEUED");
        assertThat(admin.post("/api/v1/jobs/" + id + ":cancel", null).json().path("status").asString())
                .isEqualTo("CANCELLED");
    }

    @Test
    void onlyTheCreatorOrAJobManagerMayCancel() {
        JobId id = jobs.submit(new JobSubmission("test.no-handler", "someone else's", "{}", null));
        ApiClient analyst = signedIn("ANALYST");
        ApiClient.Response response = analyst.post("/api/v1/jobs/" + id + ":cancel", null);
        assertThat(response.status()).isEqualTo(403);
        assertThat(signedIn("OPERATOR").get("/api/v1/jobs/" + id).status()).isEqualTo(200);
        assertThat(signedIn("AGENT").get("/api/v1/jobs/" + id).status()).isEqualTo(403);
    }

    @Test
    void jobsAreListedNewestFirstWithFiltersAndCursor() {
        ApiClient admin = signedIn("ADMIN");
        String type = "test.listing-" + UUID.randomUUID();
        List<JobId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(jobs.submit(new JobSubmission(type, "listed " + i, "{}", null)));
        }
        JsonNode first = admin.get("/api/v1/jobs?type=" + type + "&limit=2").json();
        assertThat(first.path("items").size()).isEqualTo(2);
        assertThat(first.path("items").get(0).path("id").asString()).isEqualTo(ids.get(2).toString());
        JsonNode second = admin.get("/api/v1/jobs?type=" + type + "&limit=2&cursor=" + first.path("nextCursor").asString()).json();
        assertThat(second.path("items").size()).isEqualTo(1);
        assertThat(second.path("nextCursor").isNull()).isTrue();
        assertThat(admin.get("/api/v1/jobs?status=QUEUED&type=" + type).json().path("items").size()).isEqualTo(3);
        ApiClient.Response badStatus = admin.get("/api/v1/jobs?status=SLEEPING");
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.json().path("errors").get(0).path("field").asString()).isEqualTo("status");
        assertThat(admin.get("/api/v1/jobs/" + UUID.randomUUID()).status()).isEqualTo(404);
        ids.forEach(id -> admin.post("/api/v1/jobs/" + id + ":cancel", null));
    }
}
