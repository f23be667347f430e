package io.liuliang.job;

import java.time.Duration;
import java.time.Instant;

/** A row of the {@code job} table. */
record JobRow(JobId id, long seq, String type, String description, String payload, JobStatus status, long done,
              Long total, long doneAtStart, String checkpoint, String error, boolean cancelRequested, int attempts,
              int maxAttempts, String workerId, Instant heartbeatAt, String resultPermission, String createdBy,
              Instant createdAt, Instant startedAt, Instant finishedAt, boolean hasResult) {

    /** Items per second of the current (or last) run, or null before there is anything to measure. */
    Double ratePerSecond(Instant now) {
        if (startedAt == null || (status != JobStatus.RUNNING && finishedAt == null)) {
            return null;
        }
        Instant end = status == JobStatus.RUNNING ? now : finishedAt;
        double seconds = Duration.between(startedAt, end).toMillis() / 1000.0;
        long processed = done - doneAtStart;
        return seconds <= 0 || processed <= 0 ? null : processed / seconds;
    }

    /** Seconds left at the current rate, when the total is known. */
    Long etaSeconds(Instant now) {
        Double rate = ratePerSecond(now);
        if (status != JobStatus.RUNNING || total == null || rate == null) {
            return null;
        }
        return Math.round(Math.max(0, total - done) / rate);
    }

    Double percent() {
        if (status == JobStatus.SUCCEEDED) {
            return 100.0;
        }
        if (total == null || total == 0) {
            return null;
        }
        return Math.min(100.0, 100.0 * done / total);
    }
}
