package dev.ladder.core.schedule;

import dev.ladder.core.Metric;
import dev.ladder.core.search.Searcher;

/**
 * Asynchronous Hyperband: L. Li, "Towards Efficient Automated Machine Learning", PhD thesis, Carnegie
 * Mellon University, 2020 (CMU-ML-20-104), section 3.3.2, last paragraph: ASHA
 * brackets s = 0..s_max (bracket s enters new trials at rung s, r_min * eta^s), chosen for each new
 * job by looping through them as the original Hyperband does, or by sampling them with Hyperband's
 * weights eta^(s_max - s) / (s_max - s + 1) (Algorithm 1's bracket sizes). The brackets share one
 * rung system (a rung ranks the trials of every bracket that reached it) or keep one each.
 */
public final class AsyncHyperbandScheduler extends RungScheduler {
    private final BracketSelection selection;
    private final boolean systemPerBracket;

    /** Brackets over rungs r_min * eta^k up to r_max, chosen by {@code selection} (loop or seeded sampling); one rung system shared by all brackets unless {@code systemPerBracket}. */
    public AsyncHyperbandScheduler(Searcher searcher, Metric metric, long minResource, long maxResource, long eta,
                                   Type type, BracketSelection selection, boolean systemPerBracket, long seed) {
        super(searcher, metric, settings(minResource, maxResource, eta, type, selection, systemPerBracket, seed));
        this.selection = selection;
        this.systemPerBracket = systemPerBracket;
    }

    /** Brackets s = 0..s_max entering at rung s, with Hyperband's weights (also RUSH's over asynchronous Hyperband). */
    static Settings settings(long minResource, long maxResource, long eta, Type type,
                                     BracketSelection selection, boolean systemPerBracket, long seed) {
        if (selection == BracketSelection.PROPORTIONAL) {
            throw new IllegalArgumentException("asynchronous Hyperband selects brackets by LOOP or SAMPLE");
        }
        int brackets = RungLevels.of(minResource, maxResource, eta).length;
        int[] start = new int[brackets];
        double[] weight = new double[brackets];
        int sMax = brackets - 1;
        for (int s = 0; s < brackets; s++) {
            start[s] = s;
            weight[s] = Math.pow(eta, sMax - s) / (sMax - s + 1);
        }
        return new Settings(type, minResource, maxResource, eta, null, start, null, weight, selection, seed,
                systemPerBracket);
    }

    @Override
    public String toString() {
        return describe((type() == Type.PROMOTION ? Schedulers.ASYNC_HYPERBAND : Schedulers.ASYNC_HYPERBAND_STOPPING).name(),
                bracketsText(bracketStarts().length, selection, systemPerBracket));
    }

    /** How the brackets are chosen and whether they share rungs, as {@link #toString} writes it. */
    static String bracketsText(int brackets, BracketSelection selection, boolean systemPerBracket) {
        return ", brackets=" + brackets + " by " + selection.name().toLowerCase()
                + (systemPerBracket ? ", rungs per bracket" : ", shared rungs");
    }
}
