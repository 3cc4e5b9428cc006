package dev.ladder.core.search.gp;

import dev.ladder.core.PriorTrial;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Gaussian-process Bayesian optimisation, single fidelity: a Matern-5/2 ARD GP over the [0,1] encoding
 * (choices one-hot) fitted by maximum marginal likelihood, expected improvement maximised by
 * {@link CandidateSearch}, the first {@code initial} configurations at random, pending trials fantasised
 * (MOBSTER slides, Tiao et al., arXiv:2003.10865, "Bayesian Optimization" and "Draw Fantasy Values for Pending
 * Evaluations"). A trial's observation is its loss at the highest resource it reported, taken when its job
 * ends (a later job of the same trial replaces it); until then it is pending. A pure function of the seed and
 * the calls: replaying them rebuilds the same model and the same suggestions.
 */
public final class GpSearcher implements Searcher {
    private final SearchSpace space;
    private final Metric metric;
    private final FeasibleLoss feasibleLoss;
    private final long seed;
    private final int initial;
    private final Proposer proposer;
    private final Surrogate surrogate;
    private final Map<Integer, double[]> encoded = new HashMap<>();
    private final Map<Integer, double[]> lastLoss = new HashMap<>(); // trial -> {resource, loss}
    private final Map<Integer, Integer> row = new HashMap<>();
    private final TreeMap<Integer, double[]> pending = new TreeMap<>();

    public GpSearcher(SearchSpace space, Metric metric, long seed, int initial, int maxData) {
        this.proposer = new Proposer(space, initial, seed);
        this.space = space;
        this.metric = metric;
        this.feasibleLoss = new FeasibleLoss(metric);
        this.seed = seed;
        this.initial = initial;
        this.surrogate = new Surrogate(new Matern52(Math.max(1, space.dimension())), maxData, seed ^ 0x9E3779B97F4A7C15L);
    }

    @Override
    public Optional<Config> next(int trialId) {
        Config config = proposer.next(surrogate.size(), () -> {
            GaussianProcess gp = surrogate.update(this::newest);
            return Acquisition.of(gp, surrogate.targets(), new ArrayList<>(pending.values()), r -> true, proposer.random())::score;
        });
        double[] snapped = space.encode(config);
        encoded.put(trialId, snapped);
        pending.put(trialId, snapped);
        return Optional.of(config);
    }

    /** An enqueued config is pending like one of its own until its trial's job ends. */
    @Override
    public void onEnqueued(int trialId, Config config) {
        double[] x = space.encode(config);
        encoded.put(trialId, x);
        pending.put(trialId, x);
    }

    private List<Integer> newest(int max) {
        List<Integer> keep = new ArrayList<>(max);
        for (int i = surrogate.size() - max; i < surrogate.size(); i++) {
            keep.add(i);
        }
        return keep;
    }

    @Override
    public void onResult(Trial trial, Result result) {
        encoded.computeIfAbsent(trial.id(), id -> space.encode(trial.config())); // an enqueued config the searcher did not propose
        {
            double[] last = lastLoss.get(trial.id());
            double loss = feasibleLoss.of(result);
            if (!Double.isNaN(loss) && (last == null || result.resource() >= last[0])) {
                lastLoss.put(trial.id(), new double[] {result.resource(), loss});
            }
        }
    }

    @Override
    public void onTrialEnd(Trial trial) {
        int id = trial.id();
        pending.remove(id);
        double[] last = lastLoss.get(id);
        if (last == null) {
            return;
        }
        Integer r = row.get(id);
        if (r == null) {
            row.put(id, surrogate.size());
            surrogate.add(encoded.get(id), last[1]);
        } else {
            surrogate.replace(r, last[1]);
        }
    }

    /** Each prior trial's loss at the highest resource it reported is an observation, as a finished trial's is. */
    @Override
    public void observePrior(List<PriorTrial> prior) {
        for (int i = 0; i < prior.size(); i++) {
            PriorTrial.Point last = prior.get(i).last();
            if (last != null && last.metrics().containsKey(metric.name())) {
                int id = PriorTrial.idOf(i);
                encoded.put(id, space.encode(prior.get(i).config()));
                row.put(id, surrogate.size());
                surrogate.add(encoded.get(id), metric.loss(last.metrics().get(metric.name())));
                proposer.countPrior(1);
            }
        }
    }

    /** How many observations the model has. */
    public int observations() {
        return surrogate.size();
    }

    @Override
    public String toString() {
        return "gp(seed=" + seed + ", initial=" + initial + ")";
    }
}
