package io.liuliang.segment;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.liuliang.customer.PersonalData;
import io.liuliang.customer.PiiKind;
import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;
import io.liuliang.shared.Csv;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a segment's members to CSV (UTF-8 with BOM for spreadsheet tools). Phones and e-mails are masked unless the
 * export was requested by someone holding {@code customer.pii.read} (then the result needs that permission to
 * download, and the request was audited). Restarting redoes the export.
 */
@Component
class SegmentExportJob implements JobHandler {

    static final String TYPE = "segment.export";
    private static final String BOM = "\uFEFF";
    private static final int PROGRESS_EVERY = 5_000;

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final JsonMapper json;

    SegmentExportJob(JdbcClient jdbc, PersonalData personalData, JsonMapper json) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.json = json;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) throws IOException {
        JsonNode payload = json.readTree(context.payload());
        UUID segment = UUID.fromString(payload.get("segmentId").asString());
        boolean reveal = payload.path("reveal").asBoolean(false);
        long total = jdbc.sql("SELECT count(*) FROM segment_member WHERE segment_id = ?").param(segment)
                .query(Long.class).single();
        context.progress(0, total);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] done = {0};
        try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            out.write(BOM);
            out.write("customer_id,display_name,gender,province,city,phone,email,lifecycle_stage,order_count,net_spent,entered_at\n");
            jdbc.sql("""
                            SELECT sm.customer_id, c.display_name, c.gender, c.province, c.city, sm.entered_at,
                                   coalesce(m.lifecycle_stage, 'prospect') AS lifecycle_stage,
                                   coalesce(m.order_count, 0) AS order_count, coalesce(m.net_spent, 0) AS net_spent,
                                   ph.value_masked AS phone_masked, ph.value_enc AS phone_enc,
                                   em.value_masked AS email_masked, em.value_enc AS email_enc
                            FROM segment_member sm JOIN customer c ON c.id = sm.customer_id
                            LEFT JOIN customer_metrics m ON m.customer_id = c.id
                            LEFT JOIN LATERAL (SELECT value_masked, value_enc FROM customer_identity i WHERE i.customer_id = c.id
                                AND i.type = 'phone' AND NOT i.flagged ORDER BY i.last_seen_at DESC LIMIT 1) ph ON true
                            LEFT JOIN LATERAL (SELECT value_masked, value_enc FROM customer_identity i WHERE i.customer_id = c.id
                                AND i.type = 'email' AND NOT i.flagged ORDER BY i.last_seen_at DESC LIMIT 1) em ON true
                            WHERE sm.segment_id = ? ORDER BY sm.customer_id""")
                    .param(segment)
                    .query(rs -> {
                        try {
                            out.write(String.join(",", rs.getObject("customer_id", UUID.class).toString(),
                                    Csv.cell(rs.getString("display_name")), Csv.cell(rs.getString("gender")),
                                    Csv.cell(rs.getString("province")), Csv.cell(rs.getString("city")),
                                    Csv.cell(pii(PiiKind.PHONE, rs.getString("phone_masked"), rs.getBytes("phone_enc"), reveal)),
                                    Csv.cell(pii(PiiKind.EMAIL, rs.getString("email_masked"), rs.getBytes("email_enc"), reveal)),
                                    rs.getString("lifecycle_stage"), Long.toString(rs.getLong("order_count")),
                                    rs.getBigDecimal("net_spent").toPlainString(),
                                    SegmentStore.instant(rs, "entered_at").toString()));
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        if (++done[0] % PROGRESS_EVERY == 0) {
                            context.checkCancelled();
                            context.progress(done[0], Math.max(total, done[0]));
                        }
                    });
        }
        context.progress(done[0], done[0]);
        context.storeResult("segment-" + segment + ".csv", "text/csv; charset=utf-8", bytes.toByteArray());
    }

    private String pii(PiiKind kind, String masked, byte[] encrypted, boolean reveal) {
        return reveal && encrypted != null ? personalData.decrypt(kind, encrypted) : masked;
    }
}
