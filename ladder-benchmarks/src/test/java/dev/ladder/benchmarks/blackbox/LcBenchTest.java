package dev.ladder.benchmarks.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.space.Domain;
import dev.ladder.sim.Blackbox;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pins {@link LcBench} to the facts of benchmarks/lcbench/README.md and its config_space.json and encoding.json. */
class LcBenchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** README "Worked example (verified)": task 189906, config-space defaults. */
    static Config defaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batch_size", 91);
        m.put("learning_rate", 0.0031622777);
        m.put("momentum", 0.545);
        m.put("weight_decay", 0.050005);
        m.put("num_layers", 3);
        m.put("max_units", 256);
        m.put("max_dropout", 0.5);
        return Config.of(m);
    }

    /** Rows of the README table: epoch, then the six outputs in output column order. */
    private static final double[][] WORKED_EXAMPLE = {
            {1, 6.7730856, 12.328684, 1.8929331, 0.1269155, 1.9659922, 0.12219297},
            {8, 32.337914, 42.01792, 1.7412947, 0.42055643, 1.9357903, 0.4219907},
            {52, 104.83784, 55.345936, 1.3280712, 0.5574093, 1.8222698, 0.55791134}};

    /**
     * The README's relative tolerance 1e-4, for 17 of the 18 values. The exception is the time at
     * epoch 1: on this project's machines (AMD EPYC, linux-x64) ONNX Runtime 1.22.0, and 1.20.0 too,
     * predict 6.7744803 where the README, run on another CPU, has 6.7730856, a relative difference of
     * 2.06e-4; it gets 5e-4. The other 17 values agree within 1.3e-5 here.
     */
    @Test
    void reproducesTheReadmeWorkedExample() {
        Blackbox.LearningCurve curve = LcBench.of(189906).curve(defaults(), 0);
        for (double[] row : WORKED_EXAMPLE) {
            long epoch = (long) row[0];
            Map<String, Double> metrics = curve.metrics(epoch);
            assertThat(metrics.keySet()).containsExactlyElementsOf(LcBench.OUTPUTS);
            for (int i = 0; i < LcBench.OUTPUTS.size(); i++) {
                String name = LcBench.OUTPUTS.get(i);
                double relative = epoch == 1 && name.equals("time") ? 5e-4 : 1e-4;
                assertThat(metrics.get(name)).as("epoch %d %s", epoch, name)
                        .isCloseTo(row[i + 1], within(relative * Math.abs(row[i + 1])));
            }
            assertThat(curve.seconds(epoch)).isEqualTo(metrics.get("time"));
        }
        assertThat(curve.seconds(0)).isZero();
    }

    @Test
    void aPredictedDecreaseInTimeBecomesTheRunningMaximum() {
        // The surrogate predicts less cumulative time at epoch 2 than at epoch 1 for this config (3.69 s -> 2.27 s here).
        Config c = Config.of(Map.of("batch_size", 32, "learning_rate", 0.06961904323867588, "momentum", 0.8589027085770394,
                "weight_decay", 0.03761449010219722, "num_layers", 3, "max_units", 64, "max_dropout", 0.7530787567637227));
        LcBench b = LcBench.of(189862);
        float[] inputs = new float[2 * LcBenchSurrogate.CONT];
        for (int e = 0; e < 2; e++) {
            float[] row = {e + 1, 32, (float) 0.06961904323867588, (float) 0.8589027085770394, (float) 0.03761449010219722,
                    3, 64, (float) 0.7530787567637227};
            System.arraycopy(row, 0, inputs, e * LcBenchSurrogate.CONT, LcBenchSurrogate.CONT);
        }
        float[] raw = LcBenchSurrogate.get().predict(inputs, new int[] {b.code(), b.code()}, 2);
        assertThat(raw[LcBenchSurrogate.OUTPUTS]).isLessThan(raw[0] * 0.9f);
        Blackbox.LearningCurve curve = b.curve(c, 0);
        assertThat(curve.seconds(1)).isEqualTo(raw[0]);
        assertThat(curve.seconds(2)).isEqualTo(curve.seconds(1));
        assertThat(curve.metrics(2).get("time")).isEqualTo(curve.seconds(1));
        assertThat(curve.seconds(52)).isGreaterThan(curve.seconds(1));
    }

    @Test
    void workedExampleLiesInsideTheInstanceTargetStatistics() throws IOException {
        Map<String, double[]> range = new LinkedHashMap<>();
        try (InputStream in = LcBenchTest.class.getResourceAsStream("/benchmarks/lcbench/instance_target_statistics.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.get(0)).isEqualTo("metric,statistic,value,scenario,instance");
            assertThat(lines).hasSize(409);
            for (String line : lines.subList(1, lines.size())) {
                String[] c = line.split(",");
                if (c[4].equals("189906")) {
                    double[] r = range.computeIfAbsent(c[0], k -> new double[2]);
                    r[c[1].equals("min") ? 0 : 1] = Double.parseDouble(c[2]);
                }
            }
        }
        assertThat(range.keySet()).containsExactlyInAnyOrderElementsOf(LcBench.OUTPUTS);
        Blackbox.LearningCurve curve = LcBench.of(189906).curve(defaults(), 0);
        for (double[] row : WORKED_EXAMPLE) {
            curve.metrics((long) row[0]).forEach((name, v) -> assertThat(v).as(name)
                    .isBetween(range.get(name)[0], range.get(name)[1]));
        }
    }

    @Test
    void tasksAndCodesMatchConfigSpaceAndEncoding() throws IOException {
        JsonNode space = json("config_space.json");
        List<Integer> choices = new ArrayList<>();
        for (JsonNode hp : space.get("hyperparameters")) {
            if (hp.get("name").asText().equals("OpenML_task_id")) {
                hp.get("choices").forEach(c -> choices.add(Integer.parseInt(c.asText())));
            }
        }
        assertThat(LcBench.tasks()).hasSize(34).containsExactlyElementsOf(choices);
        JsonNode encoding = json("encoding.json").get("OpenML_task_id");
        for (int task : LcBench.tasks()) {
            assertThat(LcBench.of(task).code()).as("code of %d", task).isEqualTo(encoding.get(Integer.toString(task)).asInt());
        }
    }

    @Test
    void searchSpaceIsExactlyTheConfigSpace() throws IOException {
        JsonNode space = json("config_space.json");
        Map<String, Domain> domains = LcBench.of(189906).space().domains();
        assertThat(domains.keySet()).containsExactly("batch_size", "learning_rate", "momentum", "weight_decay",
                "num_layers", "max_units", "max_dropout");
        int seen = 0;
        for (JsonNode hp : space.get("hyperparameters")) {
            String name = hp.get("name").asText();
            if (!domains.containsKey(name)) {
                assertThat(name).isIn("OpenML_task_id", "epoch");
                continue;
            }
            seen++;
            Domain d = domains.get(name);
            boolean log = hp.get("log").asBoolean();
            double lower = hp.get("lower").asDouble();
            double upper = hp.get("upper").asDouble();
            switch (hp.get("type").asText()) {
                case "uniform_int" -> assertThat(d).as(name).isEqualTo(new Domain.Int((long) lower, (long) upper, log));
                case "uniform_float" -> {
                    assertThat(d).as(name).isInstanceOf(Domain.Real.class);
                    Domain.Real r = (Domain.Real) d;
                    assertThat(r.log()).as(name).isEqualTo(log);
                    assertThat(r.lower()).as(name).isCloseTo(lower, within(1e-12));
                    assertThat(r.upper()).as(name).isCloseTo(upper, within(1e-12));
                }
                default -> throw new AssertionError("unexpected type for " + name);
            }
        }
        assertThat(seen).isEqualTo(7);
        assertThat(LcBench.of(3945).minResource()).isEqualTo(1);
        assertThat(LcBench.of(3945).maxResource()).isEqualTo(52);
    }

    @Test
    void modelIsTheOneTheReadmeNames() throws Exception {
        try (InputStream in = LcBenchTest.class.getResourceAsStream(LcBenchSurrogate.MODEL)) {
            byte[] model = in.readAllBytes();
            assertThat(model).hasSize(2_153_124);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)))
                    .isEqualTo("b45c0d85ae39abf8820c8bea5ac82f415763afcbaf3b725e36af452b09cb6dcd");
        }
    }

    @Test
    void defaultsAndNames() {
        LcBench b = LcBench.of("189906");
        assertThat(b.name()).isEqualTo("lcbench:189906");
        assertThat(b.taskId()).isEqualTo(189906);
        assertThat(b.metric()).isEqualTo(Metric.maximize("val_accuracy"));
        assertThat(b.withMetric("time").metric()).isEqualTo(Metric.minimize("time"));
        assertThat(b.withMetric("test_cross_entropy").metric()).isEqualTo(Metric.minimize("test_cross_entropy"));
        assertThat(b.withMetric("val_balanced_accuracy").metric()).isEqualTo(Metric.maximize("val_balanced_accuracy"));
    }

    @Test
    void timeIsMonotoneAndStartsAtZeroOnRandomConfigs() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int task : LcBench.tasks()) {
            LcBench b = LcBench.of(task);
            for (int i = 0; i < 5; i++) {
                Config c = b.space().sample(rng);
                Blackbox.LearningCurve curve = b.curve(c, i);
                assertThat(curve.seconds(0)).isZero();
                double previous = 0;
                for (long r = 1; r <= 52; r++) {
                    double s = curve.seconds(r);
                    assertThat(s).as("%s %s epoch %d", b.name(), c, r).isGreaterThanOrEqualTo(previous);
                    assertThat(curve.metrics(r).get("time")).isEqualTo(s);
                    assertThat(curve.metrics(r).values()).allSatisfy(v -> assertThat(v).isFinite());
                    previous = s;
                }
            }
        }
    }

    @Test
    void seedIsIgnoredAndCurvesAreDeterministic() {
        LcBench b = LcBench.of(3945);
        Config c = defaults();
        Blackbox.LearningCurve a = b.curve(c, 1);
        Blackbox.LearningCurve z = b.curve(c, 99);
        for (long r = 1; r <= 52; r++) {
            assertThat(a.metrics(r)).isEqualTo(z.metrics(r));
        }
    }

    @Test
    void batchedCurveEqualsOneRowAtATime() {
        LcBench b = LcBench.of(189906);
        Blackbox.LearningCurve curve = b.curve(defaults(), 0);
        float[] cont = {8f, 91f, 0.0031622777f, 0.545f, 0.050005f, 3f, 256f, 0.5f};
        float[] single = LcBenchSurrogate.get().predict(cont, new int[] {30}, 1);
        for (int i = 0; i < LcBench.OUTPUTS.size(); i++) {
            assertThat(curve.metrics(8).get(LcBench.OUTPUTS.get(i))).isCloseTo(single[i], within(1e-5 * Math.abs(single[i])));
        }
    }

    @Test
    void rejectsUnknownTasksListingTheValidOnes() {
        assertThatThrownBy(() -> LcBench.of(167083))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no task 167083")
                .hasMessageContaining("3945").hasMessageContaining("189909");
        assertThatThrownBy(() -> LcBench.of("cifar10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'cifar10'").hasMessageContaining("189906");
    }

    @Test
    void rejectsBadConfigsAndResources() {
        LcBench b = LcBench.of(189906);
        Map<String, Object> m = new LinkedHashMap<>(defaults().asMap());
        m.put("batch_size", 1000);
        assertThatThrownBy(() -> b.curve(Config.of(m), 0)).hasMessageContaining("batch_size");
        m.remove("batch_size");
        assertThatThrownBy(() -> b.curve(Config.of(m), 0)).hasMessageContaining("batch_size");
        assertThatThrownBy(() -> b.withMetric("accuracy")).hasMessageContaining("accuracy").hasMessageContaining("val_accuracy");
        Blackbox.LearningCurve curve = b.curve(defaults(), 0);
        assertThatThrownBy(() -> curve.metrics(0)).hasMessageContaining("lcbench:189906").hasMessageContaining("1..52");
        assertThatThrownBy(() -> curve.seconds(53)).hasMessageContaining("53");
    }

    /**
     * A timing smoke, not a benchmark (DESIGN: no timed unit tests, so nothing is asserted): prints how
     * long one warm {@code curve()} call takes, one thread.
     */
    @Test
    void timingSmoke() {
        LcBench b = LcBench.of(189906);
        SplittableRandom rng = new SplittableRandom(1);
        List<Config> configs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            configs.add(b.space().sample(rng));
        }
        double sink = 0;
        for (Config c : configs) {
            sink += b.curve(c, 0).seconds(52);
        }
        int n = 2000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += b.curve(configs.get(i % configs.size()), 0).seconds(52);
        }
        double micros = (System.nanoTime() - t0) / 1e3 / n;
        System.out.printf("LcBench.curve() warm: %.1f us per curve, %.0f curves/s (one thread; sink %.1f)%n",
                micros, 1e6 / micros, sink);
        assertThat(sink).isPositive();
    }

    private static JsonNode json(String file) throws IOException {
        try (InputStream in = LcBenchTest.class.getResourceAsStream("/benchmarks/lcbench/" + file)) {
            return JSON.readTree(in);
        }
    }
}
