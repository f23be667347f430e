package io.liuliang.iam;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.springframework.stereotype.Component;

import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the matching audit events to a gzip-compressed CSV (UTF-8 with BOM, so spreadsheet tools read Chinese
 * correctly). Restarting simply redoes the export: the audit log is append-only, so the result is the same up to
 * events appended meanwhile.
 */
@Component
class AuditExportJob implements JobHandler {

    static final String TYPE = "iam.audit-export";
    private static final int BATCH = 5_000;
    private static final String BOM = "\uFEFF";

    private final AuditLogService audit;
    private final JsonMapper json;

    AuditExportJob(AuditLogService audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws IOException {
        AuditLogService.Filter filter = json.readValue(context.payload(), AuditController.AuditQuery.class).toFilter();
        long total = audit.count(filter);
        context.progress(0, total);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(bytes), StandardCharsets.UTF_8)) {
            out.write(BOM);
            out.write("id,occurred_at,action,actor_id,actor_username,target_type,target_id,target_label,ip,detail\n");
            long[] done = {0};
            audit.forEachAfter(filter, 0, BATCH, batch -> {
                context.checkCancelled();
                try {
                    for (AuditLogService.Event e : batch) {
                        out.write(String.join(",", Long.toString(e.id()), e.occurredAt().toString(), e.action().name(),
                                csv(e.actorId() == null ? null : e.actorId().toString()), csv(e.actorUsername()),
                                csv(e.targetType()), csv(e.targetId()), csv(e.targetLabel()), csv(e.ip()), csv(e.detail())));
                        out.write('\n');
                    }
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
                done[0] += batch.size();
                context.progress(done[0], Math.max(total, done[0]));
            });
        }
        context.storeResult("audit-log-" + context.id() + ".csv.gz", "application/gzip", bytes.toByteArray());
    }

    static String csv(String value) {
        return io.liuliang.shared.Csv.cell(value);
    }
}
