package dev.ladder.core.share;

import java.util.Arrays;

/**
 * How much faster one training task runs on k slots than on one (k = 1 gives 1): a model of parallel
 * training such as Paleo's (L. Li, "Towards Efficient Automated Machine Learning", PhD thesis, CMU, 2020,
 * CMU-ML-20-104, section 3.5.2, Figure 3.8). Its efficiency on k slots is {@code of(k) / k}.
 */
@FunctionalInterface
public interface Speedup {

    /** The speedup on {@code k >= 1} slots. */
    double of(int k);

    /** Amdahl's law: a fraction {@code serial} of the work does not parallelise, so {@code of(k) = 1 / (serial + (1 - serial) / k)}. */
    static Speedup amdahl(double serial) {
        if (!(serial >= 0 && serial <= 1)) {
            throw new IllegalArgumentException("serial fraction must be in [0, 1], got " + serial);
        }
        return k -> 1 / (serial + (1 - serial) / k);
    }

    /** Measured or predicted speedups: {@code speedups[k - 1]} on k slots, the first being 1; none beyond the table. */
    static Speedup table(double... speedups) {
        if (speedups.length == 0 || speedups[0] != 1) {
            throw new IllegalArgumentException("a speedup table starts with 1 (one slot), got " + Arrays.toString(speedups));
        }
        for (int i = 0; i < speedups.length; i++) {
            if (!(speedups[i] > 0) || Double.isInfinite(speedups[i])) {
                throw new IllegalArgumentException("speedup on " + (i + 1) + " slots must be a positive number, got " + speedups[i]);
            }
        }
        double[] s = speedups.clone();
        return k -> {
            if (k < 1 || k > s.length) {
                throw new IllegalArgumentException("the speedup table covers 1.." + s.length + " slots, not " + k);
            }
            return s[k - 1];
        };
    }
}
