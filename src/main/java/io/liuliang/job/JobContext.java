package io.liuliang.job;

import java.util.Optional;

/** What a running job sees of itself. */
public interface JobContext {

    JobId id();

    /** The submission's payload JSON. */
    String payload();

    /** 1 on the first run, more when the job was restarted after its worker was lost. */
    int attempt();

    /** The last checkpoint saved by an earlier attempt, to resume from. */
    Optional<String> checkpoint();

    /** Reports progress; written at most a few times per second. {@code total} may be null when unknown. */
    void progress(long done, Long total);

    /** Saves a resume point durably, with the progress reached. */
    void checkpoint(String json, long done);

    /** Throws {@link JobCancelledException} when someone asked to cancel this job. */
    void checkCancelled();

    /** Stores the job's downloadable result (replacing an earlier one). */
    void storeResult(String filename, String contentType, byte[] content);
}
