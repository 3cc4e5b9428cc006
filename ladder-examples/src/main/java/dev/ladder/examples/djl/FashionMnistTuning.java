package dev.ladder.examples.djl;

import dev.ladder.core.Best;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.SearcherSpec;
import dev.ladder.core.search.Searchers;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Tunes an MLP on Fashion-MNIST with DJL (docs/djl.md): ASHA on 2 workers over epochs, then trains the best
 * config and a hand-set default from scratch on the same rows and compares them on the 10,000 test images.
 *
 * <p>Tuning minimises the validation loss (cross-entropy ranks configs more finely than the accuracy of 2,000
 * images does). Rows: the first {@code --train} training images train, the next {@code --validation} ones are the
 * validation set that tuning reports on; the test images are used once, at the end.
 */
public final class FashionMnistTuning {
    /** The hand-set default: SGD at lr 0.01 with momentum 0.9, one hidden layer of 128 units. */
    public static final Map<String, Object> DEFAULT_CONFIG = Map.of("lr", 0.01, "momentum", 0.9, "hidden", 128,
            "layers", 1, "weight_decay", 0.0);

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
            return new Options(Path.of(m.get("data")), Integer.parseInt(m.get("train")),
                    Integer.parseInt(m.get("validation")), Integer.parseInt(m.get("trials")),
                    Long.parseLong(m.get("epochs")), Integer.parseInt(m.get("workers")), Path.of(m.get("out")),
                    m.get("name"), Long.parseLong(m.get("seed")), m.get("searcher"));
        }
    }

    /** The outcome: the tuning run and both configs' test metrics. */
    public record Outcome(TuningResult tuning, Best best, Map<String, Double> tunedTest, Map<String, Double> defaultTest) {
    }

    public static void main(String[] args) throws Exception {
        DjlEngine.offlineCpu();
        Options o = Options.parse(args);
        long start = System.nanoTime();
        Outcome r = run(o);
        double minutes = (System.nanoTime() - start) / 6e10;
        System.out.println(r.tuning().countByStatus() + " trials; stop: " + r.tuning().stopReason());
        System.out.printf(Locale.ROOT, "%-60s %10s %10s%n", "config (trained on the train rows)", "test loss", "test acc");
        System.out.printf(Locale.ROOT, "%-60s %10.4f %10.4f%n", "tuned " + r.best().config() + ", " + r.best().resource() + " epochs",
                r.tunedTest().get("loss"), r.tunedTest().get("accuracy"));
        System.out.printf(Locale.ROOT, "%-60s %10.4f %10.4f%n", "default " + Config.of(DEFAULT_CONFIG) + ", " + o.epochs() + " epochs",
                r.defaultTest().get("loss"), r.defaultTest().get("accuracy"));
        System.out.printf(Locale.ROOT, "%.1f minutes; journal: %s%n", minutes, o.out().resolve(o.name()));
    }

    static Outcome run(Options o) throws Exception {
        FashionMnist.requireInstalled(o.data());
        ImageSet rows = FashionMnist.train(o.data(), o.train() + o.validation());
        DjlObjective objective = DjlObjective.mlp(rows.slice(0, o.train()), rows.slice(o.train(), rows.rows()),
                FashionMnist.CLASSES.size());
        Metric loss = Metric.minimize("loss");
        TuningResult tuning = Tuner.builder()
                .scheduler(Schedulers.asha().minResource(1).maxResource(o.epochs()).eta(3)
                        .build(SearcherSpec.of(Searchers.entry(o.searcher()).name()).build(space(), loss, o.seed()), loss))
                .objective(objective)
                .workers(o.workers())
                .maxTrials(o.trials())
                .output(o.out(), o.name())
                .run();
        Best best = tuning.best().orElseThrow(() -> new IllegalStateException("no trial reported: " + tuning.stopReason()));
        ImageSet test = FashionMnist.test(o.data(), 10_000);
        return new Outcome(tuning, best, objective.fitAndEvaluate(best.config(), best.resource(), test),
                objective.fitAndEvaluate(Config.of(DEFAULT_CONFIG), o.epochs(), test));
    }
}
