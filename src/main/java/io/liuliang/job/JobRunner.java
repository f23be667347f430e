package io.liuliang.job;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Claims queued jobs and runs them on a small worker pool. Each instance has its own worker id; a job's state
 * changes are fenced by it, heartbeats keep it alive, and jobs whose worker stopped heart-beating are re-queued
 * (up to their maximum attempts) by whichever instance notices first.
 */
@Component
class JobRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);
    private static final long PROGRESS_WRITE_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private static final long CANCEL_CHECK_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int SHUTDOWN_WAIT_SECONDS = 10;

    private final JobRepository jobs;
    private final JobProperties properties;
    private final Map<String, JobHandler> handlers;
    private final String workerId;
    private final Map<UUID, Thread> running = new ConcurrentHashMap<>();
    private final AtomicInteger busy = new AtomicInteger();
    private volatile boolean started;
    private ScheduledExecutorService scheduler;
    private ExecutorService workers;

    JobRunner(JobRepository jobs, JobProperties properties, List<JobHandler> handlers) {
        this.jobs = jobs;
        this.properties = properties;
        this.handlers = handlers.stream().collect(Collectors.toUnmodifiableMap(JobHandler::type, Function.identity()));
        this.workerId = hostName() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    String workerId() {
        return workerId;
    }

    Set<String> types() {
        return handlers.keySet();
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "job-scheduler"));
        AtomicInteger n = new AtomicInteger();
        workers = Executors.newFixedThreadPool(properties.workers(), r -> daemon(r, "job-worker-" + n.incrementAndGet()));
        started = true;
        long poll = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pollSafely, poll, poll, TimeUnit.MILLISECONDS);
        long beat = properties.heartbeatInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::heartbeatAndReap, beat, beat, TimeUnit.MILLISECONDS);
        log.info("Job runner {} started with {} workers for {}", workerId, properties.workers(), handlers.keySet());
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        scheduler.shutdownNow();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("Some jobs did not stop within {} s", SHUTDOWN_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int released = jobs.release(workerId);
        if (released > 0) {
            log.info("Handed {} running job(s) back to the queue for another instance", released);
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Looks for work now (after a submission) instead of at the next poll. */
    void wake() {
        ScheduledExecutorService s = scheduler;
        if (started && s != null) {
            try {
                s.execute(this::pollSafely);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down
            }
        }
    }

    private void pollSafely() {
        try {
            while (started && busy.get() < properties.workers()) {
                Optional<JobRow> claimed = jobs.claim(workerId, handlers.keySet());
                if (claimed.isEmpty()) {
                    return;
                }
                busy.incrementAndGet();
                JobRow job = claimed.get();
                workers.execute(() -> execute(job));
            }
        } catch (RuntimeException e) {
            log.warn("Could not poll for jobs: {}", e.getMessage());
        }
    }

    private void heartbeatAndReap() {
        try {
            List<UUID> mine = List.copyOf(running.keySet());
            jobs.heartbeat(workerId, mine);
            int requeued = jobs.requeueStale(properties.staleAfter(), workerId, mine);
            if (requeued > 0) {
                log.warn("Re-queued {} job(s) whose worker stopped responding", requeued);
            }
        } catch (RuntimeException e) {
            log.warn("Job heartbeat failed: {}", e.getMessage());
        }
    }

    private void execute(JobRow job) {
        running.put(job.id().value(), Thread.currentThread());
        try {
            JobHandler handler = handlers.get(job.type());
            Context context = new Context(job);
            log.info("Job {} ({}) started, attempt {}", job.id(), job.type(), job.attempts());
            handler.run(context);
            jobs.finish(job.id(), workerId, job.attempts(), JobStatus.SUCCEEDED, null);
            log.info("Job {} ({}) succeeded", job.id(), job.type());
        } catch (JobLostException e) {
            log.warn("Job {} ({}) attempt {} stopped: the job was re-queued and another attempt runs it", job.id(),
                    job.type(), job.attempts());
        } catch (JobCancelledException e) {
            if (!started) {
                log.info("Job {} interrupted by shutdown; it goes back to the queue", job.id());
                return;
            }
            jobs.finish(job.id(), workerId, job.attempts(), JobStatus.CANCELLED, null);
            log.info("Job {} ({}) cancelled", job.id(), job.type());
        } catch (Exception e) {
            if (!started || Thread.currentThread().isInterrupted()) {
                log.info("Job {} interrupted by shutdown; it goes back to the queue", job.id());
                return;
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            jobs.finish(job.id(), workerId, job.attempts(), JobStatus.FAILED, message);
            log.warn("Job {} ({}) failed: {}", job.id(), job.type(), message, e);
        } finally {
            running.remove(job.id().value());
            busy.decrementAndGet();
            wake();
        }
    }

    private final class Context implements JobContext {
        private final JobRow job;
        private long lastProgressWrite;
        private long lastCancelCheck = System.nanoTime();
        private volatile JobRepository.Standing standing;

        Context(JobRow job) {
            this.job = job;
            this.standing = job.cancelRequested() ? JobRepository.Standing.CANCEL_REQUESTED : JobRepository.Standing.OWNED;
        }

        @Override
        public JobId id() {
            return job.id();
        }

        @Override
        public String payload() {
            return job.payload();
        }

        @Override
        public int attempt() {
            return job.attempts();
        }

        @Override
        public Optional<String> checkpoint() {
            return Optional.ofNullable(job.checkpoint());
        }

        @Override
        public void progress(long done, Long total) {
            long now = System.nanoTime();
            boolean last = total != null && done >= total;
            if (last || now - lastProgressWrite >= PROGRESS_WRITE_INTERVAL_NANOS) {
                lastProgressWrite = now;
                lastCancelCheck = now;
                standing = jobs.progress(job.id(), workerId, job.attempts(), done, total);
            }
        }

        @Override
        public void checkpoint(String json, long done) {
            jobs.checkpoint(job.id(), workerId, job.attempts(), json, done);
        }

        @Override
        public void checkCancelled() {
            long now = System.nanoTime();
            if (standing == JobRepository.Standing.OWNED && now - lastCancelCheck >= CANCEL_CHECK_INTERVAL_NANOS) {
                lastCancelCheck = now;
                standing = jobs.standing(job.id(), workerId, job.attempts());
            }
            if (standing == JobRepository.Standing.LOST) {
                throw new JobLostException();
            }
            if (standing == JobRepository.Standing.CANCEL_REQUESTED || Thread.currentThread().isInterrupted()) {
                throw new JobCancelledException();
            }
        }

        @Override
        public void storeResult(String filename, String contentType, byte[] content) {
            jobs.storeResult(job.id(), filename, contentType, content);
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
