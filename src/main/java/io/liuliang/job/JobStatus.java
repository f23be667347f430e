package io.liuliang.job;

/** Lifecycle of a job: QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED (a lost worker puts it back to QUEUED). */
public enum JobStatus {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
