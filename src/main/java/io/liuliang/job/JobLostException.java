package io.liuliang.job;

/**
 * Thrown inside a handler by {@link JobContext#checkCancelled()} when this attempt no longer owns its job: the job was
 * re-queued (its worker was presumed lost) and another attempt runs it, or will. The attempt stops without recording
 * anything about the job or what it belongs to (an import's run, say): that is the current attempt's to record.
 */
public class JobLostException extends RuntimeException {

    public JobLostException() {
        super("this attempt no longer owns the job: another attempt runs it");
    }
}
