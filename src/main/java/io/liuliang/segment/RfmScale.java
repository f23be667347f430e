package io.liuliang.segment;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The boundaries RFM scores are computed with, and the scoring itself. The database view {@code customer_metrics}
 * applies the same rules to the stored scale (see V10), so Java and SQL agree.
 *
 * @param asOf the day recency is counted to
 * @param mode quintile boundaries are passed strictly, merchant thresholds inclusively
 * @param recency four ascending recency boundaries (days)
 * @param frequency four ascending frequency boundaries
 * @param monetary four ascending monetary boundaries
 * @param customers how many customers with a purchase the scale was computed over
 */
public record RfmScale(LocalDate asOf, MetricsSettings.RfmMode mode, List<BigDecimal> recency, List<BigDecimal> frequency,
                       List<BigDecimal> monetary, int customers) {

    private static final double[] QUANTILES = {0.2, 0.4, 0.6, 0.8};

    public RfmScale {
        recency = List.copyOf(recency);
        frequency = List.copyOf(frequency);
        monetary = List.copyOf(monetary);
    }

    /** R, F and M, each 1..5. */
    public record Scores(int r, int f, int m) {
    }

    /** Scores of a customer with at least one purchase. */
    Scores score(int recencyDays, int orders, BigDecimal netSpent) {
        boolean inclusive = mode == MetricsSettings.RfmMode.THRESHOLDS;
        BigDecimal rec = BigDecimal.valueOf(recencyDays);
        BigDecimal freq = BigDecimal.valueOf(orders);
        int r = 1;
        int f = 1;
        int m = 1;
        for (int i = 0; i < MetricsSettings.BOUNDARIES; i++) {
            int recVsBound = rec.compareTo(recency.get(i));
            int freqVsBound = freq.compareTo(frequency.get(i));
            int monVsBound = netSpent.compareTo(monetary.get(i));
            r += inclusive ? (recVsBound <= 0 ? 1 : 0) : (recVsBound < 0 ? 1 : 0);
            f += inclusive ? (freqVsBound >= 0 ? 1 : 0) : (freqVsBound > 0 ? 1 : 0);
            m += inclusive ? (monVsBound >= 0 ? 1 : 0) : (monVsBound > 0 ? 1 : 0);
        }
        return new Scores(r, f, m);
    }

    /** The merchant's thresholds as a scale. */
    static RfmScale thresholds(LocalDate asOf, MetricsSettings.Thresholds t, int customers) {
        return new RfmScale(asOf, MetricsSettings.RfmMode.THRESHOLDS,
                t.recencyDays().stream().map(BigDecimal::valueOf).toList(),
                t.frequency().stream().map(BigDecimal::valueOf).toList(), t.monetary(), customers);
    }

    /**
     * Quintile boundaries over the given values (customers with a purchase), interpolated like PostgreSQL's
     * {@code percentile_cont}.
     */
    static RfmScale quintiles(LocalDate asOf, int[] recencyDays, int[] orders, BigDecimal[] netSpent) {
        double[] rec = Arrays.stream(recencyDays).asDoubleStream().sorted().toArray();
        double[] freq = Arrays.stream(orders).asDoubleStream().sorted().toArray();
        double[] mon = Arrays.stream(netSpent).mapToDouble(BigDecimal::doubleValue).sorted().toArray();
        return new RfmScale(asOf, MetricsSettings.RfmMode.QUINTILES, bounds(rec), bounds(freq), bounds(mon), rec.length);
    }

    private static List<BigDecimal> bounds(double[] sorted) {
        return Arrays.stream(QUANTILES).mapToObj(q -> BigDecimal.valueOf(percentileCont(sorted, q))).toList();
    }

    static double percentileCont(double[] sorted, double q) {
        return percentileCont(sorted.length, q, rank -> sorted[(int) rank]);
    }

    /**
     * PostgreSQL's {@code percentile_cont} over {@code n} ascending values, of which {@code valueAt} reads the one at
     * a 0-based rank (only the one or two ranks the fraction falls between are read).
     */
    static double percentileCont(long n, double q, java.util.function.LongToDoubleFunction valueAt) {
        if (n == 0) {
            return 0;
        }
        double position = q * (n - 1);
        long lower = (long) Math.floor(position);
        long upper = (long) Math.ceil(position);
        double low = valueAt.applyAsDouble(lower);
        double high = upper == lower ? low : valueAt.applyAsDouble(upper);
        return low + (high - low) * (position - lower);
    }

    /** The 0-based ranks {@link #percentileCont(long, double, java.util.function.LongToDoubleFunction)} reads for {@code q}. */
    static long[] ranksRead(long n, double q) {
        if (n == 0) {
            return new long[0];
        }
        double position = q * (n - 1);
        long lower = (long) Math.floor(position);
        long upper = (long) Math.ceil(position);
        return upper == lower ? new long[] {lower} : new long[] {lower, upper};
    }

    static double[] quantiles() {
        return QUANTILES.clone();
    }
}
