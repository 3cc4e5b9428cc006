package dev.ladder.benchmarks.blackbox;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.sim.Blackbox;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * LCBench (Zimmer, Lindauer &amp; Hutter 2021, Auto-PyTorch, IEEE TPAMI 43(9)) through the YAHPO Gym
 * surrogate (Pfisterer et al. 2022): the learning curves of Auto-PyTorch MLPs on one of 34 OpenML
 * tasks, over epochs 1..52. Data and provenance: {@code src/main/resources/benchmarks/lcbench/README.md}.
 *
 * <p>Search space exactly as the surrogate's {@code config_space.json}, in the model's input order:
 * batch_size logInteger 16..512, learning_rate logReal 1e-4..0.1, momentum real 0.1..0.99,
 * weight_decay real 1e-5..0.1, num_layers integer 1..5, max_units logInteger 64..1024,
 * max_dropout real 0..1. Resource: epochs, 1..52 (upstream caveat: epoch 1 is the untrained
 * network in the original data).
 *
 * <p>Metrics at every epoch, as the surrogate predicts them: {@code time} (cumulative training
 * seconds), {@code val_accuracy} (percent), {@code val_cross_entropy}, {@code val_balanced_accuracy},
 * {@code test_cross_entropy}, {@code test_balanced_accuracy}. The default metric is maximised
 * {@code val_accuracy}; {@link #withMetric(String)} picks another output with its README direction.
 *
 * <p>Invariants: {@link #curve} runs the model once, on all 52 epochs as one batch, and the curve
 * keeps the result, so each {@code metrics(r)} or {@code seconds(r)} is an array lookup.
 * {@code seconds(0) == 0} and {@code seconds} is non-decreasing: where the surrogate predicts a
 * cumulative time below that of an earlier epoch (or below 0), the curve uses the running maximum
 * instead, both in {@code seconds(r)} and in the {@code time} metric. This happens: on 6,800 random
 * configurations (200 per task) 7.5% of the predicted curves decrease somewhere, most often from
 * epoch 1 to epoch 2 (by up to 77%; epoch 1 is the odd untrained epoch of the data), otherwise by
 * small steps scattered over the later epochs. The surrogate is deterministic (upstream
 * ships no noisy model for lcbench), so {@code seed} is ignored. Instances are immutable and
 * thread-safe; all of them share one ONNX Runtime session per JVM, created on first use.
 */
public final class LcBench implements Blackbox {
    public static final int MIN_EPOCH = 1;
    public static final int MAX_EPOCH = 52;

    /** The surrogate's outputs, in its output column order. */
    public static final List<String> OUTPUTS = List.of("time", "val_accuracy", "val_cross_entropy",
            "val_balanced_accuracy", "test_cross_entropy", "test_balanced_accuracy");
    private static final List<Metric.Mode> DIRECTIONS = List.of(Metric.Mode.MIN, Metric.Mode.MAX,
            Metric.Mode.MIN, Metric.Mode.MAX, Metric.Mode.MIN, Metric.Mode.MAX);

    /** OpenML task id -> the surrogate's {@code x_cat} code ({@code encoding.json}), in {@code config_space.json} order. */
    private static final Map<Integer, Integer> CODES = codes(
            3945, 34, 7593, 35, 34539, 33, 126025, 1, 126026, 2, 126029, 3, 146212, 4, 167104, 6,
            167149, 7, 167152, 8, 167161, 9, 167168, 10, 167181, 11, 167184, 12, 167185, 13, 167190, 14,
            167200, 15, 167201, 16, 168329, 17, 168330, 18, 168331, 19, 168335, 20, 168868, 21, 168908, 22,
            168910, 23, 189354, 24, 189862, 25, 189865, 26, 189866, 27, 189873, 28, 189905, 29, 189906, 30,
            189908, 31, 189909, 32);

    private static final SearchSpace SPACE = SearchSpace.builder()
            .logInteger("batch_size", 16, 512)
            .logReal("learning_rate", 1e-4, 0.1)
            .real("momentum", 0.1, 0.99)
            .real("weight_decay", 1e-5, 0.1)
            .integer("num_layers", 1, 5)
            .logInteger("max_units", 64, 1024)
            .real("max_dropout", 0.0, 1.0)
            .build();

    private final int taskId;
    private final int code;
    private final Metric metric;

    private LcBench(int taskId, int code, Metric metric) {
        this.taskId = taskId;
        this.code = code;
        this.metric = metric;
    }

    /** The 34 valid OpenML task ids, in {@code config_space.json} order. */
    public static List<Integer> tasks() {
        return List.copyOf(CODES.keySet());
    }

    /** The benchmark on one OpenML task, with the default metric (maximised {@code val_accuracy}). */
    public static LcBench of(int taskId) {
        Integer code = CODES.get(taskId);
        if (code == null) {
            throw new IllegalArgumentException("LCBench has no task " + taskId + "; valid OpenML task ids: " + tasks());
        }
        return new LcBench(taskId, code, Metric.maximize("val_accuracy"));
    }

    /** As {@link #of(int)}, for a task id written as text (for example from a spec file). */
    public static LcBench of(String taskId) {
        if (taskId == null) {
            throw new IllegalArgumentException("LCBench needs a task id; valid OpenML task ids: " + tasks());
        }
        try {
            return of(Integer.parseInt(taskId.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("LCBench has no task '" + taskId + "'; valid OpenML task ids: " + tasks(), e);
        }
    }

    /** The same task optimising another output, in the direction the README gives it (for example {@code time}: minimise). */
    public LcBench withMetric(String name) {
        int i = OUTPUTS.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("LCBench has no metric '" + name + "'; its metrics are " + OUTPUTS);
        }
        return new LcBench(taskId, code, new Metric(name, DIRECTIONS.get(i)));
    }

    public int taskId() {
        return taskId;
    }

    @Override
    public String name() {
        return "lcbench:" + taskId;
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public long minResource() {
        return MIN_EPOCH;
    }

    @Override
    public long maxResource() {
        return MAX_EPOCH;
    }

    /** The whole curve from one batched inference of 52 rows; {@code seed} is ignored (the surrogate is deterministic). */
    @Override
    public LearningCurve curve(Config config, long seed) {
        SPACE.validate(config);
        float[] row = {
                0f,
                (float) config.getLong("batch_size"),
                (float) config.getDouble("learning_rate"),
                (float) config.getDouble("momentum"),
                (float) config.getDouble("weight_decay"),
                (float) config.getLong("num_layers"),
                (float) config.getLong("max_units"),
                (float) config.getDouble("max_dropout")};
        float[] cont = new float[MAX_EPOCH * LcBenchSurrogate.CONT];
        int[] cat = new int[MAX_EPOCH];
        for (int e = 0; e < MAX_EPOCH; e++) {
            row[0] = e + 1;
            System.arraycopy(row, 0, cont, e * LcBenchSurrogate.CONT, LcBenchSurrogate.CONT);
            cat[e] = code;
        }
        float[] out = LcBenchSurrogate.get().predict(cont, cat, MAX_EPOCH);
        float running = 0f;   // seconds(0)
        for (int t = 0; t < out.length; t += LcBenchSurrogate.OUTPUTS) {
            running = Math.max(running, out[t]);
            out[t] = running;
        }
        return new Curve(name(), out);
    }

    /** The 52 rows of surrogate outputs of one configuration; column 0 holds the running maximum of time. */
    private record Curve(String blackbox, float[] rows) implements LearningCurve {
        @Override
        public Map<String, Double> metrics(long resource) {
            return new MetricRow(OUTPUTS, rows, offset(resource));
        }

        @Override
        public double seconds(long resource) {
            return resource == 0 ? 0.0 : rows[offset(resource)];
        }

        private int offset(long resource) {
            if (resource < MIN_EPOCH || resource > MAX_EPOCH) {
                throw new IllegalArgumentException(blackbox + ": resource " + resource + " is outside the epochs "
                        + MIN_EPOCH + ".." + MAX_EPOCH);
            }
            return (int) (resource - 1) * LcBenchSurrogate.OUTPUTS;
        }
    }

    private static Map<Integer, Integer> codes(int... pairs) {
        Map<Integer, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    @Override
    public String toString() {
        return name() + " (" + metric.mode().name().toLowerCase(Locale.ROOT) + " " + metric.name() + ")";
    }

    /** The surrogate's {@code x_cat} code of this task. */
    int code() {
        return code;
    }
}
