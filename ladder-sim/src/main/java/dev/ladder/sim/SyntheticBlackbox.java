package dev.ladder.sim;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.space.SearchSpace;
import java.util.Map;

/**
 * A deterministic two-parameter benchmark with a known optimum, for tests and studies. Over x0, x1 in
 * [0, 1] the metric "loss" (minimised) follows {@code loss(x, r) = f(x) + (1 - f(x)) exp(-r / tau(x))}
 * with final loss {@code f = 0.05 + 0.9 ((x0 - 0.3)^2 + (x1 - 0.3)^2) / 0.98} (in [0.05, 0.95], best 0.05 at
 * (0.3, 0.3)) and time constant {@code tau = 2 + 9 (x0^2 + x1^2)} (in [2, 20]), so configurations that learn
 * fast early are not always the best at the end. Training to r takes {@code r * secondsPerUnit} seconds:
 * training time equals the allocated resource, as in the simulations of L. Li, "Towards Efficient
 * Automated Machine Learning", PhD thesis, CMU, 2020, section 3.3.3.
 */
public final class SyntheticBlackbox implements Blackbox {
    public static final String METRIC = "loss";
    /** The final loss at the optimum (0.3, 0.3). */
    public static final double BEST_LOSS = 0.05;

    private static final SearchSpace SPACE = SearchSpace.builder().real("x0", 0, 1).real("x1", 0, 1).build();

    private final long maxResource;
    private final double secondsPerUnit;

    /** Curves up to {@code maxResource} (at least 1), each unit of resource taking {@code secondsPerUnit} (positive, finite) simulated seconds. */
    public SyntheticBlackbox(long maxResource, double secondsPerUnit) {
        if (maxResource < 1) {
            throw new IllegalArgumentException("max resource must be at least 1, got " + maxResource);
        }
        if (!(secondsPerUnit > 0) || Double.isInfinite(secondsPerUnit)) {
            throw new IllegalArgumentException("seconds per unit of resource must be a positive number, got " + secondsPerUnit);
        }
        this.maxResource = maxResource;
        this.secondsPerUnit = secondsPerUnit;
    }

    /** The loss after training for ever. */
    public static double finalLoss(double x0, double x1) {
        return BEST_LOSS + 0.9 * ((x0 - 0.3) * (x0 - 0.3) + (x1 - 0.3) * (x1 - 0.3)) / 0.98;
    }

    /** How many units of resource the loss takes to fall by a factor e towards its final value. */
    public static double tau(double x0, double x1) {
        return 2 + 9 * (x0 * x0 + x1 * x1);
    }

    @Override
    public String name() {
        return "synthetic(R=" + maxResource + ")";
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public Metric metric() {
        return Metric.minimize(METRIC);
    }

    @Override
    public long minResource() {
        return 1;
    }

    @Override
    public long maxResource() {
        return maxResource;
    }

    /** The curve of {@code config}; the benchmark has no noise, so {@code seed} is ignored. */
    @Override
    public LearningCurve curve(Config config, long seed) {
        double x0 = config.getDouble("x0");
        double x1 = config.getDouble("x1");
        return new Curve(finalLoss(x0, x1), tau(x0, x1), maxResource, secondsPerUnit);
    }

    private record Curve(double finalLoss, double tau, long maxResource, double secondsPerUnit) implements LearningCurve {
        @Override
        public Map<String, Double> metrics(long resource) {
            if (resource < 1 || resource > maxResource) {
                throw new IllegalArgumentException("resource " + resource + " is outside 1.." + maxResource);
            }
            return Map.of(METRIC, finalLoss + (1 - finalLoss) * Math.exp(-resource / tau));
        }

        @Override
        public double seconds(long resource) {
            if (resource < 0 || resource > maxResource) {
                throw new IllegalArgumentException("resource " + resource + " is outside 0.." + maxResource);
            }
            return resource * secondsPerUnit;
        }
    }
}
