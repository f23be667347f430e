package io.liuliang.job;

/**
 * Runs one type of job. A handler must be safe to run again after a crash: either resume from
 * {@link JobContext#checkpoint()} or redo its work idempotently.
 */
public interface JobHandler {

    String type();

    void run(JobContext context) throws Exception;
}
