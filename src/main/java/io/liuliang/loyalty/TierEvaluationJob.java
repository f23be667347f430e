package io.liuliang.loyalty;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;
import io.liuliang.job.JobSubmission;
import io.liuliang.job.Jobs;

/**
 * The periodic tier evaluation: every member, in chunks by customer id (each chunk locked and decided in its own
 * transaction, with a checkpoint), upgraded, put at risk, lowered after the grace period or kept. Started daily by
 * one instance ({@code liuliang.loyalty.evaluation-cron}) and on demand.
 */
@Component
class TierEvaluationJob implements JobHandler {

    static final String TYPE = "loyalty.tier-evaluation";
    static final int CHUNK = 2_000;
    private static final Logger log = LoggerFactory.getLogger(TierEvaluationJob.class);

    private final JdbcClient jdbc;
    private final LoyaltyStore store;
    private final TierEvaluator evaluator;
    private final TransactionTemplate tx;
    private final org.springframework.beans.factory.ObjectProvider<Jobs> jobs;
    private final tools.jackson.databind.json.JsonMapper json;

    TierEvaluationJob(JdbcClient jdbc, LoyaltyStore store, TierEvaluator evaluator, PlatformTransactionManager transactions,
                      org.springframework.beans.factory.ObjectProvider<Jobs> jobs, tools.jackson.databind.json.JsonMapper json) {
        this.json = json;
        this.jdbc = jdbc;
        this.store = store;
        this.evaluator = evaluator;
        this.tx = new TransactionTemplate(transactions);
        this.jobs = jobs;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) {
        List<Tier> tiers = store.tiers();
        long total = jdbc.sql("SELECT count(*) FROM loyalty_member").query(Long.class).single();
        // the checkpoint is {"after": "<customer id>"}; PostgreSQL orders uuids as unsigned bytes, so 0… is the start
        UUID after = context.checkpoint().map(c -> UUID.fromString(json.readTree(c).path("after").asString()))
                .orElse(new UUID(0, 0));
        long done = context.checkpoint().isPresent() ? jdbc.sql("SELECT count(*) FROM loyalty_member WHERE customer_id <= ?")
                .param(after).query(Long.class).single() : 0;
        context.progress(done, total);
        while (true) {
            context.checkCancelled();
            UUID from = after;
            List<LoyaltyStore.Member> chunk = tx.execute(s -> {
                List<LoyaltyStore.Member> members = jdbc.sql("SELECT * FROM loyalty_member WHERE customer_id > ? "
                        + "ORDER BY customer_id LIMIT ? FOR UPDATE").params(from, CHUNK).query(LoyaltyStore::member).list();
                evaluator.evaluate(members, tiers);
                return members;
            });
            if (chunk == null || chunk.isEmpty()) {
                break;
            }
            after = chunk.get(chunk.size() - 1).customerId();
            done += chunk.size();
            context.checkpoint(json.writeValueAsString(java.util.Map.of("after", after.toString())), done);
            context.progress(done, Math.max(total, done));
        }
    }

    @Scheduled(cron = "${liuliang.loyalty.evaluation-cron:0 30 2 * * *}", zone = "${liuliang.metrics.timezone:Asia/Shanghai}")
    void daily() {
        try {
            int due = jdbc.sql("UPDATE loyalty_program SET last_evaluation_at = now() WHERE enabled AND "
                    + "(last_evaluation_at IS NULL OR last_evaluation_at < now() - interval '20 hours')").update();
            if (due > 0) {
                jobs.getObject().submit(new JobSubmission(TYPE, "Evaluate loyalty tiers", "{}", null));
            }
        } catch (RuntimeException e) {
            log.warn("Could not start the tier evaluation: {}", e.getMessage());
        }
    }
}
