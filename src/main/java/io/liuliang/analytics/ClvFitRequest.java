package io.liuliang.analytics;

import java.time.LocalDate;
import java.util.UUID;

/**
 * A request to fit: the shop (none = the whole merchant), the last day of the calibration period (default: today
 * less the configured holdout weeks) and the last day of the holdout period, which is also the day customers are
 * scored as of (default: today).
 */
record ClvFitRequest(UUID shopId, LocalDate calibrationEnd, LocalDate holdoutEnd) {
}
