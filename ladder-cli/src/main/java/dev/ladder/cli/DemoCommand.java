package dev.ladder.cli;

import dev.ladder.core.Best;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.Config;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.CheckpointPolicy;
import dev.ladder.core.tune.ExperimentName;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.examples.Scores;
import dev.ladder.examples.Split;
import dev.ladder.examples.XGBoostDemo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The main job: tunes XGBoost on the bundled German credit data and compares with XGBoost's defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Tune XGBoost (boosting rounds as the resource, 3 to 243 unless --min-resource/--max-resource say "
                + "otherwise) on the bundled German credit data and compare the tuned config with XGBoost's defaults "
                + "on a held-out test split.")
final class DemoCommand implements Callable<Integer> {
    static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the searcher (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--workers", defaultValue = "" + Tuner.Builder.DEFAULT_WORKERS,
            description = "Trials run at once (default ${DEFAULT-VALUE}, as everywhere in Ladder).")
    int workers;

    @Mixin
    SchedulerOptions schedulerOptions;

    @Option(names = "--max-trials", defaultValue = "200", description = "Trials started at most (default ${DEFAULT-VALUE}).")
    int maxTrials;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--executor", defaultValue = ExperimentSpec.LOCAL, description = "local (default): trials run in "
            + "this JVM; remote: on ladder worker processes that lease them from the PostgreSQL store given with --storage.")
    String executor;

    @Option(names = "--name", description = "Experiment name (default demo-<date>-<time>).")
    String name;

    @Option(names = "--keep-checkpoints", defaultValue = "all", description = "all (default), or best:N to keep only the "
            + "checkpoints of the N best trials, deleting the others once their trials cannot resume; "
            + "+trial-best also keeps each trial's best checkpoint when it is not its latest.")
    String keepCheckpoints;

    @Option(names = "--space", description = "A search space file (YAML or JSON: parameter names to domains, as under "
            + "a spec's space:) instead of the demo's seven XGBoost parameters; a plain value fixes a parameter, one "
            + "left out keeps XGBoost's default.")
    Path spaceFile;

    @Option(names = "--task-store", description = "RUSH: a JSON task store; its configurations are evaluated first "
            + "(with --scheduler rush) and this run's best joins it at the end.")
    Path taskStore;

    /** The demo's resource: boosting rounds, 3 to 243 unless the flags say otherwise. */
    static final String RESOURCE = "rounds";
    static final long MIN_ROUNDS = 3;
    static final long MAX_ROUNDS = 243;

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            name = "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        }
        ExperimentName.check(name); // every check before the store or a folder is created
        Flags.positive("--workers", workers);
        Flags.positive("--max-trials", maxTrials);
        SearchSpace space = spaceFile == null ? XGBoostDemo.space() : readSpace(spaceFile);
        StoredSpec stored = new StoredSpec(StoredSpec.DEMO, tree(space));
        return run(spec.commandLine().getOut(), storeOptions, name, ExperimentRun.forNewExperiment(stored, name), false, null);
    }

    /** The flags as the demo's built-in experiment spec (the keys of a YAML spec, without a command). */
    private ObjectNode tree(SearchSpace space) {
        ObjectNode t = JSON.createObjectNode();
        t.put("name", name);
        t.set("metric", JSON.createObjectNode().put("name", "logloss").put("mode", "min"));
        t.putObject("resource").put("name", RESOURCE);
        schedulerOptions.writeTo(t, schedulerOptions.spec(MIN_ROUNDS, MAX_ROUNDS), schedulerOptions.searcherSpec());
        t.set("space", space.toTree());
        t.put("seed", seed);
        t.put("workers", workers);
        t.put("executor", executor);
        t.putObject("stop").put("max_trials", maxTrials);
        t.putObject("checkpoints").put("keep", CheckpointPolicy.parse(keepCheckpoints).toString());
        if (taskStore != null) {
            t.put("task_store", taskStore.toAbsolutePath().toString());
        }
        return t;
    }

    /** A --space file, whose names must be XGBoost parameters the demo knows. */
    static SearchSpace readSpace(Path file) throws IOException {
        SearchSpace space;
        try {
            space = SearchSpace.fromYaml(Files.readString(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        List<String> known = XGBoostDemo.space().names();
        for (String name : space.names()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(file + ": parameter '" + name + "' is not one the demo tunes (" + known + ")");
            }
        }
        return space;
    }

    /**
     * Runs the demo experiment {@code name} that {@code stored} describes, journaling into the store; with
     * {@code resume} it continues the stored one, with {@code maxTrials} (null: the spec's limit) as its limit.
     */
    static int run(PrintWriter w, StoreOptions where, String name, StoredSpec stored, boolean resume, Integer maxTrials)
            throws Exception {
        ExperimentSpec s = stored.spec(name);
        Integer limit = maxTrials != null ? maxTrials : s.stop().maxTrials();
        // built as the original was (its trial count included), so that the journal replays into it
        Scheduler scheduler = s.scheduler().build(s.searcher().build(s.space(), s.metric(), s.seed()), s.metric());
        Split split = TrialRunners.demoSplit();
        w.printf("Ladder demo: XGBoost on German credit (%d rows: %d train, %d validation, %d held-out test)%n",
                split.train().rows() + split.validation().rows() + split.test().rows(),
                split.train().rows(), split.validation().rows(), split.test().rows());
        w.printf("%s %s: minimising validation %s with %s; %d workers%s, seed %d%n",
                resume ? "Resuming" : "Experiment", name, s.metric().name(), scheduler, s.workers(),
                limit == null ? "" : ", at most " + limit + " trials", s.seed());
        Tuner.Builder b = Tuner.builder().scheduler(scheduler).stop(s.stop()).maxFailures(s.maxFailures()).checkpoints(s.checkpoints());
        if (maxTrials != null) {
            b.maxTrials(maxTrials);
        }
        LivePlots plots = ExperimentRun.plots(where, name, s);
        TuningResult r = ExperimentRun.execute(w, where, name, stored, resume, limit, b,
                () -> TrialRunners.local(stored, name, s.workers(), null), plots);
        report(w, r, split);
        ExperimentRun.footer(w, where, name, r, s, plots);
        ExperimentRun.finishTask(w, s, name, scheduler, r);
        return r.best().isPresent() ? 0 : 1;
    }

    private static void report(PrintWriter w, TuningResult r, Split split) throws Exception {
        Map<TrialStatus, Integer> c = r.countByStatus();
        w.printf("%n%s in %s: %s%n", r.stopReason().equals("paused") ? "Paused" : "Done", format(r.elapsed()), r.stopReason());
        w.printf("Trials: %d started; %d completed, %d paused, %d stopped, %d failed; %,d boosting rounds in total%n",
                r.trials().size(), c.get(TrialStatus.COMPLETED), c.get(TrialStatus.PAUSED), c.get(TrialStatus.STOPPED),
                c.get(TrialStatus.FAILED), r.totalResource());
        if (r.best().isEmpty()) {
            w.println("No trial reported a result; see the journal for the failures.");
            return;
        }
        Best best = r.best().get();
        w.printf("%nBest trial: #%d, validation logloss %.4f after %d rounds%n", best.trialId(), best.value(), best.resource());
        w.println("Best config:");
        best.config().asMap().forEach((k, v) -> w.printf(Locale.ROOT, "  %-17s %s%n", k,
                v instanceof Double d ? String.format(Locale.ROOT, "%.4g", d) : v));
        int rounds = Math.toIntExact(best.resource());
        Scores tuned = XGBoostDemo.evaluateOnTest(split, best.config(), rounds);
        Scores dflt = XGBoostDemo.evaluateOnTest(split, Config.of(XGBoostDemo.defaultConfig()), XGBoostDemo.DEFAULT_ROUNDS);
        w.printf("%nHeld-out test split (%d rows), each trained from scratch on the train split:%n", split.test().rows());
        w.printf("  %-34s %8s %8s %9s%n", "", "logloss", "AUC", "accuracy");
        w.printf(Locale.ROOT, "  %-34s %8.4f %8.4f %9.4f%n", "tuned (" + rounds + " rounds)", tuned.logloss(), tuned.auc(), tuned.accuracy());
        w.printf(Locale.ROOT, "  %-34s %8.4f %8.4f %9.4f%n", "XGBoost defaults (" + XGBoostDemo.DEFAULT_ROUNDS + " rounds)",
                dflt.logloss(), dflt.auc(), dflt.accuracy());
        if (tuned.logloss() < dflt.logloss()) {
            w.printf(Locale.ROOT, "The tuned config beats XGBoost's defaults on the held-out test split (logloss %.4f vs %.4f).%n",
                    tuned.logloss(), dflt.logloss());
        } else {
            w.printf(Locale.ROOT, "The tuned config did NOT beat XGBoost's defaults on the held-out test split (logloss %.4f vs %.4f).%n",
                    tuned.logloss(), dflt.logloss());
        }
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
