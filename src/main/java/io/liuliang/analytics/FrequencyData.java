package io.liuliang.analytics;

import java.util.Arrays;

/**
 * Calibration-period histories for BG/NBD, one row per distinct (x, t_x, T) with how many customers share it:
 * x repeat purchases (purchase days after the first), t_x the time of the last purchase and T the time since the
 * first, both in weeks from the first purchase.
 */
final class FrequencyData {

    private static final int INITIAL_CAPACITY = 1024;

    private int size;
    private int[] x = new int[INITIAL_CAPACITY];
    private double[] tx = new double[INITIAL_CAPACITY];
    private double[] t = new double[INITIAL_CAPACITY];
    private double[] weight = new double[INITIAL_CAPACITY];
    private int maxX;
    private double customers;
    private double repeaters;

    FrequencyData add(int repeatPurchases, double lastPurchase, double age, double count) {
        if (repeatPurchases < 0 || lastPurchase < 0 || age < lastPurchase || count <= 0) {
            throw new IllegalArgumentException("not a purchase history: x=" + repeatPurchases + ", t_x=" + lastPurchase
                    + ", T=" + age + ", n=" + count);
        }
        if (size == x.length) {
            int capacity = size * 2;
            x = Arrays.copyOf(x, capacity);
            tx = Arrays.copyOf(tx, capacity);
            t = Arrays.copyOf(t, capacity);
            weight = Arrays.copyOf(weight, capacity);
        }
        x[size] = repeatPurchases;
        tx[size] = lastPurchase;
        t[size] = age;
        weight[size] = count;
        size++;
        maxX = Math.max(maxX, repeatPurchases);
        customers += count;
        if (repeatPurchases > 0) {
            repeaters += count;
        }
        return this;
    }

    int size() {
        return size;
    }

    int x(int i) {
        return x[i];
    }

    double tx(int i) {
        return tx[i];
    }

    double t(int i) {
        return t[i];
    }

    double weight(int i) {
        return weight[i];
    }

    int maxX() {
        return maxX;
    }

    /** Customers (the sum of the weights). */
    long customers() {
        return Math.round(customers);
    }

    /** Customers with at least one repeat purchase. */
    long repeaters() {
        return Math.round(repeaters);
    }
}
