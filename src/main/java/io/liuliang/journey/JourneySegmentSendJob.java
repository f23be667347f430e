package io.liuliang.journey;

import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;
import io.liuliang.segment.Segments;
import io.liuliang.shared.CustomerId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Enrols every member of a segment in a journey version: pages of members in customer-id order, each page one
 * set-based INSERT in its own transaction, with a checkpoint after it. The run's slot makes a restarted job (or a
 * page retried after a crash) enrol nobody twice.
 */
@Component
class JourneySegmentSendJob implements JobHandler {

    static final String TYPE = "journey.segment-send";
    static final int PAGE = 10_000;

    private final ObjectProvider<Segments> segments;
    private final JourneyCatalog catalog;
    private final Enroller enroller;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    JourneySegmentSendJob(ObjectProvider<Segments> segments, JourneyCatalog catalog, Enroller enroller,
                          PlatformTransactionManager transactions, JsonMapper json) {
        this.segments = segments;
        this.catalog = catalog;
        this.enroller = enroller;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    record Checkpoint(UUID after, long done, long enrolled) {
    }

    @Override
    public void run(JobContext context) {
        JsonNode payload = json.readTree(context.payload());
        UUID journeyId = UUID.fromString(payload.get("journeyId").asString());
        int version = payload.get("version").asInt();
        UUID segmentId = UUID.fromString(payload.get("segmentId").asString());
        String slot = payload.get("slot").asString();
        CompiledJourney journey = catalog.version(journeyId, version);
        Segments seg = segments.getObject();
        Checkpoint at = context.checkpoint().map(c -> json.readValue(c, Checkpoint.class)).orElse(new Checkpoint(null, 0, 0));
        long total = seg.memberCount(segmentId);
        context.progress(at.done(), Math.max(total, at.done()));
        while (true) {
            context.checkCancelled();
            List<CustomerId> members = seg.membersAfter(segmentId, at.after() == null ? null : new CustomerId(at.after()), PAGE);
            if (members.isEmpty()) {
                return;
            }
            Integer enrolled = tx.execute(s -> enroller.enrol(journey,
                    members.stream().map(c -> new Enroller.Candidate(c, slot)).toList()).size());
            at = new Checkpoint(members.get(members.size() - 1).value(), at.done() + members.size(),
                    at.enrolled() + (enrolled == null ? 0 : enrolled));
            context.checkpoint(json.writeValueAsString(at), at.done());
            context.progress(at.done(), Math.max(total, at.done()));
            if (members.size() < PAGE) {
                return;
            }
        }
    }
}
