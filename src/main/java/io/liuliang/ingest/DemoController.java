package io.liuliang.ingest;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.liuliang.job.JobId;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;
import io.liuliang.shared.ApiProblemException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Demo data", description = "A realistic synthetic merchant, to try Liuliang on an empty system")
class DemoController {

    static final int DEFAULT_CUSTOMERS = 500;
    static final int MAX_CUSTOMERS = 20_000;
    static final long DEFAULT_SEED = 42;
    static final int ORDERS_PER_CUSTOMER = 3;

    private final Jobs jobs;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    DemoController(Jobs jobs, JdbcClient jdbc, JsonMapper json) {
        this.jobs = jobs;
        this.jdbc = jdbc;
        this.json = json;
    }

    record LoadRequest(Integer customers, Long seed) {
    }

    record Started(UUID jobId, UUID importId) {
    }

    @PostMapping("/demo:load")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @PreAuthorize("hasAuthority('shop.manage') and hasAuthority('order.write')")
    @Operation(summary = "Load the demo merchant (four shops, customers, orders, events) into an empty system, as a job. "
            + "Larger sets for benchmarks come from the DemoDataTool command and an import.")
    Started load(@RequestBody(required = false) LoadRequest request) {
        int customers = request == null || request.customers() == null ? DEFAULT_CUSTOMERS : request.customers();
        if (customers < 1 || customers > MAX_CUSTOMERS) {
            throw ApiProblemException.invalid("customers", "must be between 1 and " + MAX_CUSTOMERS
                    + "; generate bigger sets with DemoDataTool and import them");
        }
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM sales_order)").query(Boolean.class).single()) {
            throw ApiProblemException.conflict("Demo data goes only into an empty system: this one already has orders");
        }
        long seed = request == null || request.seed() == null ? DEFAULT_SEED : request.seed();
        UUID importId = UUID.randomUUID();
        String actor = SecurityContextHolder.getContext().getAuthentication().getName();
        JobId job = jobs.submit(new JobSubmission(DemoLoadJob.TYPE, "Demo merchant (" + customers + " customers)",
                json.writeValueAsString(new DemoLoadJob.Payload(seed, customers, (long) customers * ORDERS_PER_CUSTOMER,
                        importId, actor)), null));
        return new Started(job.value(), importId);
    }
}
