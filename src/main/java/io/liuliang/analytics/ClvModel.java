package io.liuliang.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A stored CLV fit: its parameters, likelihoods, periods and calibration/holdout chart. */
record ClvModel(long id, UUID shopId, BgNbd bgNbd, GammaGamma gammaGamma, double bgNbdLogLikelihood,
                double ggLogLikelihood, LocalDate calibrationEnd, LocalDate holdoutEnd, int customers, int repeaters,
                int scored, double annualDiscountRate, String timeUnit, List<CalibrationBin> calibration, UUID jobId,
                String fittedBy, Instant fittedAt) {

    static final String TIME_UNIT = "week";
}
