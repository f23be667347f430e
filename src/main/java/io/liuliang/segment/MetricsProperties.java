package io.liuliang.segment;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Customer metrics settings ({@code liuliang.metrics.*}; the timezone and the recompute schedule are also {@code LIULIANG_TIMEZONE} and {@code LIULIANG_RFM_RECOMPUTE_CRON}).
 *
 * @param timezone the merchant's timezone: "today" for recency and lifecycle ({@code LIULIANG_TIMEZONE})
 * @param drainInterval how often the worker recomputes customers whose orders, refunds or events changed
 * @param drainBatch customers recomputed per transaction
 * @param recomputeCron when the full RFM + lifecycle recompute runs (daily, merchant timezone)
 * @param rescaleShare the share of customers changed since the last recompute above which the worker recomputes
 *                     the RFM boundaries at once (a large import)
 * @param rebuildChunk customers per step (transaction, checkpoint) of a full metrics rebuild: each step joins its
 *                     customers' orders, items and events by hash over the whole tables, so steps are few and large
 */
@ConfigurationProperties("liuliang.metrics")
record MetricsProperties(@DefaultValue("Asia/Shanghai") ZoneId timezone,
                         @DefaultValue("500ms") Duration drainInterval,
                         @DefaultValue("2000") int drainBatch,
                         @DefaultValue("0 10 0 * * *") String recomputeCron,
                         @DefaultValue("0.05") double rescaleShare,
                         @DefaultValue("250000") int rebuildChunk) {

    MetricsProperties {
        if (rebuildChunk < 1) {
            throw new IllegalArgumentException("liuliang.metrics.rebuild-chunk must be at least 1, not " + rebuildChunk);
        }
    }
}
