package io.liuliang.analytics;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the CLV models ({@code liuliang.models.clv.*}).
 *
 * @param refitCron when the scheduled refit runs (Spring cron, in {@code zone}); {@code -} turns it off. Set by
 *                  {@code LIULIANG_CLV_REFIT_CRON}; weekly on Monday at 03:00 by default
 * @param zone the merchant's time zone: "today" for fits of the whole merchant and for the schedule
 * @param holdoutWeeks the holdout period of a fit without a calibration end (and of the scheduled refit): the
 *                     parameters are fitted on the history up to that many weeks ago, checked against the weeks since
 * @param annualDiscountRate the discount rate of the 12-month CLV (0 = undiscounted), see {@link ClvValuation}
 * @param minRepeaters a fit needs at least this many customers who bought again in the calibration period
 * @param scoringChunk customers valued per chunk while scoring
 */
@ConfigurationProperties("liuliang.models.clv")
record ClvProperties(@DefaultValue("0 0 3 * * MON") String refitCron, @DefaultValue("Asia/Shanghai") ZoneId zone,
                     @DefaultValue("13") int holdoutWeeks, @DefaultValue("0.10") double annualDiscountRate,
                     @DefaultValue("20") int minRepeaters, @DefaultValue("50000") int scoringChunk) {
}
