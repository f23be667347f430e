package io.liuliang.job;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import io.liuliang.shared.ApiProblemException;

@Service
class JobService implements Jobs {

    private final JobRepository jobs;
    private final JobRunner runner;
    private final JobProperties properties;

    JobService(JobRepository jobs, JobRunner runner, JobProperties properties) {
        this.jobs = jobs;
        this.runner = runner;
        this.properties = properties;
    }

    @Override
    public java.util.Optional<JobStatus> statusOf(JobId id) {
        return jobs.find(id).map(JobRow::status);
    }

    @Override
    public JobId submit(JobSubmission submission) {
        if (submission.type() == null || submission.type().isBlank()) {
            throw ApiProblemException.invalid("type", "a job needs a type");
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String createdBy = auth == null || !auth.isAuthenticated() ? null : auth.getName();
        JobId id = JobId.random();
        jobs.insert(id, submission, createdBy, properties.maxAttempts());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runner.wake();
                }
            });
        } else {
            runner.wake();
        }
        return id;
    }
}
