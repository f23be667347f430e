package io.liuliang.job;

/**
 * Work to queue.
 *
 * @param type the {@link JobHandler#type()} that runs it
 * @param description what an operator sees in the Jobs page
 * @param payloadJson the handler's input as a JSON object
 * @param resultPermission permission needed to download the job's result file, or null when anyone who can read
 *                         jobs may
 */
public record JobSubmission(String type, String description, String payloadJson, String resultPermission) {
}
