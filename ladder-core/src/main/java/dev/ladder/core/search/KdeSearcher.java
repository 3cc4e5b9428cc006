package dev.ladder.core.search;

import dev.ladder.core.PriorTrial;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * BOHB's model-based sampler (Falkner, Klein, Hutter, ICML 2018, section 3 and Algorithm 2; defaults as in
 * its reference code, HpBandSter's {@code BOHB} config generator): a TPE-style ratio of two Parzen densities,
 * fitted on the observations at the largest resource that has enough of them. Under synchronous Hyperband this
 * is BOHB; under ASHA it is asynchronous BOHB.
 * <p>
 * Every reported result is an observation at its resource (the last value counts when a trial reports the same
 * resource twice); a failed value (NaN) is the worst loss. At a resource with n observations the best
 * n_good = max(min_points, floor(top_fraction * n)) form the good set and the next
 * n_bad = max(min_points, floor((1 - top_fraction) * n)) (as many as there are) the bad set; the resource has
 * enough when both sets hold more than d rows (d the searched parameters; min_points defaults to d + 1). With
 * no such resource, or with probability random_fraction, a configuration is drawn at random; otherwise
 * {@code candidates} candidates are drawn around good rows ({@link ParzenEstimator#sample}, bandwidth times
 * bandwidth_factor) and the one with the smallest bad-to-good density ratio (both floored at 1e-32) is proposed.
 * Pending trials are not modelled (neither does BOHB). Ties in loss are broken by trial id, so the state is a
 * function of the seed and the calls received, and a journal replay rebuilds it.
 */
public final class KdeSearcher implements Searcher {
    private static final double LOG_FLOOR = Math.log(1e-32);

    /** BOHB's knobs; {@code minPoints} 0 means d + 1. */
    public record Settings(double topFraction, int candidates, double randomFraction, double bandwidthFactor,
                           double minBandwidth, int minPoints) {
        public static final Settings BOHB = new Settings(0.15, 64, 1.0 / 3, 3, 1e-3, 0);

        /** Rejects fractions outside (0,1), fewer than 1 candidate, and bandwidths that are not positive. */
        public Settings {
            if (!(topFraction > 0 && topFraction < 1)) {
                throw new IllegalArgumentException("top_fraction must be between 0 and 1 (exclusive), got " + topFraction);
            }
            if (candidates < 1) {
                throw new IllegalArgumentException("candidates must be at least 1, got " + candidates);
            }
            if (!(randomFraction >= 0 && randomFraction <= 1)) {
                throw new IllegalArgumentException("random_fraction must be from 0 to 1, got " + randomFraction);
            }
            if (!(bandwidthFactor > 0) || !(minBandwidth > 0) || minPoints < 0) {
                throw new IllegalArgumentException("bandwidth_factor and min_bandwidth must be positive and min_points at least 0, got "
                        + bandwidthFactor + ", " + minBandwidth + ", " + minPoints);
            }
        }
    }

    /** The densities fitted at one resource, and how many observations they saw. */
    record Model(long resource, int observations, ParzenEstimator good, ParzenEstimator bad) {
    }

    private final SearchSpace space;
    private final KdeSpace kde;
    private final Metric metric;
    private final long seed;
    private final Settings settings;
    private final SplittableRandom rng;
    private final int minPoints;
    /** Resource to (trial id to loss), trial ids ascending. */
    private final TreeMap<Long, TreeMap<Integer, Double>> observed = new TreeMap<>();
    private final Map<Integer, double[]> encoded = new HashMap<>();
    private final Map<Long, Integer> changes = new HashMap<>();
    private Model model;
    private int modelChanges = -1;

    /** Proposes configs over {@code space}, learning from results of {@code metric}; seeded, so replay proposes the same. */
    public KdeSearcher(SearchSpace space, Metric metric, long seed, Settings settings) {
        this.space = space;
        this.kde = new KdeSpace(space);
        this.metric = metric;
        this.seed = seed;
        this.settings = settings;
        this.rng = new SplittableRandom(seed);
        this.minPoints = settings.minPoints() > 0 ? settings.minPoints() : kde.dimension() + 1;
    }

    @Override
    public Optional<Config> next(int trialId) {
        Model m = kde.dimension() == 0 ? null : model();
        if (m == null || rng.nextDouble() < settings.randomFraction()) {
            return Optional.of(space.sample(rng));
        }
        double[] best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int i = 0; i < settings.candidates(); i++) {
            double[] x = m.good().sample(rng, settings.bandwidthFactor());
            double score = Math.max(LOG_FLOOR, m.bad().logDensity(x)) - Math.max(LOG_FLOOR, m.good().logDensity(x));
            if (score < bestScore) {
                bestScore = score;
                best = x;
            }
        }
        return Optional.of(kde.decode(best));
    }

    @Override
    public void onResult(Trial trial, Result result) {
        double loss = metric.rankLoss(result); // infeasible: +infinity, among the bad configurations
        observed.computeIfAbsent(result.resource(), r -> new TreeMap<>())
                .put(trial.id(), Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss);
        encoded.computeIfAbsent(trial.id(), id -> kde.encode(trial.config()));
        changes.merge(result.resource(), 1, Integer::sum);
    }

    /** Every result of a prior trial is an observation at its resource, as a trial's own report is. */
    @Override
    public void observePrior(List<PriorTrial> prior) {
        for (int i = 0; i < prior.size(); i++) {
            Trial t = new Trial(PriorTrial.idOf(i), prior.get(i).config());
            for (Result r : prior.get(i).asResults(t.id())) {
                if (r.metrics().containsKey(metric.name())) {
                    onResult(t, r);
                }
            }
        }
    }

    /** An excluded trial's observations leave the model (it is refitted where they were). */
    @Override
    public void exclude(int trialId) {
        observed.forEach((resource, values) -> {
            if (values.remove(trialId) != null) {
                changes.merge(resource, 1, Integer::sum);
            }
        });
    }

    /** The model BOHB would sample from now (refitted when its resource's observations changed), or null. */
    Model model() {
        Long resource = null;
        for (Map.Entry<Long, TreeMap<Integer, Double>> e : observed.descendingMap().entrySet()) {
            if (enough(e.getValue().size())) {
                resource = e.getKey();
                break;
            }
        }
        if (resource == null) {
            return null;
        }
        int version = changes.get(resource);
        if (model == null || model.resource() != resource || modelChanges != version) {
            model = fit(resource, observed.get(resource));
            modelChanges = version;
        }
        return model;
    }

    private int goodCount(int n) {
        return Math.max(minPoints, (int) Math.floor(settings.topFraction() * n));
    }

    private int badCount(int n) {
        return Math.min(n - goodCount(n), Math.max(minPoints, (int) Math.floor((1 - settings.topFraction()) * n)));
    }

    private boolean enough(int n) {
        int d = kde.dimension();
        return goodCount(n) > d && badCount(n) > d;
    }

    private Model fit(long resource, TreeMap<Integer, Double> losses) {
        List<Map.Entry<Integer, Double>> sorted = new ArrayList<>(losses.entrySet());
        sorted.sort(Map.Entry.<Integer, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        int n = sorted.size();
        int good = goodCount(n);
        int bad = badCount(n);
        double[][] g = new double[good][];
        double[][] b = new double[bad][];
        for (int i = 0; i < good; i++) {
            g[i] = encoded.get(sorted.get(i).getKey());
        }
        for (int i = 0; i < bad; i++) {
            b[i] = encoded.get(sorted.get(good + i).getKey());
        }
        int[] cats = kde.categories();
        return new Model(resource, n, new ParzenEstimator(g, cats, settings.minBandwidth()),
                new ParzenEstimator(b, cats, settings.minBandwidth()));
    }

    @Override
    public String toString() {
        return "kde(seed=" + seed + ", " + settings + ")";
    }

    /** For tests: the observations at each resource, as counts. */
    Map<Long, Integer> observationCounts() {
        Map<Long, Integer> out = new TreeMap<>();
        observed.forEach((r, m) -> out.put(r, m.size()));
        return out;
    }
}
