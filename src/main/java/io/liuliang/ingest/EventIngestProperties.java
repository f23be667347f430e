package io.liuliang.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of event ingestion ({@code LIULIANG_EVENTS_*}).
 *
 * @param survivorCacheTtl how long this instance trusts that a customer id stands for a given customer (itself, or the
 *                         survivor it was merged into) without looking it up again. Merges and unmerges made through
 *                         this instance take effect at once; one made on another instance is seen within this bound,
 *                         and an event sent meanwhile for the merged-away id is stored under that id. {@code 0s}
 *                         looks up on every request.
 * @param commitThreads    threads that store the events of concurrent requests together (group commit): each takes
 *                         every request waiting, stores them in one transaction and answers each once it committed.
 *                         One gathers the largest groups (everything that arrived while it committed the last one):
 *                         with 8 concurrent clients, 2.9 single events or 3.1 batches per transaction, against 1.9
 *                         with two threads. {@code 0} stores every request in its own transaction, in the request's
 *                         thread.
 * @param maxGroupEvents   a group stops taking requests once it holds this many events (a request is never split,
 *                         so a group can end up to one request past it)
 */
@ConfigurationProperties("liuliang.events")
record EventIngestProperties(@DefaultValue("5s") Duration survivorCacheTtl, @DefaultValue("1") int commitThreads,
                             @DefaultValue("5000") int maxGroupEvents) {
}
