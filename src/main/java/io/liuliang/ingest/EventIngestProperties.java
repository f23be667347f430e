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
 *                         {@code 0} stores every request in its own transaction, in the request's thread.
 * @param maxGroupEvents   how many events one group transaction takes at most (a request is never split; one larger
 *                         than this is a group of its own)
 */
@ConfigurationProperties("liuliang.events")
record EventIngestProperties(@DefaultValue("5s") Duration survivorCacheTtl, @DefaultValue("2") int commitThreads,
                             @DefaultValue("5000") int maxGroupEvents) {
}
