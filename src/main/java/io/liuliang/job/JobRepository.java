package io.liuliang.job;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL over {@code job} and {@code job_result}; every state change of a running job is fenced by its worker. */
@Repository
class JobRepository {

    private static final String COLUMNS = "j.*, EXISTS (SELECT 1 FROM job_result r WHERE r.job_id = j.id) AS has_result";
    private final JdbcClient jdbc;

    JobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(JobId id, JobSubmission s, String createdBy, int maxAttempts) {
        jdbc.sql("INSERT INTO job (id, type, description, payload, status, result_permission, created_by, max_attempts) "
                        + "VALUES (?, ?, ?, ?::jsonb, 'QUEUED', ?, ?, ?)")
                .params(id.value(), s.type(), s.description(), s.payloadJson() == null ? "{}" : s.payloadJson(),
                        s.resultPermission(), createdBy, maxAttempts)
                .update();
    }

    Optional<JobRow> find(JobId id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM job j WHERE j.id = ?").param(id.value()).query(JobRepository::map)
                .optional();
    }

    List<JobRow> search(JobStatus status, String type, Long beforeSeq, int fetch) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM job j WHERE true");
        List<Object> params = new ArrayList<>();
        if (status != null) {
            sql.append(" AND j.status = ?");
            params.add(status.name());
        }
        if (type != null && !type.isBlank()) {
            sql.append(" AND j.type = ?");
            params.add(type);
        }
        if (beforeSeq != null) {
            sql.append(" AND j.seq < ?");
            params.add(beforeSeq);
        }
        sql.append(" ORDER BY j.seq DESC LIMIT ?");
        params.add(fetch);
        return jdbc.sql(sql.toString()).params(params).query(JobRepository::map).list();
    }

    /** Claims the oldest queued job of a type this instance can run, or nothing. */
    Optional<JobRow> claim(String workerId, Collection<String> types) {
        if (types.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        UPDATE job SET status = 'RUNNING', worker_id = ?, attempts = attempts + 1, started_at = now(),
                               heartbeat_at = clock_timestamp(), done_at_start = done, error = NULL
                        WHERE id = (SELECT id FROM job WHERE status = 'QUEUED' AND type = ANY (?::text[])
                                    ORDER BY seq FOR UPDATE SKIP LOCKED LIMIT 1)
                        RETURNING id""")
                .params(workerId, "{" + String.join(",", types) + "}")
                .query((rs, n) -> new JobId(rs.getObject(1, UUID.class))).optional()
                .flatMap(this::find);
    }

    /** Where a running attempt stands with its job. */
    enum Standing {
        /** The attempt owns the job. */
        OWNED,
        /** The attempt owns the job and was asked to stop. */
        CANCEL_REQUESTED,
        /** The job is no longer this attempt's (re-queued, finished, or gone). */
        LOST;

        static Standing of(java.util.Optional<Boolean> cancelRequested) {
            return cancelRequested.map(c -> c ? CANCEL_REQUESTED : OWNED).orElse(LOST);
        }
    }

    /**
     * Writes progress if this worker still owns the job. Times here are the clock's when the statement runs
     * ({@code clock_timestamp()}), not its transaction's start, so a write that waited for a lock is not stale.
     */
    Standing progress(JobId id, String workerId, int attempt, long done, Long total) {
        return Standing.of(jdbc.sql("UPDATE job SET done = ?, total = ?, heartbeat_at = clock_timestamp() WHERE id = ? "
                        + "AND worker_id = ? AND attempts = ? AND status = 'RUNNING' RETURNING cancel_requested")
                .params(done, total, id.value(), workerId, attempt).query(Boolean.class).optional());
    }

    void checkpoint(JobId id, String workerId, int attempt, String checkpoint, long done) {
        jdbc.sql("UPDATE job SET checkpoint = ?::jsonb, done = ?, heartbeat_at = clock_timestamp() WHERE id = ? "
                        + "AND worker_id = ? AND attempts = ? AND status = 'RUNNING'")
                .params(checkpoint, done, id.value(), workerId, attempt).update();
    }

    Standing standing(JobId id, String workerId, int attempt) {
        return Standing.of(jdbc.sql("SELECT cancel_requested FROM job WHERE id = ? AND worker_id = ? AND attempts = ? "
                        + "AND status = 'RUNNING'")
                .params(id.value(), workerId, attempt).query(Boolean.class).optional());
    }

    /**
     * Ends a run; does nothing if the job was taken from this attempt meanwhile. Writes of a running attempt are fenced
     * by its worker and its attempt number: a re-queued job may be claimed again by the same worker.
     */
    boolean finish(JobId id, String workerId, int attempt, JobStatus status, String error) {
        return jdbc.sql("UPDATE job SET status = ?, error = ?, finished_at = now(), worker_id = NULL, "
                        + "done = CASE WHEN ? = 'SUCCEEDED' AND total IS NOT NULL THEN greatest(done, total) ELSE done END "
                        + "WHERE id = ? AND worker_id = ? AND attempts = ? AND status = 'RUNNING'")
                .params(status.name(), error, status.name(), id.value(), workerId, attempt).update() == 1;
    }

    void heartbeat(String workerId, Collection<UUID> running) {
        if (running.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE job SET heartbeat_at = clock_timestamp() WHERE worker_id = ? AND status = 'RUNNING' "
                        + "AND id = ANY (?::uuid[])")
                .params(workerId, "{" + String.join(",", running.stream().map(UUID::toString).toList()) + "}")
                .update();
    }

    /**
     * Puts the jobs of a lost worker back in the queue (or fails or cancels them); returns how many. The jobs
     * {@code ownRunning} that the calling worker {@code workerId} is running are never taken from it, however old
     * their heartbeat: the caller is alive (a heartbeat held up by a slow commit or a lock must not start a second
     * run of a job still running).
     */
    int requeueStale(Duration staleAfter, String workerId, Collection<UUID> ownRunning) {
        return jdbc.sql("""
                        UPDATE job SET
                            status = CASE WHEN cancel_requested THEN 'CANCELLED'
                                          WHEN attempts >= max_attempts THEN 'FAILED' ELSE 'QUEUED' END,
                            error = CASE WHEN cancel_requested OR attempts < max_attempts THEN error
                                         ELSE 'its worker ' || coalesce(worker_id, '?') || ' stopped responding on attempt '
                                              || attempts || ' of ' || max_attempts END,
                            finished_at = CASE WHEN cancel_requested OR attempts >= max_attempts THEN now() END,
                            worker_id = NULL
                        WHERE status = 'RUNNING' AND heartbeat_at < clock_timestamp() - make_interval(secs => ?)
                          AND NOT coalesce(worker_id = ? AND id = ANY (?::uuid[]), false)""")
                .params((double) staleAfter.toMillis() / 1000, workerId,
                        "{" + String.join(",", ownRunning.stream().map(UUID::toString).toList()) + "}")
                .update();
    }

    /** On a clean shutdown, hands this worker's running jobs back to the queue at once. */
    int release(String workerId) {
        return jdbc.sql("UPDATE job SET status = 'QUEUED', worker_id = NULL, attempts = greatest(attempts - 1, 0) "
                + "WHERE worker_id = ? AND status = 'RUNNING'").param(workerId).update();
    }

    /** Asks to cancel: a queued job ends at once, a running one at its next check. */
    Optional<JobStatus> requestCancel(JobId id) {
        return jdbc.sql("""
                        UPDATE job SET cancel_requested = true,
                               status = CASE WHEN status = 'QUEUED' THEN 'CANCELLED' ELSE status END,
                               finished_at = CASE WHEN status = 'QUEUED' THEN now() ELSE finished_at END
                        WHERE id = ? AND status IN ('QUEUED', 'RUNNING') RETURNING status""")
                .param(id.value()).query((rs, n) -> JobStatus.valueOf(rs.getString(1))).optional();
    }

    void storeResult(JobId id, String filename, String contentType, byte[] content) {
        jdbc.sql("INSERT INTO job_result (job_id, filename, content_type, size_bytes, content) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (job_id) DO UPDATE SET filename = EXCLUDED.filename, "
                        + "content_type = EXCLUDED.content_type, size_bytes = EXCLUDED.size_bytes, content = EXCLUDED.content")
                .params(id.value(), filename, contentType, content.length, content).update();
    }

    record Result(String filename, String contentType, byte[] content) {
    }

    Optional<Result> result(JobId id) {
        return jdbc.sql("SELECT filename, content_type, content FROM job_result WHERE job_id = ?").param(id.value())
                .query((rs, n) -> new Result(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional();
    }

    private static JobRow map(ResultSet rs, int row) throws SQLException {
        long total = rs.getLong("total");
        Long totalOrNull = rs.wasNull() ? null : total;
        return new JobRow(new JobId(rs.getObject("id", UUID.class)), rs.getLong("seq"), rs.getString("type"),
                rs.getString("description"), rs.getString("payload"), JobStatus.valueOf(rs.getString("status")),
                rs.getLong("done"), totalOrNull, rs.getLong("done_at_start"), rs.getString("checkpoint"),
                rs.getString("error"), rs.getBoolean("cancel_requested"), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getString("worker_id"), instant(rs, "heartbeat_at"),
                rs.getString("result_permission"), rs.getString("created_by"), instant(rs, "created_at"),
                instant(rs, "started_at"), instant(rs, "finished_at"), rs.getBoolean("has_result"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
