package io.liuliang.analytics;

/**
 * One bar group of the calibration/holdout chart: the customers who made {@code frequency} repeat purchases in the
 * calibration period (the last group is "7 or more"), and their mean actual and predicted repeat purchases in the
 * holdout period.
 */
record CalibrationBin(int frequency, boolean orMore, long customers, double actual, double predicted) {

    /** Calibration frequencies 0..LAST-1 have their own group; LAST and above share one. */
    static final int LAST = 7;
}
