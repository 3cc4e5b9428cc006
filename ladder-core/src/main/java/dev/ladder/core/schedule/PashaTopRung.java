package dev.ladder.core.schedule;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The members of PASHA's current top rung, ranked twice: by their loss at the top rung and by their loss
 * at the rung below (every member passed through it), and PASHA's soft-ranking comparison of the two.
 *
 * <p>Soft ranking (as Syne Tune's {@code PASHARungSystem._evaluate_soft_ranking}): list the members
 * by their loss at the top (ties: lower trial id first), T_0, T_1, ...; sort their losses at the rung
 * below, s_0 <= s_1 <= .... Configurations whose losses below lie within epsilon of each other count as
 * tied, so the rankings agree when, for every i, the loss below of T_i lies within epsilon of s_i
 * (|below(T_i) - s_i| <= epsilon); otherwise they disagree. With epsilon 0 that is "the same order up
 * to equal losses below".
 *
 * <p>The gaps |below(T_i) - s_i| do not depend on epsilon, so they are kept up to date as members
 * arrive: a newcomer ranked p at the top and q below shifts both lists by one past max(p, q) and leaves
 * them alone before min(p, q), so only the gaps in between change. While all losses below lie within
 * epsilon of each other no gap can exceed it and none is kept; they are built once, the first time the
 * losses below spread wider than epsilon, and kept up to date from then on.
 * Invariants: both rankings hold the same trials; once {@code tracking}, {@code gaps} is the multiset of
 * |below(T_i) - s_i|.
 * Cost for m members: a newcomer is O(log m) while the losses below lie within epsilon or the rankings
 * agree exactly, otherwise O((|p - q| + 1) log m); a {@link #check} with a new epsilon is O(log m); building
 * the gaps is O(m log m) once; naming a disagreement is O(m log m), and happens once per rung (the maximum
 * then grows and the rung is replaced).
 */
final class PashaTopRung {
    /** The first position where the rankings disagree: the member ranked there at the top and the loss ranked there below. */
    record Disagreement(int position, int trialId, double lossBelow, int trialBelow, double rankedLossBelow) {
    }

    private final RankedValues byTop = new RankedValues();
    private final RankedValues byBelow = new RankedValues();
    private final Map<Integer, Double> below = new HashMap<>();
    private final TreeMap<Double, Integer> gaps = new TreeMap<>();
    private boolean tracking;

    int size() {
        return byTop.size();
    }

    /** Adds a member and compares the rankings: the first disagreement beyond {@code epsilon}, or null when they agree. */
    Disagreement enter(int trialId, double lossAtTop, double lossBelow, double epsilon) {
        if (below.putIfAbsent(trialId, lossBelow) != null) {
            throw new IllegalStateException("trial " + trialId + " entered the top rung twice");
        }
        int p = byTop.countBefore(lossAtTop, trialId);
        int q = byBelow.countBefore(lossBelow, trialId);
        int from = Math.min(p, q);
        int to = Math.max(p, q);
        if (tracking) {
            for (int i = from; i < to; i++) {
                removeGap(gap(i));
            }
        }
        byTop.add(lossAtTop, trialId);
        byBelow.add(lossBelow, trialId);
        if (tracking) {
            for (int i = from; i <= to; i++) {
                gaps.merge(gap(i), 1, Integer::sum);
            }
        }
        return check(epsilon);
    }

    /**
     * Compares the rankings of the present members again with {@code epsilon} (the estimate moves between
     * arrivals, and Syne Tune compares after every report): the first disagreement beyond it, or null.
     */
    Disagreement check(double epsilon) {
        int m = byTop.size();
        if (!tracking && m > 1 && byBelow.valueAt(m - 1) - byBelow.valueAt(0) > epsilon) {
            tracking = true;
            for (int i = 0; i < m; i++) {
                gaps.merge(gap(i), 1, Integer::sum);
            }
        }
        return compare(epsilon);
    }

    private void removeGap(double g) {
        Integer n = gaps.get(g);
        if (n == null) {
            throw new IllegalStateException("gap " + g + " is not recorded");
        }
        if (n == 1) {
            gaps.remove(g);
        } else {
            gaps.put(g, n - 1);
        }
    }

    private Disagreement compare(double epsilon) {
        int m = byTop.size();
        if (m < 2 || byBelow.valueAt(m - 1) - byBelow.valueAt(0) <= epsilon || gaps.lastKey() <= epsilon) {
            return null;
        }
        for (int i = 0; i < byTop.size(); i++) {
            if (gap(i) > epsilon) {
                int id = byTop.idAt(i);
                return new Disagreement(i, id, below.get(id), byBelow.idAt(i), byBelow.valueAt(i));
            }
        }
        throw new IllegalStateException("the largest gap " + gaps.lastKey() + " is at no position");
    }

    private double gap(int i) {
        return Math.abs(below.get(byTop.idAt(i)) - byBelow.valueAt(i));
    }
}
