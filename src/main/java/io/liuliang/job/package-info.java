/**
 * Background jobs for long work (imports, recomputes, bulk sends): a durable queue in PostgreSQL, claimed with
 * {@code FOR UPDATE SKIP LOCKED} so that each job runs once however many instances run, with progress, cancel,
 * heartbeats and safe restart after a crash. Modules contribute {@link io.liuliang.job.JobHandler}s and submit
 * work through {@link io.liuliang.job.Jobs}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Background jobs")
package io.liuliang.job;
