package io.liuliang.ingest;

/**
 * The deterministic random numbers behind the demo merchant: SplitMix64, one small generator per (seed, stream,
 * index), so that customer 123 456 gets the same life whatever else is generated and in whatever order. Only
 * {@link StrictMath} is used, so a seed gives the same bytes on every JVM and platform. Also holds the keyed
 * bijections that make unique, random-looking codes (phones, buyer ids, order numbers) without remembering which
 * codes were given out.
 */
final class DemoRandom {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;

    DemoRandom(long seed) {
        this.state = seed;
    }

    /** The generator of one {@code index} (a customer, say) in one {@code stream} (their orders, say). */
    static DemoRandom of(long seed, int stream, long index) {
        return new DemoRandom(mix64(mix64(seed + GOLDEN * (stream + 1)) ^ (index * 0xD1B54A32D192ED03L)));
    }

    /** The SplitMix64 finaliser: a bijection of the 64-bit integers that scrambles every bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The state, from which {@code new DemoRandom(state)} goes on with the same numbers. */
    long state() {
        return state;
    }

    long nextLong() {
        state += GOLDEN;
        return mix64(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    /** Uniform in [low, high], both included. */
    int between(int low, int high) {
        return low + nextInt(high - low + 1);
    }

    boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** Exponential with mean 1. */
    double exponential() {
        return -StrictMath.log(1.0 - nextDouble());
    }

    /** Standard normal (Box–Muller, one of the pair). */
    double normal() {
        double u = 1.0 - nextDouble();
        double v = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u)) * StrictMath.cos(2.0 * StrictMath.PI * v);
    }

    /** Gamma with the given shape and scale (Marsaglia–Tsang; shapes below 1 by the boost trick). */
    double gamma(double shape, double scale) {
        if (shape < 1.0) {
            double boost = StrictMath.pow(1.0 - nextDouble(), 1.0 / shape);
            return gamma(shape + 1.0, scale) * boost;
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / StrictMath.sqrt(9.0 * d);
        while (true) {
            double x = normal();
            double v = 1.0 + c * x;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = 1.0 - nextDouble();
            if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
                return d * v * scale;
            }
        }
    }

    /** Beta(a, b) from two gammas. */
    double beta(double a, double b) {
        double x = gamma(a, 1.0);
        double y = gamma(b, 1.0);
        return x + y == 0 ? 0.5 : x / (x + y);
    }

    /** An index drawn with the weights whose running sums are {@code cumulative} (see {@link #cumulative}). */
    int pick(double[] cumulative) {
        return indexAt(cumulative, nextDouble() * cumulative[cumulative.length - 1]);
    }

    /** The first index whose running sum exceeds {@code x}. */
    static int indexAt(double[] cumulative, double x) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (cumulative[mid] > x) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /**
     * Draws indexes with given weights in constant time (Walker's alias method, built by Vose's algorithm): one
     * uniform number per draw.
     */
    static final class Alias {

        private final double[] probability;
        private final int[] alias;

        Alias(double... weights) {
            int n = weights.length;
            probability = new double[n];
            alias = new int[n];
            double sum = 0;
            for (double w : weights) {
                sum += w;
            }
            double[] scaled = new double[n];
            int[] small = new int[n];
            int[] large = new int[n];
            int smalls = 0;
            int larges = 0;
            for (int i = 0; i < n; i++) {
                scaled[i] = weights[i] * n / sum;
                if (scaled[i] < 1.0) {
                    small[smalls++] = i;
                } else {
                    large[larges++] = i;
                }
            }
            while (smalls > 0 && larges > 0) {
                int s = small[--smalls];
                int l = large[--larges];
                probability[s] = scaled[s];
                alias[s] = l;
                scaled[l] = scaled[l] + scaled[s] - 1.0;
                if (scaled[l] < 1.0) {
                    small[smalls++] = l;
                } else {
                    large[larges++] = l;
                }
            }
            while (larges > 0) {
                probability[large[--larges]] = 1.0;
            }
            while (smalls > 0) {
                probability[small[--smalls]] = 1.0;
            }
        }

        int pick(DemoRandom random) {
            double u = random.nextDouble() * probability.length;
            int i = (int) u;
            return u - i < probability[i] ? i : alias[i];
        }

        int size() {
            return probability.length;
        }
    }

    /** Running sums of weights: {@code cumulative[i] = weights[0] + ... + weights[i]}. */
    static double[] cumulative(double... weights) {
        double[] sums = new double[weights.length];
        double sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i];
            sums[i] = sum;
        }
        return sums;
    }

    /**
     * A keyed bijection of [0, 10^(2 × halfDigits)): a four-round Feistel network over two decimal halves. Distinct
     * inputs give distinct outputs, which look random.
     */
    static long permuteDecimal(long value, int halfDigits, long key) {
        long m = 1;
        for (int i = 0; i < halfDigits; i++) {
            m *= 10;
        }
        if (value < 0 || value >= m * m) {
            throw new IllegalArgumentException(value + " is outside [0, 10^" + (2 * halfDigits) + ")");
        }
        long left = value / m;
        long right = value % m;
        for (int round = 0; round < 4; round++) {
            long f = (mix64(right ^ (key + round * GOLDEN)) >>> 1) % m;
            long next = (left + f) % m;
            left = right;
            right = next;
        }
        return left * m + right;
    }

    /** A keyed bijection of [0, 2^(2 × halfBits)): a four-round Feistel network over two binary halves. */
    static long permuteBinary(long value, int halfBits, long key) {
        long mask = (1L << halfBits) - 1;
        if (value < 0 || (value >>> (2 * halfBits)) != 0) {
            throw new IllegalArgumentException(value + " is outside [0, 2^" + (2 * halfBits) + ")");
        }
        long left = value >>> halfBits;
        long right = value & mask;
        for (int round = 0; round < 4; round++) {
            long next = left ^ (mix64(right ^ (key + round * GOLDEN)) & mask);
            left = right;
            right = next;
        }
        return (left << halfBits) | right;
    }
}
