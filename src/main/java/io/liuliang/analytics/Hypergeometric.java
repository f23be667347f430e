package io.liuliang.analytics;

/** The Gauss hypergeometric function 2F1, by its power series (|z| &lt; 1), as the BG/NBD expectations need it. */
final class Hypergeometric {

    private static final double RELATIVE_TOLERANCE = 1e-14;
    private static final int MAX_TERMS = 100_000;

    private Hypergeometric() {
    }

    /** 2F1(a, b; c; z) for 0 &le; z &lt; 1. */
    static double f21(double a, double b, double c, double z) {
        if (z < 0 || z >= 1) {
            throw new IllegalArgumentException("2F1 series needs 0 <= z < 1, got " + z);
        }
        double term = 1;
        double sum = 1;
        for (int k = 0; k < MAX_TERMS; k++) {
            term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
            sum += term;
            if (Math.abs(term) <= RELATIVE_TOLERANCE * Math.abs(sum)) {
                return sum;
            }
        }
        return sum;
    }
}
