package dev.ladder.core.search.gp;

import dev.ladder.core.PriorTrial;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * MOBSTER's searcher (MOBSTER slides, Tiao et al., arXiv:2003.10865, "How To Select New Candidate?" to "Optimize
 * Acquisition Function", and "Joint Gaussian Process Surrogate Model"): a joint GP over (x, r) learns from
 * every result at a rung level, draws fantasies for the pending ones (a trial running towards its next rung,
 * told by {@link #onPending}), and proposes the configuration maximising EI at the highest rung level that has
 * at least as many observations as the space has hyperparameters, averaged over the fantasies. Used with the
 * asynchronous Hyperband schedulers (stopping or promotion) it is MOBSTER. Where the slides are silent this
 * follows Syne Tune's GPMultiFidelitySearcher: only results at rung levels are data ("rungs"), the acquisition
 * level threshold is the number of hyperparameters, the resource is an input scaled to (0, 1] (here by the
 * highest rung level seen so far; the model is rebuilt when it grows), and beyond {@code maxData} observations
 * the highest rungs' are kept first, then the most recent.
 */
public final class MobsterSearcher implements Searcher {

    /** The surrogate over (x, r): the paper's exponential-decay model with delta 0, learned or 1, or the baseline. */
    public enum Kernel {
        EXP_DECAY_SUM("exp-decay-sum"), EXP_DECAY_COMBINED("exp-decay-combined"), EXP_DECAY_DELTA1("exp-decay-delta1"),
        MATERN52("matern52");

        public final String label;

        Kernel(String label) {
            this.label = label;
        }

        public static Kernel of(String label) {
            for (Kernel k : values()) {
                if (k.label.equals(label)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown MOBSTER kernel '" + label + "'");
        }

        CovarianceModel model(int configDimension) {
            return switch (this) {
                case EXP_DECAY_SUM -> new ExpDecayKernel(configDimension, 0.0);
                case EXP_DECAY_COMBINED -> new ExpDecayKernel(configDimension, null);
                case EXP_DECAY_DELTA1 -> new ExpDecayKernel(configDimension, 1.0);
                case MATERN52 -> new Matern52(configDimension + 1);
            };
        }
    }

    private record Observation(int trialId, long resource) {
    }

    private final SearchSpace space;
    private final Metric metric;
    private final long seed;
    private final Kernel kernel;
    private final int initial;
    private final int threshold;
    private final Proposer proposer;
    private final Surrogate surrogate;
    private final Map<Integer, double[]> encoded = new HashMap<>();
    private final FeasibleLoss feasibleLoss;
    private final TreeMap<Integer, Long> pending = new TreeMap<>();
    private final List<Observation> observations = new ArrayList<>();
    private final Map<Observation, Double> lossOf = new HashMap<>();
    private final TreeMap<Long, Integer> perLevel = new TreeMap<>();
    private long scale = 1;

    public MobsterSearcher(SearchSpace space, Metric metric, long seed, Kernel kernel, int initial, int maxData) {
        this.proposer = new Proposer(space, initial, seed);
        this.space = space;
        this.metric = metric;
        this.feasibleLoss = new FeasibleLoss(metric);
        this.seed = seed;
        this.kernel = kernel;
        this.initial = initial;
        this.threshold = (int) Math.max(1, space.domains().values().stream().filter(d -> d.encodedSize() > 0).count());
        this.surrogate = new Surrogate(kernel.model(Math.max(1, space.dimension())), maxData, seed ^ 0x9E3779B97F4A7C15L);
    }

    @Override
    public Optional<Config> next(int trialId) {
        Config config = proposer.next(surrogate.size(), this::acquisition);
        encoded.put(trialId, space.encode(config));
        return Optional.of(config);
    }

    /** An enqueued config is encoded as one of its own, so its pending rungs and results reach the model. */
    @Override
    public void onEnqueued(int trialId, Config config) {
        encoded.put(trialId, space.encode(config));
    }

    /** EI at the acquisition level, averaged over fantasies of every pending evaluation, as a function of x. */
    private java.util.function.ToDoubleFunction<double[]> acquisition() {
        GaussianProcess gp = surrogate.update(this::keep);
        long level = acquisitionLevel();
        double r = (double) level / scale;
        List<Integer> rows = surrogate.modelled();
        List<double[]> pendingInputs = new ArrayList<>();
        List<Boolean> pendingAtLevel = new ArrayList<>();
        pending.forEach((id, res) -> {
            if (encoded.containsKey(id)) {
                pendingInputs.add(input(encoded.get(id), res));
                pendingAtLevel.add(res == level);
            }
        });
        Acquisition a = Acquisition.of(gp, surrogate.targets(), pendingInputs,
                i -> i < rows.size() ? observations.get(rows.get(i)).resource() == level : pendingAtLevel.get(i - rows.size()),
                proposer.random());
        return c -> a.score(withResource(c, r));
    }

    /** The highest rung level with at least {@link #threshold} observations, else the lowest observed. */
    long acquisitionLevel() {
        for (Map.Entry<Long, Integer> e : perLevel.descendingMap().entrySet()) {
            if (e.getValue() >= threshold) {
                return e.getKey();
            }
        }
        return perLevel.firstKey();
    }

    private double[] input(double[] x, long resource) {
        return withResource(x, (double) resource / scale);
    }

    private static double[] withResource(double[] x, double r) {
        double[] in = java.util.Arrays.copyOf(x, x.length + 1);
        in[x.length] = r;
        return in;
    }

    /** The observations the model keeps beyond maxData: the highest rungs first, then the most recent. */
    private List<Integer> keep(int max) {
        List<Integer> all = new ArrayList<>(observations.size());
        for (int i = 0; i < observations.size(); i++) {
            all.add(i);
        }
        all.sort(Comparator.comparingLong((Integer i) -> -observations.get(i).resource()).thenComparingInt(i -> -i));
        List<Integer> kept = new ArrayList<>(all.subList(0, max));
        kept.sort(Comparator.naturalOrder());
        return kept;
    }

    @Override
    public void onPending(int trialId, long resource) {
        if (encoded.containsKey(trialId)) {
            pending.put(trialId, resource);
            rescale(resource);
        }
    }

    private void rescale(long resource) {
        if (resource > scale) {
            scale = resource;
            surrogate.clear();
            for (Observation o : observations) {
                surrogate.add(input(encoded.get(o.trialId()), o.resource()), lossOf.get(o));
            }
        }
    }

    @Override
    public void onResult(Trial trial, Result result) {
        encoded.computeIfAbsent(trial.id(), id -> space.encode(trial.config())); // an enqueued config
        Long target = pending.get(trial.id());
        if (target == null || result.resource() < target) {
            return;
        }
        pending.remove(trial.id());
        double loss = feasibleLoss.of(result);
        if (Double.isNaN(loss)) {
            return; // infeasible before any feasible result: nothing finite to learn yet
        }
        Observation o = new Observation(trial.id(), target);
        observations.add(o);
        lossOf.put(o, loss);
        perLevel.merge(target, 1, Integer::sum);
        surrogate.add(input(encoded.get(trial.id()), target), loss);
    }

    @Override
    public void onTrialEnd(Trial trial) {
        pending.remove(trial.id());
    }

    /** Every result of a prior trial is an observation at its resource (the scale grows to the highest). */
    @Override
    public void observePrior(List<PriorTrial> prior) {
        long highest = 1;
        for (PriorTrial t : prior) {
            for (PriorTrial.Point p : t.results()) {
                highest = Math.max(highest, p.resource());
            }
        }
        rescale(highest);
        for (int i = 0; i < prior.size(); i++) {
            int id = PriorTrial.idOf(i);
            encoded.put(id, space.encode(prior.get(i).config()));
            proposer.countPrior(1);
            for (PriorTrial.Point p : prior.get(i).results()) {
                Double v = p.metrics().get(metric.name());
                if (v != null) {
                    double loss = metric.loss(v);
                    Observation o = new Observation(id, p.resource());
                    observations.add(o);
                    lossOf.put(o, loss);
                    perLevel.merge(p.resource(), 1, Integer::sum);
                    surrogate.add(input(encoded.get(id), p.resource()), loss);
                }
            }
        }
    }

    /** How many results at rung levels the model has. */
    public int observations() {
        return observations.size();
    }

    @Override
    public String toString() {
        return "mobster(seed=" + seed + ", kernel=" + kernel.label + ", initial=" + initial + ")";
    }
}
