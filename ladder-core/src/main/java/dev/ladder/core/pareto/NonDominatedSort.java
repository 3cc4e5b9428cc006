package dev.ladder.core.pareto;

import java.util.Arrays;

/**
 * Non-dominated sorting by binary search (ENS-BS: Zhang, Tian, Cheng, Jin, "An efficient approach to
 * non-dominated sorting for evolutionary multiobjective optimization", IEEE TEVC 2015): the points in
 * lexicographic order, each put into the first front none of whose members dominates it, found by binary
 * search over the fronts. A point can only be dominated by points before it in that order. With two
 * objectives a front is checked in O(1) (its last member has its smallest second loss), so the sort costs
 * O(n log n); with three, in O(log n) against the front's staircase of (second, third) losses
 * ({@link Staircase}); with more it checks the front's members, O(n log(fronts) * front size * k).
 * Invariant: each front's members are in lexicographic order and no member dominates another.
 */
public final class NonDominatedSort {
    private NonDominatedSort() {
    }

    /** The fronts of points {@code members} of {@code x} (k objectives), best first; the input array is sorted in place. */
    public static int[][] fronts(double[] x, int k, int[] members, int count) {
        IntSort.sort(members, 0, count, (a, b) -> Points.lex(x, k, a, b));
        return frontsOfSorted(x, k, members, count);
    }

    /** The fronts of points {@code members}, already in lexicographic order ({@link Points#lex}). */
    static int[][] frontsOfSorted(double[] x, int k, int[] members, int count) {
        int[][] fronts = new int[4][];
        int[] sizes = new int[4];
        Staircase[] stairs = k == 3 ? new Staircase[4] : null;
        int nFronts = 0;
        for (int i = 0; i < count; i++) {
            int p = members[i];
            int lo = 0;
            int hi = nFronts; // first front that does not dominate p lies in [lo, hi]
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (k == 3 ? stairs[mid].covers(x, p) : dominatedBy(x, k, fronts[mid], sizes[mid], p)) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo == nFronts) {
                if (nFronts == fronts.length) {
                    fronts = Arrays.copyOf(fronts, nFronts * 2);
                    sizes = Arrays.copyOf(sizes, nFronts * 2);
                    stairs = stairs == null ? null : Arrays.copyOf(stairs, nFronts * 2);
                }
                if (stairs != null) {
                    stairs[nFronts] = new Staircase();
                }
                fronts[nFronts] = new int[4];
                sizes[nFronts++] = 0;
            }
            if (sizes[lo] == fronts[lo].length) {
                fronts[lo] = Arrays.copyOf(fronts[lo], sizes[lo] * 2);
            }
            fronts[lo][sizes[lo]++] = p;
            if (stairs != null) {
                stairs[lo].add(x, p);
            }
        }
        int[][] out = new int[nFronts][];
        for (int f = 0; f < nFronts; f++) {
            out[f] = Arrays.copyOf(fronts[f], sizes[f]);
        }
        return out;
    }

    /**
     * A front's members of three objectives seen as points (second, third loss), keeping only those no other
     * weakly dominates: second losses strictly increasing, third strictly decreasing. For a point after every
     * member in lexicographic order (its first loss no smaller), some member dominates it exactly when the
     * member with the largest second loss not above its own has a third loss not above its own, unless that
     * member equals it.
     */
    private static final class Staircase {
        private final java.util.TreeMap<Double, Integer> steps = new java.util.TreeMap<>();

        boolean covers(double[] x, int p) {
            java.util.Map.Entry<Double, Integer> e = steps.floorEntry(x[p * 3 + 1]);
            if (e == null || x[e.getValue() * 3 + 2] > x[p * 3 + 2]) {
                return false;
            }
            int q = e.getValue();
            return x[q * 3] != x[p * 3] || x[q * 3 + 1] != x[p * 3 + 1] || x[q * 3 + 2] != x[p * 3 + 2];
        }

        void add(double[] x, int p) {
            double second = x[p * 3 + 1];
            double third = x[p * 3 + 2];
            java.util.Map.Entry<Double, Integer> e = steps.floorEntry(second);
            if (e != null && x[e.getValue() * 3 + 2] <= third) {
                return; // weakly dominated in (second, third): the step there answers for it
            }
            java.util.Iterator<java.util.Map.Entry<Double, Integer>> it = steps.tailMap(second, true).entrySet().iterator();
            while (it.hasNext() && x[it.next().getValue() * 3 + 2] >= third) {
                it.remove();
            }
            steps.put(second, p);
        }
    }

    /** True when a member of {@code front} (lexicographic order, all before p) dominates p. */
    private static boolean dominatedBy(double[] x, int k, int[] front, int size, int p) {
        if (k == 2) {
            int q = front[size - 1]; // before p in order, with the front's smallest second loss
            return Points.dominates(x, k, q, p);
        }
        for (int i = size - 1; i >= 0; i--) {
            if (Points.dominates(x, k, front[i], p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when some member of {@code front} (lexicographic order, no member dominating another) dominates
     * the point {@code p} of {@code y} (a vector of k losses), wherever p lies in the order.
     */
    static boolean dominates(double[] x, int k, int[] front, double[] p) {
        if (k == 2) {
            int lo = 0;
            int hi = front.length; // members with first loss <= p's: [0, lo)
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (x[front[mid] * 2] <= p[0]) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo == 0) {
                return false;
            }
            int q = front[lo - 1]; // among those, the smallest second loss
            double q0 = x[q * 2];
            double q1 = x[q * 2 + 1];
            return q1 < p[1] || (q1 == p[1] && q0 < p[0]);
        }
        for (int q : front) {
            boolean better = false;
            boolean worse = false;
            for (int m = 0; m < k && !worse; m++) {
                double u = x[q * k + m];
                worse = u > p[m];
                better |= u < p[m];
            }
            if (!worse && better) {
                return true;
            }
        }
        return false;
    }
}
