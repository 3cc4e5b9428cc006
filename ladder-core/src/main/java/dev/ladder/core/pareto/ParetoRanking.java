package dev.ladder.core.pareto;

import java.util.Arrays;

/**
 * A total order of points by several losses under a constraint, the order MO-ASHA ranks a rung by: feasible
 * points first, by non-dominated front ({@link NonDominatedSort}), within a front by decreasing crowding
 * distance ({@link Crowding}, NSGA-II's crowded-comparison operator), then by id; infeasible points after
 * them all, by increasing violation, then by id. It is computed once from the points given and is read only.
 */
public final class ParetoRanking {
    private final double[] x;
    private final int k;
    private final int[] ids;
    private final int[] order;
    private final int[][] fronts;
    private final int[] before;
    private final double[] crowding;
    private final double[] infeasibleViolations;
    private final int feasible;

    /**
     * Ranks points 0..n-1: point i has losses {@code x[i*k .. i*k+k-1]}, violation {@code violation[i]}
     * (0: feasible) and id {@code ids[i]}. The arrays are kept, not copied: the caller may append points after n but must not change points 0..n-1.
     */
    public ParetoRanking(double[] x, int k, double[] violation, int[] ids, int n) {
        this(x, k, violation, ids, n, lexOrder(x, k, n));
    }

