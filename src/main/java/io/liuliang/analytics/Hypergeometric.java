package io.liuliang.analytics;

/** The Gauss hypergeometric function 2F1, by its power series (0 &le; z &lt; 1), as the BG/NBD expectations need it. */
final class Hypergeometric {

    private static final double RELATIVE_TOLERANCE = 1e-14;
    private static final int MAX_TERMS = 100_000;
    private static final int MAX_LOG_TERMS = 10_000_000;

    private Hypergeometric() {
    }

    /** 2F1(a, b; c; z); NaN when the series does not settle within its term budget or leaves the doubles. */
    static double f21(double a, double b, double c, double z) {
        checkZ(z);
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (!Double.isFinite(sum)) {
                return Double.NaN;
            }
            if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
                return sum;
            }
        }
        return Double.NaN;
    }

    /**
     * log 2F1(a, b; c; z) for positive a, b, c, summed in log space: slower, but it neither overflows nor
     * underflows when the terms first grow enormously (large parameters). NaN when it does not settle.
     */
    static double logF21(double a, double b, double c, double z) {
        checkZ(z);
        if (!(a > 0 && b > 0 && c > 0)) {
            return Double.NaN;
        }
        if (z == 0) {
            return 0;
        }
        double logZ = Math.log(z);
        double logTerm = 0;
        double logSum = 0;
        for (int k = 0; k < MAX_LOG_TERMS; k++) {
            double step = Math.log(a + k) + Math.log(b + k) - Math.log(c + k) - Math.log(k + 1.0) + logZ;
            logTerm += step;
            double max = Math.max(logSum, logTerm);
            logSum = max + Math.log(Math.exp(logSum - max) + Math.exp(logTerm - max));
            if (step < 0 && logTerm - logSum < Math.log(RELATIVE_TOLERANCE)) {
                return logSum;
            }
        }
        return Double.NaN;
    }

    private static void checkZ(double z) {
        if (z < 0 || z >= 1) {
            throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
        }
    }
}
