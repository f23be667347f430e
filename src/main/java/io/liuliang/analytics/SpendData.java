package io.liuliang.analytics;

import java.util.Arrays;

/** Gamma-Gamma input: per repeat buyer, x repeat purchases and their mean value zbar (positive). */
final class SpendData {

    private static final int INITIAL_CAPACITY = 1024;

    private int size;
    private int[] x = new int[INITIAL_CAPACITY];
    private double[] zbar = new double[INITIAL_CAPACITY];

    SpendData add(int repeatPurchases, double meanSpend) {
        if (repeatPurchases <= 0 || !(meanSpend > 0) || Double.isInfinite(meanSpend)) {
            throw new IllegalArgumentException("Gamma-Gamma needs x > 0 and zbar > 0, got x=" + repeatPurchases
                    + ", zbar=" + meanSpend);
        }
        if (size == x.length) {
            x = Arrays.copyOf(x, size * 2);
            zbar = Arrays.copyOf(zbar, size * 2);
        }
        x[size] = repeatPurchases;
        zbar[size] = meanSpend;
        size++;
        return this;
    }

    int size() {
        return size;
    }

    int x(int i) {
        return x[i];
    }

    double zbar(int i) {
        return zbar[i];
    }
}
