package io.liuliang.analytics;

/**
 * Turns the two models into a customer's figures. Horizons count 365 days as a year and 7 days as a week.
 * <p>
 * The 12-month CLV is the expected purchases of the next 12 months times the expected spend per purchase, each month's
 * purchases discounted to today at the monthly equivalent of {@code annualDiscountRate} (as lifetimes'
 * {@code customer_lifetime_value} does); with a rate of 0 it is simply E[purchases in 52.14 weeks] × E[spend].
 * The value is a margin-free revenue figure in the currency of the orders (scopes mixing currencies add them up).
 */
record ClvValuation(double annualDiscountRate) {

    static final double DAYS_PER_WEEK = 7;
    static final double NEXT_90_DAYS = 90 / DAYS_PER_WEEK;
    static final double ONE_YEAR = 365 / DAYS_PER_WEEK;
    static final int MONTHS = 12;

    ClvValuation {
        if (!(annualDiscountRate >= 0) || annualDiscountRate >= 1) {
            throw new IllegalArgumentException("the annual discount rate must be in [0, 1), got " + annualDiscountRate);
        }
    }

    /** The figures of one customer with x repeat purchases, last at t_x, first T weeks ago, mean repeat spend zbar. */
    Figures value(BgNbd bg, GammaGamma gg, int x, double tx, double t, double zbar) {
        double pAlive = bg.pAlive(x, tx, t);
        double next90 = bg.conditionalExpectedPurchases(NEXT_90_DAYS, x, tx, t);
        double spend = gg.conditionalExpectedSpend(x, Math.max(zbar, 0));
        return new Figures(pAlive, next90, spend, discountedPurchases(bg, x, tx, t) * spend, ChurnRisk.of(pAlive));
    }

    /** Expected purchases over the next year, each month's discounted. */
    double discountedPurchases(BgNbd bg, int x, double tx, double t) {
        if (annualDiscountRate == 0) {
            return bg.conditionalExpectedPurchases(ONE_YEAR, x, tx, t);
        }
        double monthly = Math.pow(1 + annualDiscountRate, 1.0 / MONTHS) - 1;
        double month = ONE_YEAR / MONTHS;
        double previous = 0;
        double total = 0;
        for (int m = 1; m <= MONTHS; m++) {
            double cumulative = bg.conditionalExpectedPurchases(m * month, x, tx, t);
            total += (cumulative - previous) / Math.pow(1 + monthly, m);
            previous = cumulative;
        }
        return total;
    }

    record Figures(double pAlive, double expectedPurchases90d, double expectedAvgSpend, double clv12m,
                   ChurnRisk churnRisk) {
    }
}
