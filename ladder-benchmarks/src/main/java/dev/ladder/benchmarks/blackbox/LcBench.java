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
 * tasks, over epochs 1..52. Data and provenance: {@code ladder-benchmarks-data/src/main/resources/benchmarks/lcbench/README.md}.
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
 * <p>Batching: ONNX Runtime's kernels round differently for different batch sizes, so an epoch's
 * values can differ in the last float bits between a lone prediction, a lazy extension and a
 * prefetched batch (seen: 2e-7 relative); the same sequence of calls always gives the same values.
 *
 * <p>Invariants: {@link #curve} predicts lazily (see there), each epoch exactly once, and the curve
 * keeps the result, so a {@code metrics(r)} or {@code seconds(r)} at a known epoch is an array lookup.
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

    /**
     * The curve, predicted lazily: the first query of epoch r runs the model on epochs 1..r, later
     * queries beyond what is known extend it to at least twice as many epochs (all rows of one extension
     * in one batch). A trial that ASHA drops after epoch 1 costs one small inference instead of 52 rows;
     * a trial trained to 52 epochs costs about log2(52) inferences. {@code seed} is ignored (the
     * surrogate is deterministic).
     */
    @Override
    public LearningCurve curve(Config config, long seed) {
        Curve curve = new Curve(name(), input(config), code);
        float[] early = prefetched.remove(config);
        if (early != null) {
            curve.accept(early, PREFETCH_EPOCHS);
        }
        return curve;
    }

    /** Epochs a prefetch predicts per configuration (enough for the first rungs of eta = 3). */
    static final int PREFETCH_EPOCHS = 3;
    /** Prefetched first epochs by configuration; bounded, since a hint may never be followed by a curve. */
    private final java.util.Map<Config, float[]> prefetched = new java.util.concurrent.ConcurrentHashMap<>();

    /** Predicts the first {@value #PREFETCH_EPOCHS} epochs of all {@code configs} in one batch. */
    @Override
    public void prefetch(java.util.List<Config> configs) {
        if (prefetched.size() > 4096) {
            prefetched.clear();
        }
        int n = configs.size() * PREFETCH_EPOCHS;
        float[] cont = new float[n * LcBenchSurrogate.CONT];
        int[] cat = new int[n];
        for (int c = 0; c < configs.size(); c++) {
            float[] row = input(configs.get(c));
            for (int e = 0; e < PREFETCH_EPOCHS; e++) {
                row[0] = e + 1;
                System.arraycopy(row, 0, cont, (c * PREFETCH_EPOCHS + e) * LcBenchSurrogate.CONT, LcBenchSurrogate.CONT);
                cat[c * PREFETCH_EPOCHS + e] = code;
            }
        }
        float[] out = surrogate().predict(cont, cat, n);
        int width = PREFETCH_EPOCHS * LcBenchSurrogate.OUTPUTS;
        for (int c = 0; c < configs.size(); c++) {
            prefetched.put(configs.get(c), java.util.Arrays.copyOfRange(out, c * width, (c + 1) * width));
        }
    }

    private static float[] input(Config config) {
        SPACE.validate(config);
        return new float[] {
                0f,
                (float) config.getLong("batch_size"),
                (float) config.getDouble("learning_rate"),
                (float) config.getDouble("momentum"),
                (float) config.getDouble("weight_decay"),
                (float) config.getLong("num_layers"),
                (float) config.getLong("max_units"),
                (float) config.getDouble("max_dropout")};
    }

    /** Surrogate outputs of one configuration, epochs 1..known; column 0 holds the running maximum of time. */
    private static final class Curve implements LearningCurve {
        private final String blackbox;
        private final float[] input;
        private final int code;
        private final float[] rows = new float[MAX_EPOCH * LcBenchSurrogate.OUTPUTS];
        private int known;

        Curve(String blackbox, float[] input, int code) {
            this.blackbox = blackbox;
            this.input = input;
            this.code = code;
        }

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
            if (resource > known) {
                extend((int) Math.min(MAX_EPOCH, Math.max(resource, 2L * known)));
            }
            return (int) (resource - 1) * LcBenchSurrogate.OUTPUTS;
        }

        /** Predicts epochs known+1 .. to in one batch and keeps time non-decreasing. */
        private void extend(int to) {
            int n = to - known;
            float[] cont = new float[n * LcBenchSurrogate.CONT];
            int[] cat = new int[n];
            for (int i = 0; i < n; i++) {
                input[0] = known + 1 + i;
                System.arraycopy(input, 0, cont, i * LcBenchSurrogate.CONT, LcBenchSurrogate.CONT);
                cat[i] = code;
            }
            accept(surrogate().predict(cont, cat, n), to);
        }

        /** Takes predicted rows for epochs known+1 .. to, keeping time non-decreasing. */
        void accept(float[] out, int to) {
            int n = to - known;
            float running = known == 0 ? 0f : rows[(known - 1) * LcBenchSurrogate.OUTPUTS]; // seconds(0) = 0
            for (int i = 0; i < n; i++) {
                int t = i * LcBenchSurrogate.OUTPUTS;
                running = Math.max(running, out[t]);
                out[t] = running;
            }
            System.arraycopy(out, 0, rows, known * LcBenchSurrogate.OUTPUTS, out.length);
            known = to;
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

    /** The shared surrogate; one clear error when ONNX Runtime, which only it needs, is not on the classpath. */
    private static LcBenchSurrogate surrogate() {
        try {
            return LcBenchSurrogate.get();
        } catch (NoClassDefFoundError e) {
            if (String.valueOf(e.getMessage()).startsWith("ai/onnxruntime")) {
                throw new IllegalStateException("the LCBench surrogate needs ONNX Runtime (com.microsoft.onnxruntime:onnxruntime),"
                        + " which is not on the classpath; " + Blackboxes.ADD_ON, e);
            }
            throw e;
        }
    }
}
