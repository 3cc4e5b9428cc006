package dev.ladder.core.schedule;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.search.Searcher;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Asynchronous Successive Halving with promotion: 003_6c75f438a57bd2cf.txt (thesis) section 3.3.2, Algorithm 3.
 * A trial runs only to its next rung and pauses there; get_job promotes, scanning from the highest
 * rung below the top down to rung 0, the best not-yet-promoted entry within the top floor(|rung|/eta),
 * otherwise starts a new configuration at the bottom rung. Invariants: a trial is promoted at most
 * once out of each rung; a promotion only takes an entry ranked in the top floor(|rung|/eta) at that moment.
 */
public final class AshaScheduler implements Scheduler {
    private final Searcher searcher;
    private final Metric metric;
    private final long eta;
    private final long[] levels;
    private final Rung[] rungs;
    /** The index of the rung each known trial is running towards. */
    private final Map<Integer, Integer> targetRung = new HashMap<>();

    public AshaScheduler(Searcher searcher, Metric metric, long minResource, long maxResource, long eta) {
        this.searcher = searcher;
        this.metric = metric;
        this.eta = eta;
        this.levels = RungLevels.of(minResource, maxResource, eta);
        this.rungs = new Rung[levels.length];
        for (int k = 0; k < levels.length; k++) {
            rungs[k] = new Rung(levels[k]);
        }
    }

    public long[] levels() {
        return levels.clone();
    }

    @Override
    public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
        for (int k = levels.length - 2; k >= 0; k--) {
            Rung.Candidate c = rungs[k].promotable(eta);
            if (c != null) {
                rungs[k].markPromoted(c.trialId());
                targetRung.put(c.trialId(), k + 1);
                return Optional.of(new Suggestion.Resume(c.trialId(), levels[k + 1], String.format(
                        "promoted from rung %d (r=%d): rank %d of %d, top %d promotable",
                        k, levels[k], c.rank() + 1, c.size(), c.size() / eta)));
            }
        }
        if (!mayStartNew) {
            return Optional.empty();
        }
        Optional<Config> config = searcher.next(nextTrialId);
        config.ifPresent(c -> targetRung.put(nextTrialId, 0));
        return config.map(c -> new Suggestion.Start(c, levels[0]));
    }

    @Override
    public Decision onResult(Trial trial, Result result) {
        searcher.onResult(trial, result);
        Integer k = targetRung.get(trial.id());
        if (k == null || result.resource() < levels[k] || rungs[k].contains(trial.id())) {
            return Decision.CONTINUE;
        }
        double loss = metric.loss(result.value(metric));
        rungs[k].add(trial.id(), loss);
        if (k == levels.length - 1) {
            return Decision.CONTINUE; // the top rung: the job ends here and the trial is complete
        }
        int size = rungs[k].size();
        return Decision.pause(String.format("reached rung %d (r=%d): rank %d of %d, promotion needs top %d",
                k, levels[k], rungs[k].rank(trial.id(), loss) + 1, size, size / eta));
    }

    @Override
    public void onTrialEnd(Trial trial) {
        searcher.onTrialEnd(trial);
        if (trial.status() == TrialStatus.FAILED || trial.status() == TrialStatus.STOPPED) {
            for (Rung rung : rungs) {
                rung.markPromoted(trial.id()); // a trial that cannot run again is never promoted
            }
        }
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public String toString() {
        return "asha(levels=" + RungLevels.toString(levels) + ", eta=" + eta + ", searcher=" + searcher + ")";
    }
}
