package io.liuliang.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL over {@code import_run} and {@code import_reject}. */
@Repository
class ImportRunStore {

    private final JdbcClient jdbc;

    ImportRunStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    enum Status { UPLOADED, QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    /** An import and its report. {@code header}/{@code sampleRows}/{@code mapping} are JSON text. */
    record Run(UUID id, UUID shopId, Status status, String profile, String mapping, UUID jobId, String fileName,
               long fileSize, long fileOid, String format, String header, String sampleRows, long linesRead,
               long linesAccepted, long linesRejected, long customersCreated, long customersMerged, long ordersCreated,
               long ordersUpdated, long ordersUnchanged, long refundsCreated, String error, String createdBy,
               Instant createdAt, Instant startedAt, Instant finishedAt, Timings timings) {
    }

    /** Milliseconds each pass took: read, validate and stage; resolve identities; store orders (null: not run). */
    record Timings(Long stageMillis, Long resolveMillis, Long storeMillis) {
    }

    /** The counters of a finished (or running) import. */
    record Counters(long linesRead, long linesAccepted, long linesRejected, long customersCreated, long customersMerged,
                    long ordersCreated, long ordersUpdated, long ordersUnchanged, long refundsCreated, Long stageMillis,
                    Long resolveMillis, Long storeMillis) {
    }

    void insert(UUID id, UUID shopId, String fileName, ImportFileStore.Stored file, String format, String profile,
                String header, String sampleRows, String createdBy) {
        jdbc.sql("INSERT INTO import_run (id, shop_id, status, profile, file_name, file_size, file_sha256, file_oid, format, "
                        + "header, sample_rows, created_by) VALUES (?, ?, 'UPLOADED', ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?)")
                .params(id, shopId, profile, fileName, file.size(), file.sha256(), file.oid(), format, header, sampleRows,
                        createdBy)
                .update();
    }

    Optional<Run> find(UUID id) {
        return jdbc.sql("SELECT * FROM import_run WHERE id = ?").param(id).query(ImportRunStore::map).optional();
    }

    List<Run> list(Instant beforeCreated, UUID beforeId, int fetch) {
        return jdbc.sql("SELECT * FROM import_run WHERE (?::timestamptz IS NULL OR (created_at, id) < (?, ?)) "
                        + "ORDER BY created_at DESC, id DESC LIMIT ?")
                .params(ts(beforeCreated), ts(beforeCreated), beforeId, fetch).query(ImportRunStore::map).list();
    }

    void queue(UUID id, String profile, String mappingJson, UUID jobId) {
        jdbc.sql("UPDATE import_run SET status = 'QUEUED', profile = ?, mapping = ?::jsonb, job_id = ? WHERE id = ?")
                .params(profile, mappingJson, jobId, id).update();
    }

    void start(UUID id) {
        jdbc.sql("UPDATE import_run SET status = 'RUNNING', started_at = now(), error = NULL, lines_read = 0, "
                        + "lines_accepted = 0, lines_rejected = 0, customers_created = 0, customers_merged = 0, "
                        + "orders_created = 0, orders_updated = 0, orders_unchanged = 0, refunds_created = 0, stage_ms = NULL, "
                        + "resolve_ms = NULL, store_ms = NULL WHERE id = ?")
                .param(id).update();
        jdbc.sql("DELETE FROM import_reject WHERE import_id = ?").param(id).update();
    }

    void counters(UUID id, Counters c) {
        jdbc.sql("UPDATE import_run SET lines_read = ?, lines_accepted = ?, lines_rejected = ?, customers_created = ?, "
                        + "customers_merged = ?, orders_created = ?, orders_updated = ?, orders_unchanged = ?, refunds_created = ?, "
                        + "stage_ms = ?, resolve_ms = ?, store_ms = ? WHERE id = ?")
                .params(c.linesRead(), c.linesAccepted(), c.linesRejected(), c.customersCreated(), c.customersMerged(),
                        c.ordersCreated(), c.ordersUpdated(), c.ordersUnchanged(), c.refundsCreated(), c.stageMillis(),
                        c.resolveMillis(), c.storeMillis(), id)
                .update();
    }

    void finish(UUID id, Status status, String error) {
        jdbc.sql("UPDATE import_run SET status = ?, error = ?, finished_at = now() WHERE id = ?")
                .params(status.name(), error, id).update();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Run map(ResultSet rs, int n) throws SQLException {
        return new Run(rs.getObject("id", UUID.class), rs.getObject("shop_id", UUID.class),
                Status.valueOf(rs.getString("status")), rs.getString("profile"), rs.getString("mapping"),
                rs.getObject("job_id", UUID.class), rs.getString("file_name"), rs.getLong("file_size"),
                rs.getLong("file_oid"), rs.getString("format"), rs.getString("header"), rs.getString("sample_rows"),
                rs.getLong("lines_read"), rs.getLong("lines_accepted"), rs.getLong("lines_rejected"),
                rs.getLong("customers_created"), rs.getLong("customers_merged"), rs.getLong("orders_created"),
                rs.getLong("orders_updated"), rs.getLong("orders_unchanged"), rs.getLong("refunds_created"),
                rs.getString("error"), rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "started_at"),
                instant(rs, "finished_at"), new Timings(millis(rs, "stage_ms"), millis(rs, "resolve_ms"),
                millis(rs, "store_ms")));
    }

    private static Long millis(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
