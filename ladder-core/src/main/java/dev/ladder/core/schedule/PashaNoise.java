package dev.ladder.core.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PASHA's automatic soft-ranking epsilon: the noise in the learning curves, measured on pairs of trials
 * whose order flipped and flipped back. The source at hand (Bohdal et al., "PASHA: Efficient HPO and NAS
 * with Progressive Resource Allocation", ICLR 2023, arXiv:2207.06940) is only PASHA's abstract and
 * section 1 (introduction), so the rule is the one its authors ship as {@code soft_ranking_auto}
 * (Syne Tune's {@code PASHARungSystem._update_epsilon}), restated here on losses:
 *
 * <p>The window is the resources {@code (low, high]} between the two current top rung levels. For
 * every pair of trials that both reported at some resource in the window, take the largest such common
 * resource e; let s be the sign of the pair's loss difference at e. The pair counts when, at the common
 * resources before e (the whole learning curves, from the first report), the order s occurred and
 * later the opposite order -s occurred (the pair flipped, then flipped back at e); it contributes the
 * distance |loss_a(e) - loss_b(e)|. After every report, when the set of distances is not empty,
 * epsilon is its 90th percentile with linear interpolation between closest ranks (numpy's default);
 * when it is empty, epsilon keeps its last value, initially 0. Equal losses have no order: they neither
 * flip nor restore an order, and a pair tied at e contributes nothing.
 *
 * <p>Bound (not in the sources): the pairs are those among the first {@value #SAMPLED_TRIALS} trials to
 * report in the window. The rule read literally needs every pair of the window's trials, which is
 * quadratic in a top rung that stays put with many members (a million-trial simulation); up to that
 * many trials in the window it is the rule exactly, beyond it a sample of at most 8,128 pairs.
 *
 * <p>Invariants: each sampled pair contributes at most one distance, the one at its latest common
 * resource in the window; when distances exist, {@code epsilon} equals their percentile; epsilon is
 * never negative; at most {@value #SAMPLED_TRIALS} trials are sampled per window.
 * Cost: a report outside the window or from an unsampled trial is O(1) (it is appended to its trial's
 * curve); a sampled report is O(w) for the w <= 128 sampled trials plus O(p) to keep the p <= 8,128
 * distances sorted, and a pair's first common resource in the window scans both curves once.
 * Memory: the curves, ~20 bytes per report, and the sampled window's reports and pairs.
 */
final class PashaNoise {
    static final double PERCENTILE = 0.9;
    static final int SAMPLED_TRIALS = 128;

    /** Every accepted report, chained backwards per trial through {@code before}. */
    private long[] resource = new long[64];
    private double[] loss = new double[64];
    private int[] before = new int[64];
    private int reports;
    /** Per trial id: the index of its latest report, -1 when it has none. */
    private int[] latest = new int[0];

    private long low;
    private long high;
    /** The trials with reports in the window, and those reports (resource to loss). */
    private final Map<Integer, Map<Long, Double>> window = new LinkedHashMap<>();
    private final Map<Long, Pair> pairs = new HashMap<>();
    /** The pairs' distances, sorted ascending. */
    private double[] distances = new double[16];
    private int count;
    private double epsilon;

    /** A pair's history of orders at common resources, in time order, and its current distance (NaN: none). */
    private static final class Pair {
        boolean seenPlus;
        boolean seenMinus;
        boolean plusThenMinus;
        boolean minusThenPlus;
        double distance = Double.NaN;

        void observe(int sign) {
            if (sign > 0) {
                minusThenPlus |= seenMinus;
                seenPlus = true;
            } else if (sign < 0) {
                plusThenMinus |= seenPlus;
                seenMinus = true;
            }
        }

        /** The distance at a common resource with loss difference d, given the orders before it. */
        double distanceAt(double d) {
            return (d > 0 && plusThenMinus) || (d < 0 && minusThenPlus) ? Math.abs(d) : Double.NaN;
        }
    }

    PashaNoise(long low, long high) {
        window(low, high);
    }

    /** The current estimate: the percentile of the distances, or the last one when there are none. */
    double epsilon() {
        return epsilon;
    }

    /** The number of pairs that flipped and flipped back in the window. */
    int distanceCount() {
        return count;
    }

    /** Moves the window to {@code (low, high]}; the pairs and their distances are forgotten, epsilon is kept. */
    void window(long low, long high) {
        this.low = low;
        this.high = high;
        window.clear();
        pairs.clear();
        count = 0;
    }

    /** Records trial {@code trial}'s loss at {@code at}; a report not above the trial's last one is ignored. */
    void add(int trial, long at, double value) {
        if (trial >= latest.length) {
            int old = latest.length;
            latest = Arrays.copyOf(latest, Math.max(trial + 1, old * 2));
            Arrays.fill(latest, old, latest.length, -1);
        }
        int last = latest[trial];
        if (last >= 0 && resource[last] >= at) {
            return;
        }
        append(trial, at, value);
        if (at <= low || at > high) {
            return;
        }
        Map<Long, Double> mine = window.get(trial);
        if (mine == null) {
            if (window.size() >= SAMPLED_TRIALS) {
                return;
            }
            mine = new HashMap<>();
            window.put(trial, mine);
        }
        boolean changed = false;
        for (Map.Entry<Integer, Map<Long, Double>> other : window.entrySet()) {
            Double theirs = other.getValue().get(at);
            if (other.getKey() != trial && theirs != null) {
                changed |= update(trial, value, other.getKey(), theirs, at);
            }
        }
        mine.put(at, value);
        if (changed && count > 0) {
            epsilon = percentile();
        }
    }

    private void append(int trial, long at, double value) {
        if (reports == resource.length) {
            int n = reports * 2;
            resource = Arrays.copyOf(resource, n);
            loss = Arrays.copyOf(loss, n);
            before = Arrays.copyOf(before, n);
        }
        resource[reports] = at;
        loss[reports] = value;
        before[reports] = latest[trial];
        latest[trial] = reports++;
    }

    /** Trials a and b both reported at {@code at}: the pair's distance becomes the one at {@code at}. */
    private boolean update(int a, double lossA, int b, double lossB, long at) {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        double d = a == lo ? lossA - lossB : lossB - lossA;
        long key = ((long) lo << 32) | (hi & 0xffffffffL);
        Pair pair = pairs.get(key);
        if (pair == null) {
            pair = new Pair();
            replayHistory(pair, lo, hi, at);
            pairs.put(key, pair);
        }
        double old = pair.distance;
        double now = pair.distanceAt(d);
        pair.observe(d > 0 ? 1 : d < 0 ? -1 : 0);
        pair.distance = now;
        if (Double.isNaN(old) && Double.isNaN(now) || old == now) {
            return false;
        }
        if (!Double.isNaN(old)) {
            remove(old);
        }
        if (!Double.isNaN(now)) {
            insert(now);
        }
        return true;
    }

    /** Feeds the pair's orders at their common resources below {@code at}, oldest first. */
    private void replayHistory(Pair pair, int lo, int hi, long at) {
        List<Integer> signs = new ArrayList<>();
        int i = latest[lo];
        int j = latest[hi];
        while (i >= 0 && j >= 0) {
            if (resource[i] >= at) {
                i = before[i];
            } else if (resource[j] >= at) {
                j = before[j];
            } else if (resource[i] == resource[j]) {
                double d = loss[i] - loss[j];
                signs.add(d > 0 ? 1 : d < 0 ? -1 : 0);
                i = before[i];
                j = before[j];
            } else if (resource[i] > resource[j]) {
                i = before[i];
            } else {
                j = before[j];
            }
        }
        for (int k = signs.size() - 1; k >= 0; k--) {
            pair.observe(signs.get(k));
        }
    }

    private void insert(double v) {
        if (count == distances.length) {
            distances = Arrays.copyOf(distances, count * 2);
        }
        int at = Arrays.binarySearch(distances, 0, count, v);
        at = at < 0 ? -at - 1 : at;
        System.arraycopy(distances, at, distances, at + 1, count - at);
        distances[at] = v;
        count++;
    }

    private void remove(double v) {
        int at = Arrays.binarySearch(distances, 0, count, v);
        if (at < 0) {
            throw new IllegalStateException("distance " + v + " is not recorded");
        }
        System.arraycopy(distances, at + 1, distances, at, count - at - 1);
        count--;
    }

    /** The 90th percentile of the sorted distances, interpolated linearly between closest ranks. */
    private double percentile() {
        double position = PERCENTILE * (count - 1);
        int k = (int) Math.floor(position);
        double fraction = position - k;
        return k + 1 < count ? distances[k] + fraction * (distances[k + 1] - distances[k]) : distances[k];
    }
}