    /** Points 0..n-1 in lexicographic order of their losses ({@link Points#lex}), for {@link #ParetoRanking(double[], int, double[], int[], int, int[])}. */
    public static int[] lexOrder(double[] x, int k, int n) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        IntSort.sort(all, 0, n, (a, b) -> Points.lex(x, k, a, b));
        return all;
    }

    /**
     * Merges {@code sorted}, points in lexicographic order, with points {@code from..n-1} (sorted here): the
     * lexicographic order of points 0..n-1 at the cost of sorting only the new ones.
     */
    public static int[] lexOrder(double[] x, int k, int[] sorted, int from, int n) {
        int[] fresh = new int[n - from];
        for (int i = from; i < n; i++) {
            fresh[i - from] = i;
        }
        IntSort.sort(fresh, 0, fresh.length, (a, b) -> Points.lex(x, k, a, b));
        int[] out = new int[n];
        int i = 0;
        int j = 0;
        int o = 0;
        while (i < sorted.length && j < fresh.length) {
            out[o++] = Points.lex(x, k, sorted[i], fresh[j]) <= 0 ? sorted[i++] : fresh[j++];
        }
        while (i < sorted.length) {
            out[o++] = sorted[i++];
        }
        while (j < fresh.length) {
            out[o++] = fresh[j++];
        }
        return out;
    }

    /** As {@link #ParetoRanking(double[], int, double[], int[], int)}, with the points' lexicographic order given. */
    public ParetoRanking(double[] x, int k, double[] violation, int[] ids, int n, int[] lex) {
        this.x = x;
        this.k = k;
        this.ids = ids;
        int[] feasibleOnes = new int[n];
        int[] infeasibleOnes = new int[n];
        int nf = 0;
        int ni = 0;
        for (int i : lex) {
            if (violation[i] == 0) {
                feasibleOnes[nf++] = i;
            } else {
                infeasibleOnes[ni++] = i;
            }
        }
        this.feasible = nf;
        this.fronts = NonDominatedSort.frontsOfSorted(x, k, feasibleOnes, nf);
        this.crowding = new double[n];
        this.before = new int[fronts.length + 1];
        this.order = new int[n];
        int pos = 0;
        for (int f = 0; f < fronts.length; f++) {
            before[f] = pos;
            int[] front = fronts[f];
            Crowding.distances(x, k, front, crowding);
            System.arraycopy(front, 0, order, pos, front.length);
            IntSort.sort(order, pos, pos + front.length, (a, b) -> {
                int c = Double.compare(crowding[b], crowding[a]);
                return c != 0 ? c : Integer.compare(ids[a], ids[b]);
            });
            pos += front.length;
        }
        before[fronts.length] = pos;
        System.arraycopy(infeasibleOnes, 0, order, pos, ni);
        IntSort.sort(order, pos, n, (a, b) -> {
            int c = Double.compare(violation[a], violation[b]);
            return c != 0 ? c : Integer.compare(ids[a], ids[b]);
        });
        this.infeasibleViolations = new double[ni];
        for (int i = 0; i < ni; i++) {
            infeasibleViolations[i] = violation[order[pos + i]];
        }
    }

    /** How many points it ranks. */
    public int size() {
        return order.length;
    }

    /** The point at rank {@code r} (0 = best). */
    public int at(int r) {
        return order[r];
    }

    /** How many feasible points it ranks. */
    public int feasible() {
        return feasible;
    }

    /** The first front (the non-dominated feasible points), as point indices. */
    public int[] first() {
        return fronts.length == 0 ? new int[0] : fronts[0].clone();
    }

    /**
     * The rank a new point (losses {@code p}, {@code violation}) would get among the ranked ones, which stay
     * as ranked: its front is the first none of whose members dominates it, its place in the front is after
     * the members lonelier than it would be there. Costs O(log(fronts) * log n) with two objectives plus the
     * crowding scan of its front.
     */
    public int rankOf(double[] p, double violation) {
        if (violation > 0) {
            int lo = 0;
            int hi = infeasibleViolations.length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (infeasibleViolations[mid] <= violation) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return feasible + lo;
        }
        int lo = 0;
        int hi = fronts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (NonDominatedSort.dominates(x, k, fronts[mid], p)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo == fronts.length ? feasible : rankInFront(lo, p);
    }

    /** A bound of {@link #rankNear}: the rank is exact, at most the one given, or at least it. */
    public static final int EXACT = 0;
    /** See {@link #EXACT}. */
    public static final int AT_MOST = -1;
    /** See {@link #EXACT}. */
    public static final int AT_LEAST = 1;

    /**
     * What {@link #rankOf} would say of a new point relative to rank {@code cut}, checking only the fronts
     * around the cut (one or two dominance checks instead of a binary search over every front): {rank,
     * bound}, where the rank is exact ({@link #EXACT}) or a bound on the same side of the cut as the exact
     * rank: at most a rank no greater than {@code cut} ({@link #AT_MOST}), or at least one greater
     * ({@link #AT_LEAST}). Dominance is nested (a point a front dominates, every earlier front dominates
     * too), which is what lets two fronts decide.
     */
    public int[] rankNear(double[] p, double violation, int cut) {
        if (violation > 0) {
            return new int[] {rankOf(p, violation), EXACT};
        }
        if (cut >= feasible) {
            return new int[] {feasible, AT_MOST}; // a feasible point comes before every infeasible one
        }
        int lo = 0;
        int hi = fronts.length - 1; // the front holding rank cut: the last whose first rank is at most cut
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (before[mid] <= cut) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo > 0 && !NonDominatedSort.dominates(x, k, fronts[lo - 1], p)) {
            return new int[] {before[lo], AT_MOST}; // in an earlier front, at most at its end
        }
        if (NonDominatedSort.dominates(x, k, fronts[lo], p)) {
            return new int[] {before[lo + 1], AT_LEAST}; // in a later front
        }
        return new int[] {rankInFront(lo, p), EXACT};
    }

    /** The rank of a new point in front {@code f}: after the members lonelier than it would be there. */
    private int rankInFront(int f, double[] p) {
        double d = Crowding.of(x, k, fronts[f], p);
        int rank = before[f];
        int end = before[f + 1]; // the front's members by decreasing distance: the first not lonelier than d
        while (rank < end) {
            int mid = (rank + end) >>> 1;
            if (crowding[order[mid]] > d) {
                rank = mid + 1;
            } else {
                end = mid;
            }
        }
        return rank;
    }

    @Override
    public String toString() {
        return "ParetoRanking" + Arrays.toString(Arrays.stream(order).map(i -> ids[i]).toArray());
    }
}
