package io.liuliang.analytics;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model of Fader, Hardie &amp; Lee (2005), "Counting Your Customers the Easy Way": while alive, a customer
 * buys as a Poisson process with rate λ ~ Gamma(r, α); after each purchase they drop out with probability
 * p ~ Beta(a, b). Time is in weeks.
 */
record BgNbd(double r, double alpha, double a, double b) {

    /** Distance from a = 1 below which the (removable) singularity of the expectations is stepped around. */
    private static final double A_NEAR_ONE = 1e-9;

    BgNbd {
        for (double v : new double[] {r, alpha, a, b}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("BG/NBD parameters must be positive and finite: r=" + r
                        + ", alpha=" + alpha + ", a=" + a + ", b=" + b);
            }
        }
    }

    /** From log-parameters (the optimiser's space). */
    static BgNbd ofLog(double[] logParams) {
        return new BgNbd(Math.exp(logParams[0]), Math.exp(logParams[1]), Math.exp(logParams[2]), Math.exp(logParams[3]));
    }

    double[] toLog() {
        return new double[] {Math.log(r), Math.log(alpha), Math.log(a), Math.log(b)};
    }

    /** The log-likelihood of one customer's history (FHL 2005 eq. 6), in a stable log-sum-exp form. */
    double logLikelihood(int x, double tx, double t) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        return a1 + a2 + tail(x, tx, t);
    }

    /** The log-likelihood of all histories (weighted by their counts); the Γ terms are computed once per x. */
    double logLikelihood(FrequencyData data) {
        int maxX = data.maxX();
        double[] byX = new double[maxX + 1];
        boolean[] known = new boolean[maxX + 1];
        double constant = -Gamma.logGamma(r) + r * Math.log(alpha) + Gamma.logGamma(a + b) - Gamma.logGamma(b);
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            int x = data.x(i);
            if (!known[x]) {
                byX[x] = Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x);
                known[x] = true;
            }
            sum += data.weight(i) * (constant + byX[x] + tail(x, data.tx(i), data.t(i)));
        }
        return sum;
    }

    /** log[(α+T)^-(r+x) + δ(x>0) a/(b+x-1) (α+t_x)^-(r+x)]. */
    private double tail(int x, double tx, double t) {
        double a3 = -(r + x) * Math.log(alpha + t);
        if (x == 0) {
            return a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        double max = Math.max(a3, a4);
        return max + Math.log(Math.exp(a3 - max) + Math.exp(a4 - max));
    }

    /** P(alive | x, t_x, T): the probability that the customer has not dropped out by T. */
    double pAlive(int x, double tx, double t) {
        if (x == 0) {
            return 1;
        }
        double logRatio = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + t) - Math.log(alpha + tx));
        return 1 / (1 + Math.exp(logRatio));
    }

    /**
     * E[Y(t) | x, t_x, T]: the expected purchases in the next {@code horizon} weeks (FHL 2005 eq. 10).
     */
    double conditionalExpectedPurchases(double horizon, int x, double tx, double t) {
        if (horizon <= 0) {
            return 0;
        }
        double aa = Math.abs(a - 1) < A_NEAR_ONE ? 1 + A_NEAR_ONE : a;
        double c = aa + b + x - 1;
        double z = horizon / (alpha + t + horizon);
        double numerator = c / (aa - 1) * (1 - weightedHypergeometric(aa, c, x, z));
        if (x == 0) {
            return numerator;
        }
        double logRatio = Math.log(aa) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + t) - Math.log(alpha + tx));
        return numerator / (1 + Math.exp(logRatio));
    }

    /**
     * (1-z)^(r+x) 2F1(r+x, b+x; c; z) with c = a+b+x-1. By Euler's transformation it also equals
     * (1-z)^(a-1) 2F1(a+b-1-r, a-1; c; z). The textbook form's terms explode for heavy buyers (large x), the
     * transformed one's for large a and b (a drop-out probability nearly the same for everyone), so the form whose
     * series starts smaller is summed first, the other if that fails, and the textbook form in log space last.
     */
    private double weightedHypergeometric(double aa, double c, int x, double z) {
        double log1mz = Math.log1p(-z);
        double[] textbook = {r + x, b + x, r + x};
        double[] euler = {aa + b - 1 - r, aa - 1, aa - 1};
        boolean textbookFirst = Math.abs(textbook[0] * textbook[1]) <= Math.abs(euler[0] * euler[1]);
        for (double[] form : textbookFirst ? new double[][] {textbook, euler} : new double[][] {euler, textbook}) {
            double sum = Hypergeometric.f21(form[0], form[1], c, z);
            if (Double.isFinite(sum) && sum > 0) {
                return Math.exp(form[2] * log1mz + Math.log(sum));
            }
        }
        return Math.exp(textbook[2] * log1mz + Hypergeometric.logF21(textbook[0], textbook[1], c, z));
    }

    /** E[X(t)]: the expected purchases of a new customer in their first {@code t} weeks (after the first purchase). */
    double expectedPurchases(double t) {
        return conditionalExpectedPurchases(t, 0, 0, 0);
    }

    /** P(X(t) = x) for a new customer (FHL 2005 eq. 8). */
    double probabilityOfPurchases(int x, double t) {
        double logP0 = r * (Math.log(alpha) - Math.log(alpha + t));
        double logZ = Math.log(t) - Math.log(alpha + t);
        double logBetaRatio = Gamma.logGamma(b + x) + Gamma.logGamma(a + b) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double first = Math.exp(logBetaRatio + Gamma.logGamma(r + x) - Gamma.logGamma(r) - Gamma.logGamma(x + 1.0)
                + logP0 + (x == 0 ? 0 : x * logZ));
        if (x == 0) {
            return first;
        }
        double partial = 0;
        for (int j = 0; j < x; j++) {
            partial += Math.exp(Gamma.logGamma(r + j) - Gamma.logGamma(r) - Gamma.logGamma(j + 1.0) + logP0
                    + (j == 0 ? 0 : j * logZ));
        }
        double logBeta2 = Math.log(a) + Gamma.logGamma(b + x - 1) + Gamma.logGamma(a + b) - Gamma.logGamma(b)
                - Gamma.logGamma(a + b + x);
        return first + Math.exp(logBeta2) * (1 - partial);
    }
}
