package dev.ladder.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One trial's reports (resource, metric value, seconds since the experiment's first event) in arrays that
 * grow, and the decisions the journal records for it with their reasons.
 */
final class TrialSeries {
    final int trialId;
    final String configJson;
    private long[] resources = new long[4];
    private double[] values = new double[4];
    private double[] times = new double[4];
    private int size;
    final List<Api.Decision> decisions = new ArrayList<>(4);

    TrialSeries(int trialId, String configJson) {
        this.trialId = trialId;
        this.configJson = configJson;
    }

    void add(long resource, double value, double t) {
        if (size == resources.length) {
            resources = Arrays.copyOf(resources, size * 2);
            values = Arrays.copyOf(values, size * 2);
            times = Arrays.copyOf(times, size * 2);
        }
        resources[size] = resource;
        values[size] = value;
        times[size] = t;
        size++;
    }

    int size() {
        return size;
    }

    /** The last reported value, NaN before any report. */
    double lastValue() {
        return size == 0 ? Double.NaN : values[size - 1];
    }

    /** Its learning curve of at most {@code max} points, picked as by {@link #points}. */
    Api.Curve curve(String status, int max) {
        int[] pick = Downsample.indices(size, max);
        long[] r = new long[pick.length];
        double[] v = new double[pick.length];
        for (int i = 0; i < pick.length; i++) {
            r[i] = resources[pick[i]];
            v[i] = values[pick[i]];
        }
        return new Api.Curve(trialId, status, r, v);
    }

    /** At most {@code max} of the reports, evenly spaced, always with the first and the last. */
    List<Api.Point> points(int max) {
        List<Api.Point> out = new ArrayList<>(Math.min(size, max));
        for (int i : Downsample.indices(size, max)) {
            out.add(new Api.Point(resources[i], values[i], times[i]));
        }
        return out;
    }
}
