package dev.ladder.core.schedule;

import dev.ladder.core.pareto.ParetoRanking;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The results recorded at one rung of {@link MoAshaScheduler}: loss vectors and violations, ranked by a
 * {@link ParetoRanking} that is rebuilt only when the rung has grown by 1/{@value #REFRESH} of its size
 * since the last one (at least one entry), so that a rung of n entries is sorted O(REFRESH) times per
 * doubling instead of n times. Between rebuilds a new entry is placed into the last ranking
 * ({@link ParetoRanking#rankNear}, for the stopping rule) and waits for the next rebuild before it can be promoted.
 * Invariant: {@code ranking} ranks entries 0..ranked-1; an entry whose trial is in {@code gone} is not waiting.
 */
final class MoRung {
    static final int REFRESH = 32;

    final long level;
    private final int k;
    private double[] x = new double[32];
    private double[] violation = new double[16];
    private int[] ids = new int[16];
    private int size;
    private final BitSet members = new BitSet();
    private final BitSet gone = new BitSet();
    private ParetoRanking ranking;
    /** Entries 0..ranked-1 in lexicographic order of their losses. */
    private int[] lex = new int[0];
    private int ranked;
    /** Ranks below it hold no waiting entry (promotions only take entries away). */
    private int cursor;

    MoRung(long level, int k) {
        this.level = level;
        this.k = k;
        this.x = new double[16 * k];
    }

    int size() {
        return size;
    }

    boolean contains(int trialId) {
        return members.get(trialId);
    }

    /**
     * Where {@code losses} with {@code v} would rank now (0 = best) among the ranked entries and it, relative
     * to the top 1/eta: {rank, size, bound} with the bound of {@link ParetoRanking#rankNear} (the rank is
     * exact where it falls in the front the top 1/eta ends in, else a bound on the same side of it).
     */
    int[] place(double[] losses, double v, long eta) {
        refreshIfStale();
        int size = ranked + 1;
        if (ranking == null) {
            return new int[] {0, size, ParetoRanking.EXACT};
        }
        int[] r = ranking.rankNear(losses, v, (int) ((size - 1) / eta)); // the last rank inside: rank * eta < size
        return new int[] {r[0], size, r[1]};
    }

    void add(int trialId, double[] losses, double v) {
        if (members.get(trialId)) {
            throw new IllegalStateException("trial " + trialId + " recorded twice at rung " + level);
        }
        members.set(trialId);
        if (size == ids.length) {
            ids = Arrays.copyOf(ids, size * 2);
            violation = Arrays.copyOf(violation, size * 2);
            x = Arrays.copyOf(x, size * 2 * k);
        }
        ids[size] = trialId;
        violation[size] = v;
        System.arraycopy(losses, 0, x, size * k, k);
        size++;
    }

    /**
     * The best waiting entry among the top floor(ranked/eta) of the ranking, as {trial id, rank, ranked}, or
     * null. An infeasible one is offered only after a rebuild that ranks every entry, so no feasible entry
     * waiting unranked is passed over.
     */
    int[] promotable(long eta) {
        refreshIfStale();
        int[] c = candidate(eta);
        if (c != null && violation[ranking.at(c[1])] > 0 && ranked < size) {
            rebuild();
            c = candidate(eta);
        }
        return c;
    }

    private int[] candidate(long eta) {
        if (ranking == null) {
            return null;
        }
        long top = ranked / eta;
        while (cursor < top && gone.get(ids[ranking.at(cursor)])) {
            cursor++;
        }
        return cursor < top ? new int[] {ids[ranking.at(cursor)], cursor, ranked} : null;
    }

    /** How many waiting entries the top floor(ranked/eta) holds (read only). */
    int promotableCount(long eta) {
        if (ranking == null) {
            return 0;
        }
        int n = 0;
        for (int r = cursor; r < ranked / eta; r++) {
            n += gone.get(ids[ranking.at(r)]) ? 0 : 1;
        }
        return n;
    }

    /** Removes trial {@code trialId}'s entry, if any; the rung is ranked afresh at its next use. */
    void remove(int trialId) {
        if (!members.get(trialId)) {
            return;
        }
        int i = 0;
        while (ids[i] != trialId) {
            i++;
        }
        System.arraycopy(ids, i + 1, ids, i, size - i - 1);
        System.arraycopy(violation, i + 1, violation, i, size - i - 1);
        System.arraycopy(x, (i + 1) * k, x, i * k, (size - i - 1) * k);
        size--;
        members.clear(trialId);
        gone.clear(trialId);
        ranking = null;
        lex = new int[0];
        ranked = 0;
        cursor = 0;
    }

    void markGone(int trialId) {
        if (members.get(trialId)) {
            gone.set(trialId);
        }
    }

    private void refreshIfStale() {
        if (size - ranked >= Math.max(1, ranked / REFRESH)) {
            rebuild();
        }
    }

    private void rebuild() {
        lex = ParetoRanking.lexOrder(x, k, lex, ranked, size); // only the entries since the last sort are sorted
        ranking = new ParetoRanking(x, k, violation, ids, size, lex);
        ranked = size;
        cursor = 0;
    }
}
