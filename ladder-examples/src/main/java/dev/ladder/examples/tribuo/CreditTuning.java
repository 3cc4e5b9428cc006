package dev.ladder.examples.tribuo;

import dev.ladder.core.Best;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.examples.Split;
import dev.ladder.examples.XGBoostDemo;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.math.optimisers.AdaGrad;

/**
 * Tunes Tribuo's {@link LinearSGDTrainer} (logistic regression by SGD with AdaGrad) on the bundled German
 * credit data (docs/tribuo.md): the search space names the trainer's own configurable fields, the resource
 * is the training-set size, ASHA runs on 2 workers; then the best config and Tribuo's defaults train on the
 * whole train part and are compared on the untouched test part (the XGBoost demo's 60/20/20 split).
 */
public final class CreditTuning {
    /** The training set is cut into this many units: resource 27 is all 600 rows. */
    public static final long MAX_RESOURCE = 27;

    private CreditTuning() {
    }

    /** Fields of LinearSGDTrainer and of its AdaGrad optimiser, by their Tribuo names. */
    public static SearchSpace space() {
        return SearchSpace.builder()
                .integer("epochs", 1, 30)
                .logInteger("minibatchSize", 1, 64)
                .logReal("optimiser.initialLearningRate", 0.01, 3.0)
                .logReal("optimiser.epsilon", 1e-4, 1.0)
                .build();
    }

    /** LinearSGDTrainer with a fixed seed; its AdaGrad optimiser made from the {@code optimiser.*} keys. */
    public static TrainerConfigs<Trainer<Label>> trainers() {
        return TrainerConfigs.<Trainer<Label>>of(LinearSGDTrainer.class)
                .component("optimiser", AdaGrad.class)
                .fixed("seed", 1)
                .fixed("optimiser.initialLearningRate", 1.0); // AdaGrad's one mandatory field; tuned keys override it
    }

    /** The outcome: the tuning run, the best config and both configs' test metrics. */
    public record Outcome(TuningResult tuning, Best best, Map<String, Double> tunedTest, Map<String, Double> defaultTest) {
    }

    /** Arguments: the output folder (default {@code ladder-runs}) and the number of trials (default 40). */
    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("org.tribuo").setLevel(java.util.logging.Level.WARNING); // a line per model
        Path out = Path.of(args.length > 0 ? args[0] : "ladder-runs");
        int trials = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        long start = System.nanoTime();
        Outcome r = run(out, "tribuo-credit", trials);
        System.out.println(r.tuning().countByStatus() + " trials; stop: " + r.tuning().stopReason());
        System.out.printf(Locale.ROOT, "%-50s %10s %10s%n", "config (trained on the 600 train rows)", "test acc", "macro F1");
        System.out.printf(Locale.ROOT, "%-50s %10.4f %10.4f%n", "tuned " + r.best().config(),
                r.tunedTest().get("accuracy"), r.tunedTest().get("macro_f1"));
        System.out.printf(Locale.ROOT, "%-50s %10.4f %10.4f%n", "Tribuo's defaults (seed 1)", r.defaultTest().get("accuracy"),
                r.defaultTest().get("macro_f1"));
        System.out.printf(Locale.ROOT, "%.1f s; journal: %s%n", (System.nanoTime() - start) / 1e9, out.resolve("tribuo-credit"));
    }

    static Outcome run(Path out, String name, int trials) {
        Split split = XGBoostDemo.creditSplit();
        MutableDataset<Label> train = TribuoData.classification(split.train(), split.train(), "credit-g train");
        TribuoObjective<Label> objective = TribuoObjective.classification(trainers(), train,
                TribuoData.classification(split.validation(), split.train(), "credit-g validation"), MAX_RESOURCE);
        TuningResult tuning = Tuner.builder()
                .scheduler(Schedulers.asha().minResource(3).maxResource(MAX_RESOURCE).eta(3)
                        .build(new RandomSearcher(space(), 1), Metric.maximize("accuracy")))
                .objective(objective)
                .workers(2)
                .maxTrials(trials)
                .output(out, name)
                .run();
        Best best = tuning.best().orElseThrow(() -> new IllegalStateException("no trial reported: " + tuning.stopReason()));
        MutableDataset<Label> test = TribuoData.classification(split.test(), split.train(), "credit-g test");
        return new Outcome(tuning, best, objective.evaluate(objective.fit(best.config(), MAX_RESOURCE), test),
                objective.evaluate(objective.fit(Config.of(Map.of()), MAX_RESOURCE), test));
    }
}
