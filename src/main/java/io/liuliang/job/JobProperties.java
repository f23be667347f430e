package io.liuliang.job;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the job runner ({@code LIULIANG_JOBS_*}).
 *
 * @param workers jobs run at once by this instance
 * @param pollInterval how often an idle instance looks for queued jobs
 * @param heartbeatInterval how often a running job proves its worker is alive
 * @param staleAfter a running job whose heartbeat is older than this lost its worker and is re-queued
 * @param maxAttempts runs of one job before it is failed for good
 */
@ConfigurationProperties("liuliang.jobs")
record JobProperties(@DefaultValue("2") int workers, @DefaultValue("1s") Duration pollInterval,
                     @DefaultValue("5s") Duration heartbeatInterval, @DefaultValue("60s") Duration staleAfter,
                     @DefaultValue("3") int maxAttempts) {
}
