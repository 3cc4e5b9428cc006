package dev.ladder.core.pareto;

/**
 * The crowding distance of NSGA-II (Deb, Pratap, Agarwal, Meyarivan, "A fast and elitist multiobjective
 * genetic algorithm: NSGA-II", IEEE TEVC 2002, section III-B): per objective, the gap between a member's
 * two neighbours in the front over the front's range; the extremes get +infinity. Larger is lonelier, so
 * preferring it spreads the front.
 */
public final class Crowding {
    private Crowding() {
    }

    /** Adds each member's distance within {@code front} (in lexicographic order) to {@code out[member]}. */
    static void distances(double[] x, int k, int[] front, double[] out) {
        int n = front.length;
        if (n <= 2) {
            for (int p : front) {
                out[p] = Double.POSITIVE_INFINITY;
            }
            return;
        }
        int[] sorted = front.clone();
        for (int m = 0; m < k; m++) {
            int obj = m;
            if (k == 2) { // a front in lexicographic order rises in the first loss and falls in the second
                if (m == 1) {
                    for (int i = 0; i < n / 2; i++) {
                        int t = sorted[i];
                        sorted[i] = sorted[n - 1 - i];
                        sorted[n - 1 - i] = t;
                    }
                }
            } else {
                IntSort.sort(sorted, 0, n, (a, b) -> {
                    int c = Double.compare(x[a * k + obj], x[b * k + obj]);
                    return c != 0 ? c : Integer.compare(a, b);
                });
            }
            double lo = x[sorted[0] * k + m];
            double range = x[sorted[n - 1] * k + m] - lo;
            out[sorted[0]] = Double.POSITIVE_INFINITY;
            out[sorted[n - 1]] = Double.POSITIVE_INFINITY;
            if (range <= 0) {
                continue;
            }
            for (int i = 1; i < n - 1; i++) {
                out[sorted[i]] += (x[sorted[i + 1] * k + m] - x[sorted[i - 1] * k + m]) / range;
            }
        }
    }

    /** The distance point {@code p} would have if added to {@code front}: the same rule, from its neighbours in each objective. */
    static double of(double[] x, int k, int[] front, double[] p) {
        double d = 0;
        for (int m = 0; m < k; m++) {
            double below = Double.NEGATIVE_INFINITY;
            double above = Double.POSITIVE_INFINITY;
            double min = p[m];
            double max = p[m];
            for (int q : front) {
                double v = x[q * k + m];
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v <= p[m] && v > below) {
                    below = v;
                }
                if (v >= p[m] && v < above) {
                    above = v;
                }
            }
            if (below == Double.NEGATIVE_INFINITY || above == Double.POSITIVE_INFINITY) {
                return Double.POSITIVE_INFINITY;
            }
            if (max > min) {
                d += (above - below) / (max - min);
            }
        }
        return d;
    }
}
