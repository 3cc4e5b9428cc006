package dev.ladder.core.schedule;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.Searcher;
import java.util.Objects;

/**
 * PASHA: Bohdal et al., "PASHA: Efficient HPO and NAS with Progressive Resource Allocation", ICLR 2023
 * (arXiv:2207.06940), abstract and section 1 (introduction).
 *
 * <p>The source at hand holds only the abstract and the introduction (ASHA whose maximum resource grows
 * on need), so the exact rules below are the authors' own implementation's, Syne Tune's
 * {@code PASHARungSystem} with {@code ranking_criterion="soft_ranking_auto"}, restated. Like that class,
 * it extends the rung engine ({@link RungScheduler}) rather than copying it: {@link #topRung} holds the
 * promotions back below the current top, and {@link #decideAtRung} compares the rankings when a trial
 * reaches it.
 *
 * <p>ASHA with promotion (L. Li, "Towards Efficient Automated Machine Learning", PhD thesis, CMU, 2020,
 * section 3.3.2, Algorithm 3) over the rung levels r_min * eta^k up to r_max,
 * whose maximum resource starts at the second rung level and grows one rung at a time, only while the
 * rankings in the two highest current rungs disagree:
 * <ul>
 * <li>A trial runs to its next rung and pauses there. A free worker resumes the best not-yet-promoted
 * entry within the top floor(|rung|/eta) of the highest rung below the current top that has one, else
 * starts a new trial at the bottom rung. Nothing runs past the current maximum.</li>
 * <li>After every report the members of the current top rung (below r_max; all of them also reached the
 * rung below) are compared by soft ranking, {@link PashaTopRung}: listed by their loss at the top, the
 * i-th one's loss at the rung below must lie within epsilon of the i-th best loss there. If some does
 * not, the current top moves up one rung level; trials waiting at the old top may then be promoted as in
 * ASHA. Only two events can change the outcome, so only they compare: a trial arriving at the top (it
 * pauses either way, its reason giving the rank and the outcome, so it can be promoted once the maximum
 * grows), and a report between the two top levels that moves the estimated epsilon (the trial goes on;
 * Syne Tune's {@code PASHARungSystem.on_task_report} likewise compares after every report).</li>
 * <li>Epsilon is fixed, or (null) estimated from the noise in the learning curves, {@link PashaNoise}:
 * the 90th percentile of the loss gaps of pairs of trials whose order flipped and flipped back, at
 * their latest common resource between the two top rung levels; 0 until such a pair exists.</li>
 * <li>At r_max a trial continues (its job ends there and it is complete).</li>
 * </ul>
 *
 * <p>Where the sources are silent: a comparison uses the epsilon that includes the report that
 * triggered it; ties go to the lower trial id; a trial
 * at the current top below r_max pauses rather than completes, so that it can go on when the maximum
 * grows; the maximum never passes r_max, and rung levels follow {@link RungLevels} (r_max is the top
 * rung even when it is not r_min * eta^k); the noise is measured on the pairs among the first 128
 * trials to report in the window (the rule exactly up to that many), so that it stays bounded.
 *
 * <p>Invariants: the current maximum resource only grows, by one rung level per comparison, and only
 * when the comparison found a disagreement beyond epsilon; no suggestion asks for more than the current
 * maximum; after every report, unless the maximum is r_max, the members of the current top rung rank
 * alike within the current epsilon at the top and one rung below (otherwise it would have grown, and a
 * new top rung is empty); a trial is promoted at most once out of each rung and only from the top floor(|rung|/eta)
 * at that moment; every member of a rung above the bottom is a member of the rung below; a fixed
 * epsilon never changes and an estimated one is never negative.
 *
 * <p>Cost: a suggestion is O(log n) per rung below the top; a report is O(log n) in its rung, plus, at
 * the current top, the soft-ranking comparison over its m members: O(log m) while the rankings agree
 * exactly or all losses below lie within epsilon, O(|p - q| log m) when the newcomer ranks p at the
 * top and q below, so O(m log m) at worst, and O(log m) for a report that moves epsilon (see
 * {@link PashaTopRung}). With automatic epsilon a report
 * inside the window between the two top levels also costs O(w + p) for the w <= 128 sampled trials
 * and their p noisy pairs (see {@link PashaNoise}); the learning curves take ~20 bytes per report.
 * Everything is a function of the searcher's seed and the order of the calls.
 */
