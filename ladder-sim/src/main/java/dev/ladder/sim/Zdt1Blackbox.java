package dev.ladder.sim;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.space.SearchSpace;
import java.util.Map;

/**
 * A two-objective benchmark with a known Pareto front and a fidelity: ZDT1 (Zitzler, Deb, Thiele, "Comparison
 * of multiobjective evolutionary algorithms: empirical results", Evolutionary Computation 8(2), 2000) over
 * x0..x4 in [0, 1], f1 = x0, g = 1 + 9 mean(x1..x4), f2 = g (1 - sqrt(f1 / g)), both minimised; its front is
 * f2 = 1 - sqrt(f1), f1 in [0, 1] (x1..x4 = 0). A learning curve adds {@code 0.5 exp(-r / tau)} to both, with
 * tau = 3 + 15 x1, so early values mislead somewhat; at r = 81 the curves are within 0.5 e^{-81/18} < 0.006 of
 * the final values. It also reports {@code sum} = f1 + f2, the scalarisation single-objective ASHA optimises.
 * Training to r takes r seconds.
 */
public final class Zdt1Blackbox implements Blackbox {
    public static final String F1 = "f1";
    public static final String F2 = "f2";
    public static final String SUM = "sum";
    /** The front's objectives, both minimised. */
    public static final Metric OBJECTIVES = Metric.minimize(F1).withObjectives(Metric.minimize(F2));
    /** The reference point the study measures hypervolume from. */
    public static final double[] REFERENCE = {1.1, 1.1};
    /** The hypervolume of the true front from {@link #REFERENCE}: the integral of 0.1 + sqrt(f1) over [0, 1], plus 0.1 * 1.1. */
    public static final double BEST_HYPERVOLUME = 0.1 + 2.0 / 3.0 + 0.11;

    private static final SearchSpace SPACE = SearchSpace.builder().real("x0", 0, 1).real("x1", 0, 1).real("x2", 0, 1)
            .real("x3", 0, 1).real("x4", 0, 1).build();
    private final long maxResource;

    /** ZDT1 curves up to {@code maxResource} (at least 1). */
    public Zdt1Blackbox(long maxResource) {
        if (maxResource < 1) {
            throw new IllegalArgumentException("max resource must be at least 1, got " + maxResource);
        }
        this.maxResource = maxResource;
    }

    @Override
    public String name() {
        return "zdt1(R=" + maxResource + ")";
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public Metric metric() {
        return OBJECTIVES;
    }

    @Override
    public long minResource() {
        return 1;
    }

    @Override
    public long maxResource() {
        return maxResource;
    }

    @Override
    public LearningCurve curve(Config config, long seed) {
        double x0 = config.getDouble("x0");
        double g = 1 + 9 * (config.getDouble("x1") + config.getDouble("x2") + config.getDouble("x3") + config.getDouble("x4")) / 4;
        double f2 = g * (1 - Math.sqrt(x0 / g));
        double tau = 3 + 15 * config.getDouble("x1");
        long max = maxResource;
        return new LearningCurve() {
            @Override
            public Map<String, Double> metrics(long resource) {
                if (resource < 1 || resource > max) {
                    throw new IllegalArgumentException("resource " + resource + " is outside 1.." + max);
                }
                double late = 0.5 * Math.exp(-resource / tau);
                return Map.of(F1, x0 + late, F2, f2 + late, SUM, x0 + f2 + 2 * late);
            }

            @Override
            public double seconds(long resource) {
                return resource;
            }
        };
    }
}
