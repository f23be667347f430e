package io.liuliang.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.liuliang.job.JobId;
import io.liuliang.job.JobStatus;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.support.ApiClient;
import io.liuliang.support.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class DemoLoadIntegrationTests extends IntegrationTest {

    @Autowired
    private Jobs jobs;

    @Autowired
    private JsonMapper json;

    @Test
    void theDemoMerchantLoadsShopsOrdersThroughAnImportAndEvents() throws Exception {
        UUID importId = UUID.randomUUID();
        JobId job = jobs.submit(new JobSubmission(DemoLoadJob.TYPE, "demo", json.writeValueAsString(
                new DemoLoadJob.Payload(7, 200, 600, importId, "test")), null));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (jobs.statusOf(job).filter(JobStatus::finished).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
        assertThat(jobs.statusOf(job)).contains(JobStatus.SUCCEEDED);

        ApiClient admin = signedIn("ADMIN");
        var run = admin.get("/api/v1/imports/" + importId).json();
        assertThat(run.path("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(run.path("profile").asString()).isEqualTo("generic");
        assertThat(run.path("linesRejected").asLong()).as(run.toString()).isZero();
        assertThat(run.path("ordersCreated").asLong()).isGreaterThan(300);
        // people who buy on several platforms share a phone: One-ID joined their accounts
        assertThat(run.path("customersCreated").asLong()).isLessThan(
                jdbc.sql("SELECT count(DISTINCT value_key) FROM customer_identity WHERE type = 'platform_buyer_id' "
                        + "AND source = ?").param("import:" + importId).query(Long.class).single());
        assertThat(admin.get("/api/v1/shops").body()).contains("天猫旗舰店").contains("京东自营店").contains("抖音小店")
                .contains("微信小程序商城");
        assertThat(jdbc.sql("SELECT count(*) FROM behaviour_event WHERE source = 'demo'").query(Long.class).single())
                .isPositive();
    }

    @Test
    void theDemoSizeIsValidated() {
        ApiClient admin = signedIn("ADMIN");
        assertThat(admin.post("/api/v1/demo:load", Map.of("customers", 0)).status()).isEqualTo(400);
        assertThat(admin.post("/api/v1/demo:load", Map.of("customers", 1_000_000)).status()).isEqualTo(400);
        assertThat(signedIn("ANALYST").post("/api/v1/demo:load", Map.of()).status()).isEqualTo(403);
    }
}
