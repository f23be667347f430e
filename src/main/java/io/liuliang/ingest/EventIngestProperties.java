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
 */
@ConfigurationProperties("liuliang.events")
record EventIngestProperties(@DefaultValue("5s") Duration survivorCacheTtl) {
}
