package dev.ladder.core.schedule;

import dev.ladder.core.search.QueuedSearcher;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.Searcher;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The median stopping rule (Golovin et al., "Google Vizier", KDD 2017; the rule the stopping variant
 * of Tiao et al., "Model-based Asynchronous Hyperparameter and Neural Architecture Search", 2020,
 * arXiv:2003.10865, compares itself to): at each check level r, a trial stops when its best
 * value so far is strictly worse than the median of the running averages (mean of all values reported
 * up to r) of the other trials that reached r, once at least {@code minSamples} others have. Check levels
 * are r_min * eta^k up to r_max, so memory stays one entry per trial and level; each check is O(log n).
 */
public final class MedianStoppingRule implements Scheduler {
    private final QueuedSearcher searcher;
    private final Metric metric;
    private final long[] levels;
    private final long eta;
    private final int minSamples;
    private final RankedValues[] averages;
    private int[] nextCheck = new int[0];
    private double[] sum = new double[0];
    private long[] count = new long[0];
    private double[] best = new double[0];

    /** Checks trials at rungs r_min * eta^k up to r_max once {@code minSamples} (at least 1) others have reached the rung. */
    public MedianStoppingRule(Searcher searcher, Metric metric, long minResource, long maxResource, long eta, int minSamples) {
        if (minSamples < 1) {
            throw new IllegalArgumentException("min samples must be at least 1, got " + minSamples);
        }
        this.searcher = QueuedSearcher.of(searcher);
        this.metric = metric;
        this.levels = RungLevels.of(minResource, maxResource, eta);
        this.eta = eta;
        this.minSamples = minSamples;
        this.averages = new RankedValues[levels.length];
        for (int k = 0; k < levels.length; k++) {
            averages[k] = new RankedValues();
        }
    }

    @Override
    public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
        if (!mayStartNew) {
            return Optional.empty();
        }
        return searcher.next(nextTrialId).map(c -> {
            grow(nextTrialId);
            return new Suggestion.Start(c, levels[levels.length - 1]);
        });
    }

    @Override
    public Decision onResult(Trial trial, Result result) {
        searcher.onResult(trial, result);
        int id = trial.id();
        if (id >= nextCheck.length) {
            return Decision.CONTINUE;
        }
        double loss = metric.rankLoss(result);
        sum[id] += loss;
        count[id]++;
        best[id] = count[id] == 1 ? loss : Math.min(best[id], loss);
        Decision decision = Decision.CONTINUE;
        double average = sum[id] / count[id];
        // a report past several check levels counts at each (its first at or past it), the first stop decides
        for (int k = nextCheck[id]; k < levels.length && result.resource() >= levels[k]; k = nextCheck[id]) {
            nextCheck[id] = k + 1;
            RankedValues at = averages[k];
            at.add(average, id);
            int others = at.size() - 1;
            if (others < minSamples || k == levels.length - 1 || decision instanceof Decision.Stop) {
                continue;
            }
            int self = at.countBefore(average, id);
            double median = (othersAt(at, (others - 1) / 2, self) + othersAt(at, others / 2, self)) / 2;
            if (best[id] > median) {
                decision = Decision.stop(String.format(Locale.ROOT,
                        "at r=%d its best %s %.6g is worse than the median %.6g of %d other trials' running averages",
                        levels[k], metric.name(), metric.mode() == Metric.Mode.MIN ? best[id] : -best[id],
                        metric.mode() == Metric.Mode.MIN ? median : -median, others));
            }
        }
        return decision;
    }

    /** Takes trial {@code trialId} out of every level: the medians are computed as if it had never been there. */
    @Override
    public void exclude(int trialId) {
        searcher.exclude(trialId);
        if (trialId < nextCheck.length) {
            for (int k = 0; k < levels.length; k++) {
                averages[k] = averages[k].without(trialId);
            }
            nextCheck[trialId] = levels.length; // never checked again
        }
    }

    /** The value with rank {@code k} among the entries other than the one ranked {@code self}. */
    private static double othersAt(RankedValues at, int k, int self) {
        return at.valueAt(k >= self ? k + 1 : k);
    }

    @Override
    public void onTrialEnd(Trial trial) {
        searcher.onTrialEnd(trial);
    }

    private void grow(int id) {
        if (id >= nextCheck.length) {
            int n = Math.max(id + 1, nextCheck.length * 2);
            nextCheck = Arrays.copyOf(nextCheck, n);
            sum = Arrays.copyOf(sum, n);
            count = Arrays.copyOf(count, n);
            best = Arrays.copyOf(best, n);
        }
    }

    @Override
    public Optional<QueuedSearcher> queuedSearcher() {
        return Optional.of(searcher);
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public String toString() {
        return "median(checks=" + RungLevels.toString(levels) + ", eta=" + eta + ", min samples=" + minSamples
                + ", searcher=" + searcher + ")";
    }
}
