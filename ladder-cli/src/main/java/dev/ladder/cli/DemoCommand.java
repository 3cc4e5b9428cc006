package dev.ladder.cli;

import dev.ladder.core.Best;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.RushScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.TaskStore;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.CheckpointPolicy;
import dev.ladder.core.tune.ExperimentName;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.examples.Scores;
import dev.ladder.examples.Split;
import dev.ladder.examples.XGBoostDemo;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
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

    @Option(names = "--workers", defaultValue = "2", description = "Trials run at once (default ${DEFAULT-VALUE}).")
    int workers;

    @Mixin
    SchedulerOptions schedulerOptions;

    @Option(names = "--max-trials", defaultValue = "200", description = "Trials started at most (default ${DEFAULT-VALUE}).")
    int maxTrials;

    @Mixin
    StoreOptions storeOptions;

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

    @Override
    public Integer call() throws Exception {
        if (name == null) {
            name = "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        }
        ExperimentName.check(name); // every check before the store or a folder is created
        Flags.positive("--workers", workers);
        Flags.positive("--max-trials", maxTrials);
        TaskStore store = taskStore == null ? null : TaskStore.loadOrEmpty(taskStore, 1);
        SearchSpace space = spaceFile == null ? XGBoostDemo.space() : readSpace(spaceFile);
        ObjectNode experiment = JSON.createObjectNode();
        experiment.put("kind", "demo");
        experiment.set("metric", JSON.createObjectNode().put("name", "logloss").put("mode", "min"));
        experiment.set("scheduler", schedulerOptions.toJson(3, 243L));
        experiment.set("space", space.toTree());
        experiment.put("seed", seed);
        experiment.put("workers", workers);
        experiment.put("max_trials", maxTrials);
        experiment.put("checkpoints", CheckpointPolicy.parse(keepCheckpoints).toString());
        experiment.set("arms", JSON.valueToTree(store == null ? List.of() : store.arms().stream().map(Config::asMap).toList()));
        experiment.put("task_store", taskStore == null ? null : taskStore.toAbsolutePath().toString());
        return run(spec.commandLine().getOut(), storeOptions, name, experiment, null);
    }

    /** The demo's space, or the one the experiment was started with. */
    private static SearchSpace space(JsonNode experiment) {
        JsonNode space = experiment.get("space");
        return space == null || space.isNull() ? XGBoostDemo.space() : SearchSpace.fromTree(space);
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
     * Runs (or with {@code resumeMaxTrials} set, resumes and possibly extends) the demo experiment
     * {@code name} described by {@code experiment}, journaling into the store.
     */
    static int run(PrintWriter w, StoreOptions where, String name, JsonNode experiment, Integer resumeMaxTrials) throws Exception {
        boolean resume = resumeMaxTrials != null;
        long seed = experiment.get("seed").asLong();
        int workers = experiment.get("workers").asInt();
        int specTrials = experiment.get("max_trials").asInt();
        int maxTrials = resume ? resumeMaxTrials : specTrials;
        List<Config> arms = new java.util.ArrayList<>();
        experiment.get("arms").forEach(a -> arms.add(Config.of(JSON.convertValue(a, Map.class))));
        Metric metric = Metric.minimize("logloss");
        // built as the original was (its trial count included), so that the journal replays into it
        Scheduler s = Schedulers.create(SchedulerOptions.fromJson(experiment.get("scheduler")).spec(3, 243L, specTrials, seed)
                .withArms(arms), new RandomSearcher(space(experiment), seed), metric);
        Split split = XGBoostDemo.creditSplit();
        w.printf("Ladder demo: XGBoost on German credit (%d rows: %d train, %d validation, %d held-out test)%n",
                split.train().rows() + split.validation().rows() + split.test().rows(),
                split.train().rows(), split.validation().rows(), split.test().rows());
        w.printf("%s %s: minimising validation %s with %s; %d workers, at most %d trials, seed %d%n",
                resume ? "Resuming" : "Experiment", name, metric.name(), s, workers, maxTrials, seed);
        Tuner.Builder b = Tuner.builder().scheduler(s).objective(XGBoostDemo.objective(split)).workers(workers)
                .maxTrials(maxTrials).checkpoints(CheckpointPolicy.parse(experiment.path("checkpoints").asText("all")));
        TuningResult r = ExperimentRun.execute(w, where, name, experiment.toString(), seed, resume, maxTrials, metric, b);
        report(w, r, split);
        ExperimentRun.footer(w, where, name, r, experiment.path("checkpoints").asText("all"));
        JsonNode taskStore = experiment.get("task_store");
        if (taskStore != null && !taskStore.isNull() && r.best().isPresent() && !r.stopReason().equals("paused")) {
            Path file = Path.of(taskStore.asText());
            TaskStore tasks = TaskStore.loadOrEmpty(file, 1);
            tasks.finishTask(name, s instanceof RushScheduler rush ? rush.bestConfigs(tasks.topK()) : List.of(r.best().get().config()));
            tasks.save(file);
            w.printf("Task store %s: %d configurations from %d tasks%n", file, tasks.arms().size(), tasks.tasks().size());
        }
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