public final class PashaScheduler extends RungScheduler {
    private final long eta;
    private final long[] levels;
    private final Double fixedEpsilon;
    /** The index of the current top rung level. */
    private int top;
    private PashaTopRung topRung = new PashaTopRung();
    /** The automatic epsilon's estimator while the maximum can still grow; null with a fixed epsilon. */
    private PashaNoise noise;
    private double lastEpsilon;

    /**
     * PASHA between {@code minResource} and {@code maxResource}; {@code fixedEpsilon} null estimates
     * epsilon from the learning curves, otherwise it is the soft-ranking tolerance in metric units.
     */
    public PashaScheduler(Searcher searcher, Metric metric, long minResource, long maxResource, long eta, Double fixedEpsilon) {
        super(Objects.requireNonNull(searcher, "searcher"), Objects.requireNonNull(metric, "metric"),
                AshaScheduler.settings(minResource, maxResource, eta, Type.PROMOTION));
        this.levels = levels();
        this.eta = eta;
        if (fixedEpsilon != null && !(fixedEpsilon >= 0)) {
            throw new IllegalArgumentException("epsilon must be at least 0 (or null: estimated), got " + fixedEpsilon);
        }
        this.fixedEpsilon = fixedEpsilon;
        this.top = Math.min(1, levels.length - 1);
        if (fixedEpsilon == null && canGrow()) {
            noise = new PashaNoise(levels[top - 1], levels[top]);
        }
    }

    /** The resource no trial runs past for now: the current top rung level. */
    public long currentMaxResource() {
        return levels[top];
    }

    /** The soft-ranking tolerance in use: the fixed one, or the current estimate. */
    public double epsilon() {
        return fixedEpsilon != null ? fixedEpsilon : noise != null ? noise.epsilon() : lastEpsilon;
    }

    /** Nothing is promoted out of the current top rung: that is how the maximum resource is held back. */
    @Override
    protected int topRung() {
        return top;
    }

    @Override
    public Decision onResult(Trial trial, Result result) {
        boolean moved = false;
        if (noise != null && isKnown(trial.id()) && metric().feasible(result.metrics())) {
            double before = noise.epsilon();
            noise.add(trial.id(), result.resource(), metric().loss(result.value(metric())));
            moved = noise.epsilon() != before;
        }
        Decision d = super.onResult(trial, result);
        // CONTINUE: the report reached no rung below r_max (there PASHA pauses, and at r_max nothing grows any more)
        if (moved && d == Decision.CONTINUE && topRung.check(noise.epsilon()) != null) {
            grow(); // the members did not change, the tolerance shrank: they now disagree beyond it
        }
        return d;
    }

    /** Below the current top the rank rule's pause stands; at the top the soft rankings decide whether the maximum grows. */
    @Override
    protected Decision decideAtRung(Entry e, Decision ruled) {
        int k = e.rung();
        if (k < top) {
            return ruled;
        }
        String at = "reached rung " + k + " (r=" + e.level() + "): rank " + (e.rank() + 1) + " of " + e.size();
        double epsilon = epsilon();
        PashaTopRung.Disagreement d = topRung.enter(e.trialId(), e.loss(), e.lossBelow(), epsilon);
        String pair = "rungs " + (k - 1) + " and " + k;
        if (d == null) {
            return Decision.pause(at + ", the current maximum resource; " + pair + " rank their " + topRung.size()
                    + " common trials alike within epsilon " + epsilon + ", so the maximum stays (it may grow later)");
        }
        grow();
        return Decision.pause(at + "; " + pair + " disagree: trial " + d.trialId() + " ranks " + (d.position() + 1)
                + " at r=" + levels[k] + " but its value at r=" + levels[k - 1] + " (" + metric().loss(d.lossBelow())
                + ") differs from the one ranked " + (d.position() + 1) + " there (" + metric().loss(d.rankedLossBelow())
                + ", trial " + d.trialBelow() + ") by more than epsilon " + epsilon + "; maximum resource raised to "
                + levels[top] + ", promotion needs top " + e.size() / eta);
    }

    private boolean canGrow() {
        return top < levels.length - 1;
    }

    /** Raises the current top one rung level; its new rung is empty, so the comparison starts afresh. */
    private void grow() {
        top++;
        topRung = new PashaTopRung();
        if (noise != null) {
            if (canGrow()) {
                noise.window(levels[top - 1], levels[top]);
            } else {
                lastEpsilon = noise.epsilon(); // no comparison is left: the curves are no longer needed
                noise = null;
            }
        }
    }

    @Override
    public String toString() {
        return describe(Schedulers.PASHA.name(), ", epsilon=" + (fixedEpsilon == null ? "auto" : fixedEpsilon));
    }
}
