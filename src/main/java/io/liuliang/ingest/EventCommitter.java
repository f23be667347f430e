package io.liuliang.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Group commit for event requests: concurrent requests wait in a queue, and a committer thread (or a few) takes every
 * request waiting (until it holds {@code liuliang.events.max-group-events}), stores them in one transaction with one
 * insert, and answers each request only once that transaction committed, so every acknowledged event is durable. A
 * busy server thus pays one commit (one WAL flush) and one {@code EventsRecorded} announcement for many requests
 * instead of one each.
 * <p>
 * Each request is answered as if it had been stored alone: its per-item results are its own, and an event sent by two
 * requests of one group is stored for the first and a duplicate for the second. When a group's transaction fails
 * (a request whose events the database refuses, a deadlock with another group), each of its requests is stored again
 * on its own, so only the request at fault fails.
 */
@Component
class EventCommitter implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventCommitter.class);
    /** Stops after the web server stopped taking requests (those in flight are answered), before the pool closes. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
    /** How often an idle committer and a waiting request look at whether the committers are stopping. */
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    /** Stores several requests' events in one transaction; one result per submission, in their order. */
    @FunctionalInterface
    interface GroupStore {
        List<EventIngestion.Result> store(List<EventIngestion.Submission> group);
    }

    private record Pending(EventIngestion.Submission submission, CompletableFuture<EventIngestion.Result> answer) {
    }

    private final GroupStore store;
    private final int threads;
    private final int maxGroupEvents;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean running;

    @Autowired
    EventCommitter(EventIngestion ingestion, EventIngestProperties properties) {
        this(ingestion::ingestAll, properties.commitThreads(), properties.maxGroupEvents());
    }

    EventCommitter(GroupStore store, int threads, int maxGroupEvents) {
        this.store = store;
        this.threads = threads;
        this.maxGroupEvents = Math.max(1, maxGroupEvents);
    }

    /** Stores one request's events and answers once they are durable (with the group they were stored in). */
    EventIngestion.Result ingest(List<RawEvent> items, String source) {
        EventIngestion.Submission submission = new EventIngestion.Submission(items, source);
        if (!running) {
            return alone(submission);
        }
        Pending pending = new Pending(submission, new CompletableFuture<>());
        queue.add(pending);
        while (true) {
            try {
                return pending.answer().get(CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // the committers stopped before taking it: store it here
                if (!running && queue.remove(pending)) {
                    return alone(submission);
                }
            } catch (ExecutionException e) {
                throw rethrown(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the events were being stored; send them again "
                        + "(events already stored are reported as duplicates)", e);
            }
        }
    }

    private EventIngestion.Result alone(EventIngestion.Submission submission) {
        return store.store(List.of(submission)).get(0);
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    private void commitLoop() {
        List<Pending> group = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            Pending first;
            try {
                first = queue.poll(CHECK_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            group.clear();
            group.add(first);
            int events = first.submission().items().size();
            Pending next;
            while (events < maxGroupEvents && (next = queue.poll()) != null) {
                group.add(next);
                events += next.submission().items().size();
            }
            commit(group);
        }
    }

    private void commit(List<Pending> group) {
        try {
            List<EventIngestion.Result> results = store.store(group.stream().map(Pending::submission).toList());
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(results.get(i));
            }
        } catch (Throwable failure) {
            if (group.size() == 1) {
                group.get(0).answer().completeExceptionally(failure);
                return;
            }
            log.debug("A group of {} event requests failed ({}); storing each on its own", group.size(),
                    failure.toString());
            for (Pending pending : group) {
                try {
                    pending.answer().complete(alone(pending.submission()));
                } catch (Throwable own) {
                    pending.answer().completeExceptionally(own);
                }
            }
        }
    }

    @Override
    public synchronized void start() {
        if (running || threads <= 0) {
            return;
        }
        running = true;
        for (int i = 0; i < threads; i++) {
            Thread committer = new Thread(this::commitLoop, "event-commit-" + (i + 1));
            committer.setDaemon(true);
            committer.start();
            committers.add(committer);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        for (Thread committer : committers) {
            try {
                committer.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        committers.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
