package dev.ladder.core.schedule;

import dev.ladder.core.Metric;
import dev.ladder.core.search.Searcher;

/**
 * Asynchronous Successive Halving: L. Li, "Towards Efficient Automated Machine Learning", PhD thesis,
 * Carnegie Mellon University, 2020 (CMU-ML-20-104), section 3.3.2, Algorithm 3.
 * Promotion (the thesis's ASHA): a trial runs only to its next rung and pauses there; get_job promotes,
 * from the highest rung below the top down to rung 0, the best not-yet-promoted entry within the top
 * floor(|rung|/eta), otherwise starts a new configuration at the bottom rung. Stopping
 * (Tiao, Klein, Lienart, Archambeau, Seeger, "Model-based Asynchronous Hyperparameter and Neural
 * Architecture Search", 2020, arXiv:2003.10865, slide "Asynchronous Multi-Fidelity Scheduling", 'stopping
 * rule'): a trial runs towards r_max and continues past a rung
 * only while it ranks in the top 1/eta of the results recorded there so far (rank * eta < size).
 * Without r_max (thesis 3.3.4, infinite horizon) rungs r_min * eta^k grow without end.
 * Invariants: a trial is promoted at most once out of each rung; a promotion only takes an entry
 * ranked in the top floor(|rung|/eta) at that moment.
 */
public final class AshaScheduler extends RungScheduler {

    /** ASHA with promotion between r_min and r_max. */
    public AshaScheduler(Searcher searcher, Metric metric, long minResource, long maxResource, long eta) {
        this(searcher, metric, minResource, maxResource, eta, Type.PROMOTION);
    }

    /** ASHA of the given type; {@code maxResource} null is the infinite horizon. */
    public AshaScheduler(Searcher searcher, Metric metric, long minResource, Long maxResource, long eta, Type type) {
        super(searcher, metric, settings(minResource, maxResource, eta, type));
    }

    /** One bracket entering at the bottom rung, one rung system: ASHA's settings (also RUSH's and PASHA's). */
    static Settings settings(long minResource, Long maxResource, long eta, Type type) {
        return new Settings(type, minResource, maxResource, eta, null, new int[] {0}, null, null,
                BracketSelection.LOOP, 0, false);
    }

    @Override
    public String toString() {
        return describe((type() == Type.PROMOTION ? Schedulers.ASHA : Schedulers.ASHA_STOPPING).name(), "");
    }
}
