package io.liuliang.coupon;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;
import io.liuliang.segment.Segments;
import io.liuliang.shared.Csv;
import io.liuliang.shared.CustomerId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issues a template's coupon to every member of a segment, a chunk of members per transaction, in customer-id order
 * with a checkpoint after each chunk. The issue key is the job and the customer, so a restarted job (or a chunk
 * retried after a crash) issues nobody a second coupon. The result is a CSV of the customers who got none and why
 * (after a restart, those of the chunks since the checkpoint).
 */
@Component
class CouponIssueToSegmentJob implements JobHandler {

    static final String TYPE = "coupon.issue-to-segment";
    static final int CHUNK = 1_000;
    private static final String BOM = "\uFEFF";

    /** Looked up when a job runs: the segment module submits jobs itself, so it is created after the job runner. */
    private final org.springframework.beans.factory.ObjectProvider<Segments> segmentsProvider;
    private final CouponIssuer issuer;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    CouponIssueToSegmentJob(org.springframework.beans.factory.ObjectProvider<Segments> segments, CouponIssuer issuer, PlatformTransactionManager transactions,
                            JsonMapper json) {
        this.segmentsProvider = segments;
        this.issuer = issuer;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    record Checkpoint(UUID after, long done, long issued, long already, long rejected) {
    }

    @Override
    public void run(JobContext context) throws IOException {
        Segments segments = segmentsProvider.getObject();
        JsonNode payload = json.readTree(context.payload());
        UUID template = UUID.fromString(payload.get("templateId").asString());
        UUID segment = UUID.fromString(payload.get("segmentId").asString());
        String keyPrefix = "segment:" + context.id().value();
        Checkpoint at = context.checkpoint().map(c -> json.readValue(c, Checkpoint.class))
                .orElse(new Checkpoint(null, 0, 0, 0, 0));
        long total = segments.memberCount(segment);
        context.progress(at.done(), Math.max(total, at.done()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            out.write(BOM);
            out.write("customer_id,reason\n");
            while (true) {
                context.checkCancelled();
                List<CustomerId> members = segments.membersAfter(segment, at.after() == null ? null : new CustomerId(at.after()),
                        CHUNK);
                if (members.isEmpty()) {
                    break;
                }
                List<IssueResult> results = tx.execute(s -> issuer.issue(template,
                        members.stream().map(CustomerId::value).toList(), keyPrefix, "segment"));
                long issued = at.issued();
                long already = at.already();
                long rejected = at.rejected();
                for (IssueResult r : results) {
                    switch (r.status()) {
                        case ISSUED -> issued++;
                        case ALREADY_ISSUED -> already++;
                        case REJECTED -> {
                            rejected++;
                            out.write(Csv.cell(r.requestedCustomer().toString()) + "," + Csv.cell(r.reason()) + "\n");
                        }
                    }
                }
                at = new Checkpoint(members.get(members.size() - 1).value(), at.done() + members.size(), issued, already,
                        rejected);
                context.checkpoint(json.writeValueAsString(at), at.done());
                context.progress(at.done(), Math.max(total, at.done()));
            }
        }
        context.storeResult("coupons-not-issued.csv", "text/csv; charset=utf-8", bytes.toByteArray());
    }
}
