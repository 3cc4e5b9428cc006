package dev.ladder.benchmarks.harness;

import java.util.Arrays;

/**
 * A value that changes at moments of simulated time and holds in between (a best-so-far curve):
 * {@code values[i]} holds from {@code times[i]} on; before the first time there is no value (NaN).
 */
public record StepCurve(double[] times, double[] values) {
    public static final StepCurve EMPTY = new StepCurve(new double[0], new double[0]);

    public StepCurve {
        if (times.length != values.length) {
            throw new IllegalArgumentException("a step curve needs as many times as values, got " + times.length
                    + " and " + values.length);
        }
    }

    /** The value at simulated time t, NaN before the first step. */
    public double at(double t) {
        double v = Double.NaN;
        for (int i = 0; i < times.length && times[i] <= t; i++) {
            v = values[i];
        }
        return v;
    }

    /** The last value, NaN for an empty curve. */
    public double last() {
        return values.length == 0 ? Double.NaN : values[values.length - 1];
    }

    /** The first time the value reached {@code target} (at least it when maximising, at most it when minimising), or NaN. */
    public double firstReaching(double target, boolean maximize) {
        for (int i = 0; i < times.length; i++) {
            if (maximize ? values[i] >= target : values[i] <= target) {
                return times[i];
            }
        }
        return Double.NaN;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepCurve c && Arrays.equals(times, c.times) && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(times) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "StepCurve" + Arrays.toString(times) + " -> " + Arrays.toString(values);
    }
}
