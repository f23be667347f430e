package io.liuliang.segment;

import java.util.UUID;

import org.springframework.stereotype.Component;

import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refreshes one segment ({@code segmentId}), one rule tag ({@code tagId}) or everything ({@code all}: the periodic
 * full pass). Safe to run again: a refresh recomputes membership from the data.
 */
@Component
class SegmentRefreshJob implements JobHandler {

    static final String TYPE = "segment.refresh";

    private final SegmentMembership membership;
    private final SystemTags systemTags;
    private final JsonMapper json;

    SegmentRefreshJob(SegmentMembership membership, SystemTags systemTags, JsonMapper json) {
        this.membership = membership;
        this.systemTags = systemTags;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) {
        JsonNode payload = json.readTree(context.payload());
        if (payload.hasNonNull("segmentId")) {
            context.progress(0, 1L);
            membership.refreshSegment(UUID.fromString(payload.get("segmentId").asString()));
            context.progress(1, 1L);
        } else if (payload.hasNonNull("tagId")) {
            context.progress(0, 1L);
            membership.refreshTag(UUID.fromString(payload.get("tagId").asString()));
            context.progress(1, 1L);
        } else {
            systemTags.ensurePreferredCategoryTags();
            long total = membership.itemCount();
            context.progress(0, total);
            membership.refreshAll(done -> {
                context.checkCancelled();
                context.progress(done, Math.max(total, done));
            });
        }
    }
}
