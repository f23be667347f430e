package io.liuliang.job;

/** Thrown inside a handler by {@link JobContext#checkCancelled()}; ends the job as CANCELLED. */
public class JobCancelledException extends RuntimeException {

    public JobCancelledException() {
        super("cancelled on request");
    }
}
