package dev.ladder.examples.djl;

import dev.ladder.core.Best;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.search.Searchers;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Tunes an MLP on Fashion-MNIST with DJL (docs/djl.md): ASHA on 2 workers over epochs, then trains the best
 * config (for the epochs at which it had its lowest validation loss) and a hand-set default (27 epochs) from
 * scratch on the same rows and compares them on the 10,000 test images.
 *
 * <p>Tuning minimises the validation loss (cross-entropy ranks configs more finely than the accuracy of 2,000
 * images does). Rows: the first {@code --train} training images train, the next {@code --validation} ones are the
 * validation set that tuning reports on; the test images are used once, at the end.
 */
public final class FashionMnistTuning {
    /** The hand-set default: SGD at lr 0.01 with momentum 0.9, one hidden layer of 128 units. */
    public static final Config DEFAULT_CONFIG = Config.of(new java.util.TreeMap<>(Map.of("lr", 0.01, "momentum", 0.9,
            "hidden", 128, "layers", 1, "weight_decay", 0.0)));

    private FashionMnistTuning() {
    }

    /** The tuned hyperparameters and their ranges. */
    public static SearchSpace space() {
        return SearchSpace.builder()
                .logReal("lr", 1e-3, 0.3)
                .real("momentum", 0.5, 0.95)
                .logInteger("hidden", 32, 512)
                .integer("layers", 1, 2)
                .logReal("weight_decay", 1e-6, 1e-3)
                .build();
    }

    /** The run's settings; every field has a command-line flag of the same name. */
    record Options(Path data, int train, int validation, int trials, long epochs, int workers, Path out, String name,
            long seed, String searcher) {
        static Options parse(String[] args) {
            Map<String, String> m = new java.util.LinkedHashMap<>(Map.of("data", FashionMnist.DEBIAN_DIR.toString(),
                    "train", "10000", "validation", "2000", "trials", "30", "epochs", "27", "workers", "2",
                    "out", "ladder-runs", "name", "fashion-mnist", "seed", "1"));
            m.put("searcher", "kde");
            for (int i = 0; i < args.length; i += 2) {
                String key = args[i].startsWith("--") ? args[i].substring(2) : "";
                if (!m.containsKey(key) || i + 1 >= args.length) {
                    throw new IllegalArgumentException("unknown option or missing value: '" + args[i] + "'; options: --"
                            + String.join(", --", m.keySet()));
                }
                m.put(key, args[i + 1]);
            }
            return new Options(Path.of(m.get("data")), Math.toIntExact(number(m, "train")),
                    Math.toIntExact(number(m, "validation")), Math.toIntExact(number(m, "trials")), number(m, "epochs"),
                    Math.toIntExact(number(m, "workers")), Path.of(m.get("out")), m.get("name"), number(m, "seed"),
                    m.get("searcher"));
        }

        private static long number(Map<String, String> m, String key) {
            try {
                return Long.parseLong(m.get(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option --" + key + ": not a whole number: '" + m.get(key) + "'");
            }
        }
    }

    /**
     * The outcome: the tuning run, the chosen config and epochs ({@link LowestLoss}), and the test metrics of
     * the chosen config and of the default.
     */
    public record Outcome(TuningResult tuning, Best best, Map<String, Double> tunedTest, Map<String, Double> defaultTest) {
    }

    /**
     * The config and epoch count with the lowest validation loss over every report: early stopping chosen on the
     * validation data. (The tuner's own best compares only the results at the highest resource reached, and
     * large networks overfit these 10,000 images well before epoch 27.)
     */
    static final class LowestLoss implements TunerListener {
        private Best best;

        @Override
        public void onResult(Trial trial, Result result, Decision decision, Best ignored) {
            double loss = result.metrics().get("loss");
            if (best == null || loss < best.value()) {
                best = new Best(trial.id(), trial.config(), result.resource(), loss);
            }
        }

        Optional<Best> best() {
            return Optional.ofNullable(best);
        }
    }

    /** Runs with the flags of {@link Options} ({@code --name value} each) and prints the comparison. */
    public static void main(String[] args) throws Exception {
        DjlEngine.offlineCpu();
        Options o = Options.parse(args);
        long start = System.nanoTime();
        Outcome r = run(o);
        double minutes = (System.nanoTime() - start) / 6e10;
        System.out.println(r.tuning().countByStatus() + " trials; stop: " + r.tuning().stopReason());
        System.out.printf(Locale.ROOT, "%-60s %10s %10s%n", "config (trained on the train rows)", "test loss", "test acc");
        System.out.printf(Locale.ROOT, "%-60s %10.4f %10.4f%n", "tuned " + r.best().config() + ", " + r.best().resource() + " epochs (trial " + r.best().trialId() + ")",
                r.tunedTest().get("loss"), r.tunedTest().get("accuracy"));
        System.out.printf(Locale.ROOT, "%-60s %10.4f %10.4f%n", "default " + DEFAULT_CONFIG + ", " + o.epochs() + " epochs",
                r.defaultTest().get("loss"), r.defaultTest().get("accuracy"));
        System.out.printf(Locale.ROOT, "%.1f minutes; journal: %s%n", minutes, o.out().resolve(o.name()));
    }

    static Outcome run(Options o) throws Exception {
        FashionMnist.requireInstalled(o.data());
        ImageSet rows = FashionMnist.train(o.data(), o.train() + o.validation());
        DjlObjective objective = DjlObjective.mlp(rows.slice(0, o.train()), rows.slice(o.train(), rows.rows()),
                FashionMnist.CLASSES.size());
        Metric loss = Metric.minimize("loss");
        LowestLoss lowest = new LowestLoss();
        TuningResult tuning = Tuner.builder()
                .scheduler(Schedulers.asha().minResource(1).maxResource(o.epochs()).eta(3)
                        .build(SearcherSpec.of(Searchers.entry(o.searcher()).name()).build(space(), loss, o.seed()), loss))
                .objective(objective)
                .listener(lowest)
                .workers(o.workers())
                .maxTrials(o.trials())
                .output(o.out(), o.name())
                .run();
        Best best = lowest.best().orElseThrow(() -> new IllegalStateException("no trial reported: " + tuning.stopReason()));
        ImageSet test = FashionMnist.test(o.data(), 10_000);
        return new Outcome(tuning, best, objective.fitAndEvaluate(best.config(), best.resource(), test),
                objective.fitAndEvaluate(DEFAULT_CONFIG, o.epochs(), test));
    }
}
