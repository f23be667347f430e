package io.liuliang.analytics;

import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma model of spend per transaction (Fader, Hardie &amp; Lee 2005, "RFM and CLV"; Colombo &amp; Jiang
 * 1999): a customer's transaction values are Gamma(p, ν) with ν ~ Gamma(q, γ), independent of their purchase
 * frequency.
 */
record GammaGamma(double p, double q, double gamma) {

    GammaGamma {
        for (double v : new double[] {p, q, gamma}) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite: p=" + p
                        + ", q=" + q + ", gamma=" + gamma);
            }
        }
    }

    static GammaGamma ofLog(double[] logParams) {
        return new GammaGamma(Math.exp(logParams[0]), Math.exp(logParams[1]), Math.exp(logParams[2]));
    }

    double[] toLog() {
        return new double[] {Math.log(p), Math.log(q), Math.log(gamma)};
    }

    /** The log-likelihood of one customer's x repeat transactions with mean value zbar. */
    double logLikelihood(int x, double zbar) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(gamma)
                + (px - 1) * Math.log(zbar) + px * Math.log(x) - (px + q) * Math.log(x * zbar + gamma);
    }

    /** The log-likelihood of all repeat buyers; the Γ terms, which depend on x only, are computed once per x. */
    double logLikelihood(SpendData data) {
        java.util.Map<Integer, Double> byX = new java.util.HashMap<>();
        double constant = -Gamma.logGamma(q) + q * Math.log(gamma);
        double sum = 0;
        for (int i = 0; i < data.size(); i++) {
            int x = data.x(i);
            double zbar = data.zbar(i);
            double px = p * x;
            double terms = byX.computeIfAbsent(x, k -> Gamma.logGamma(p * k + q) - Gamma.logGamma(p * k) + p * k * Math.log(k));
            sum += constant + terms + (px - 1) * Math.log(zbar) - (px + q) * Math.log(x * zbar + gamma);
        }
        return sum;
    }

    /** The population mean spend per transaction, pγ/(q-1); infinite when q &le; 1. */
    double meanSpend() {
        return q > 1 ? p * gamma / (q - 1) : Double.POSITIVE_INFINITY;
    }

    /**
     * E[M | x, zbar]: the expected spend per future transaction, a weighted mean of the population mean and the
     * customer's own mean; the population mean for a customer without repeat purchases.
     */
    double conditionalExpectedSpend(int x, double zbar) {
        if (x <= 0) {
            return meanSpend();
        }
        return p * (gamma + x * zbar) / (p * x + q - 1);
    }
}
