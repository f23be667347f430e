package io.liuliang.analytics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.liuliang.job.JobContext;
import io.liuliang.job.JobHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fits and scores one scope: load the calibration histories (one set-based query), fit BG/NBD and Gamma-Gamma,
 * build the calibration/holdout chart, then store the model and score every customer in one transaction (so readers
 * see the old model with its predictions until the new one has all of its own). Progress is in thousandths: loading
 * takes the first {@value #LOADED}, fitting up to {@value #FITTED}, scoring the rest, written outside the scoring
 * transaction. A restarted job simply fits again; fits of one scope are serialised by an advisory lock.
 */
@Component
class ClvFitJob implements JobHandler {

    static final String TYPE = "analytics.clv-fit";
    private static final Logger log = LoggerFactory.getLogger(ClvFitJob.class);
    private static final long TOTAL = 1_000;
    private static final long LOADED = 100;
    private static final long FITTED = 300;
    private static final String LOCK_PREFIX = "analytics.clv:";

    private final ClvHistories histories;
    private final ClvModelStore models;
    private final ClvScoring scoring;
    private final ClvProperties properties;
    private final TransactionTemplate tx;
    /** For progress written while the scoring transaction is open: the job row must not wait for its commit. */
    private final TransactionTemplate outside;
    private final JsonMapper json;

    ClvFitJob(ClvHistories histories, ClvModelStore models, ClvScoring scoring, ClvProperties properties,
              PlatformTransactionManager transactions, JsonMapper json) {
        this.histories = histories;
        this.models = models;
        this.scoring = scoring;
        this.properties = properties;
        this.tx = new TransactionTemplate(transactions);
        this.outside = new TransactionTemplate(transactions);
        this.outside.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
    }

    /** The job's input: the validated request, with its defaults filled in, and who asked. */
    record Payload(UUID shopId, LocalDate calibrationEnd, LocalDate holdoutEnd, String requestedBy) {
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void run(JobContext context) {
        Payload p = json.readValue(context.payload(), Payload.class);
        ClvScope scope = ClvScope.ofNullable(p.shopId());
        context.progress(0, TOTAL);
        ClvHistories.Calibration data = histories.calibration(scope, p.calibrationEnd(), p.holdoutEnd());
        FrequencyData frequency = new FrequencyData();
        for (ClvHistories.Group g : data.groups()) {
            frequency.add(g.x(), g.txDays() / ClvValuation.DAYS_PER_WEEK, g.tDays() / ClvValuation.DAYS_PER_WEEK,
                    g.customers());
        }
        if (frequency.repeaters() < properties.minRepeaters() || data.spend().size() < properties.minRepeaters()) {
            throw new IllegalStateException("Too few repeat buyers to fit: " + frequency.repeaters() + " customers bought "
                    + "again by " + p.calibrationEnd() + " (" + data.spend().size() + " with a positive spend), "
                    + properties.minRepeaters() + " are needed");
        }
        context.checkCancelled();
        context.progress(LOADED, TOTAL);

        MaximumLikelihood.Fitted<BgNbd> bg = MaximumLikelihood.fitBgNbd(frequency);
        context.checkCancelled();
        MaximumLikelihood.Fitted<GammaGamma> gg = MaximumLikelihood.fitGammaGamma(data.spend());
        if (gg.model().q() <= 1) {
            throw new IllegalStateException("The Gamma-Gamma fit has q = " + gg.model().q() + " <= 1: the mean spend "
                    + "per purchase is not finite on this data, so no CLV can be predicted");
        }
        List<CalibrationBin> chart = calibrationChart(bg.model(), data.groups(), p.calibrationEnd(), p.holdoutEnd());
        log.info("CLV fit of {} on {} customers ({} repeat buyers): {} (LL {}, {} evaluations), {} (LL {})", scope,
                frequency.customers(), frequency.repeaters(), bg.model(), bg.logLikelihood(), bg.evaluations(),
                gg.model(), gg.logLikelihood());
        context.checkCancelled();
        context.progress(FITTED, TOTAL);

        ClvValuation valuation = new ClvValuation(properties.annualDiscountRate());
        tx.executeWithoutResult(status -> {
            models.lock(LOCK_PREFIX + scope.id());
            long modelId = models.insert(new ClvModelStore.NewModel(scope, bg.model(), gg.model(), bg.logLikelihood(),
                    gg.logLikelihood(), p.calibrationEnd(), p.holdoutEnd(), frequency.customers(), frequency.repeaters(),
                    properties.annualDiscountRate(), chart, context.id().value(), p.requestedBy()));
            long scored = scoring.score(modelId, scope, p.holdoutEnd(), bg.model(), gg.model(), valuation,
                    properties.scoringChunk(), (done, total) -> outside.executeWithoutResult(inner -> {
                        // in a transaction of its own: written inside the scoring one, the job row would stay locked
                        // (and its heartbeat stale) until the scoring commits
                        context.checkCancelled();
                        context.progress(FITTED + (total == 0 ? 0 : (TOTAL - FITTED) * done / total), TOTAL);
                    }));
            models.scored(modelId, scored);
        });
        context.progress(TOTAL, TOTAL);
    }

    /**
     * Actual vs predicted repeat purchases in the holdout period, by calibration frequency 0..6 and 7+ (like lifetimes'
     * plot_calibration_purchases_vs_holdout_purchases). Empty when there is no holdout period.
     */
    static List<CalibrationBin> calibrationChart(BgNbd model, List<ClvHistories.Group> groups, LocalDate calibrationEnd,
                                                 LocalDate holdoutEnd) {
        long holdoutDays = holdoutEnd.toEpochDay() - calibrationEnd.toEpochDay();
        if (holdoutDays <= 0) {
            return List.of();
        }
        double horizon = holdoutDays / ClvValuation.DAYS_PER_WEEK;
        int bins = CalibrationBin.LAST + 1;
        long[] customers = new long[bins];
        double[] actual = new double[bins];
        double[] predicted = new double[bins];
        for (ClvHistories.Group g : groups) {
            int bin = Math.min(g.x(), CalibrationBin.LAST);
            customers[bin] += g.customers();
            actual[bin] += g.holdoutPurchases();
            predicted[bin] += g.customers() * model.conditionalExpectedPurchases(horizon, g.x(),
                    g.txDays() / ClvValuation.DAYS_PER_WEEK, g.tDays() / ClvValuation.DAYS_PER_WEEK);
        }
        List<CalibrationBin> chart = new ArrayList<>();
        for (int i = 0; i < bins; i++) {
            if (customers[i] > 0) {
                chart.add(new CalibrationBin(i, i == CalibrationBin.LAST, customers[i], actual[i] / customers[i],
                        predicted[i] / customers[i]));
            }
        }
        return chart;
    }
}
