package io.liuliang.job;

/** Queues background work. */
public interface Jobs {

    /** Queues a job; it runs once on some instance. The creator is the current user, if any. */
    JobId submit(JobSubmission submission);

    /** The status of a job, if it exists. */
    java.util.Optional<JobStatus> statusOf(JobId id);
}
