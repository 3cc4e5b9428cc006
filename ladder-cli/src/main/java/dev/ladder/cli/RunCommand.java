package dev.ladder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.Best;
import dev.ladder.core.Config;
import dev.ladder.core.tune.WarmStart;
import java.nio.file.Files;
import java.util.ArrayList;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.tune.ExperimentName;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.process.ProcessExecutor;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Tunes any program: one process per trial, as an experiment spec (YAML) describes. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the experiment a spec describes (YAML; docs/experiment.schema.json): one process per trial "
                + "from the spec's command, in the spec's folder, reporting with LADDER_REPORT lines "
                + "(docs/process-trials.md). Ctrl-C pauses; ladder resume NAME goes on.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The experiment spec, e.g. experiment.yaml.")
    Path specFile;

    @Option(names = "--name", description = "Experiment name (default: the spec's name).")
    String name;

    @Option(names = "--enqueue", paramLabel = "FILE", description = "Run these configurations first (a JSON or YAML list of "
            + "mappings, or a CSV whose header names parameters), after any the spec's enqueue: lists; each is checked against the space.")
    Path enqueue;

    @Option(names = "--prior", paramLabel = "SOURCE", description = "Prior data for the searchers that learn (gp, mobster, kde) "
            + "and RUSH's transferred arms: an earlier experiment's name, its run folder or events.jsonl, or a CSV of results.")
    String prior;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws Exception {
        if (name != null) {
            ExperimentName.check(name);
        }
        ExperimentSpec s = ExperimentSpec.read(specFile); // every error is reported before anything runs
        if (storeOptions.storage == null && s.storage() != null) {
            storeOptions.storage = s.storage();
        }
        ObjectNode tree = s.tree().deepCopy();
        if (enqueue != null) {
            List<Config> more = new ArrayList<>(s.enqueue());
            more.addAll(WarmStart.configsFromFile(enqueue, s.space()));
            tree.set("enqueue", DemoCommand.JSON.valueToTree(more.stream().map(Config::asMap).toList()));
        }
        if (prior != null) {
            tree.put("prior", Files.exists(Path.of(prior)) ? Path.of(prior).toAbsolutePath().normalize().toString() : prior);
        }
        StoredSpec stored = ExperimentRun.forNewExperiment(new StoredSpec(StoredSpec.PROCESS, tree), name != null ? name : s.name(), storeOptions);
        return run(spec.commandLine().getOut(), storeOptions, name != null ? name : s.name(), stored, false, null);
    }

    /**
     * Runs the process experiment {@code stored} describes, or with {@code resume} continues it, with
     * {@code maxTrials} (null: the spec's limit) as its limit.
     */
    static int run(PrintWriter w, StoreOptions where, String name, StoredSpec stored, boolean resume, Integer maxTrials)
            throws Exception {
        ExperimentSpec s = stored.spec(name);
        Integer limit = maxTrials != null ? maxTrials : s.stop().maxTrials();
        Scheduler scheduler = s.scheduler().build(s.searcher().build(s.space(), s.metric(), s.seed()), s.metric());
        Tuner.Builder b = Tuner.builder().scheduler(scheduler).stop(s.stop())
                .maxFailures(s.maxFailures()).checkpoints(s.checkpoints());
        if (!resume) { // a resume has them in its journal
            ExperimentRun.warmStart(b, s, where);
        }
        if (maxTrials != null) {
            b.maxTrials(maxTrials);
        }
        w.printf("%s %s: %s; %s %s with %s; %d %sworkers%s, seed %d%n", resume ? "Resuming" : "Experiment", name,
                String.join(" ", s.command()), s.metric().mode() == dev.ladder.core.Metric.Mode.MAX ? "maximising" : "minimising",
                s.metric().name(), scheduler, s.workers(), s.executor().equals(ExperimentSpec.REMOTE) ? "remote " : "", limit == null ? "" : ", at most " + limit + " trials", s.seed());
        LivePlots plots = ExperimentRun.plots(where, name, s);
        TuningResult r = ExperimentRun.execute(w, where, name, stored, resume, limit, b,
                () -> TrialRunners.local(stored, name, s.workers(), where.out.resolve(name).resolve("logs")), plots);
        summary(w, r, s, s.executor().equals(ExperimentSpec.REMOTE)
                ? ExperimentRun.checkpoints(where, s, name).resolveSibling("logs") : where.out.resolve(name).resolve("logs"));
        ExperimentRun.footer(w, where, name, r, s, plots);
        ExperimentRun.finishTask(w, s, name, scheduler, r);
        return r.best().isPresent() ? 0 : 1;
    }

    private static void summary(PrintWriter w, TuningResult r, ExperimentSpec s, Path logs) {
        Map<TrialStatus, Integer> c = r.countByStatus();
        w.printf("%n%s in %s: %s%n", r.stopReason().equals("paused") ? "Paused" : "Done", DemoCommand.format(r.elapsed()),
                r.stopReason());
        w.printf("Trials: %d started; %d completed, %d paused, %d stopped, %d failed; %,d %s in total%n",
                r.trials().size(), c.get(TrialStatus.COMPLETED), c.get(TrialStatus.PAUSED), c.get(TrialStatus.STOPPED),
                c.get(TrialStatus.FAILED), r.totalResource(), s.resourceName());
        List<Trial> failed = r.trials().stream().filter(t -> t.status() == TrialStatus.FAILED).toList();
        failed.stream().limit(5).forEach(t -> w.printf("  FAILED trial %d: %s%n", t.id(), t.reason()));
        if (failed.size() > 5) {
            w.printf("  ... and %d more failed trials%n", failed.size() - 5);
        }
        if (r.best().isEmpty()) {
            w.printf(s.metric().constraint() == null ? "No trial reported a result; the trials' output is in %s%n"
                    : "No trial reported a feasible result; the trials' output is in %s%n", logs);
            return;
        }
        r.front().ifPresent(f -> w.printf(Locale.ROOT, "%nPareto front: %d trials at %s %d (%s), hypervolume %.6g; ladder show lists them%n",
                f.members().size(), s.resourceName(), f.resource(), FrontOf.objectivesText(s.metric()), f.hypervolume()));
        Best best = r.best().get();
        w.printf(Locale.ROOT, "%nBest trial: #%d, %s %.6g at %s %d%n", best.trialId(), s.metric().name(), best.value(),
                s.resourceName(), best.resource());
        best.config().asMap().forEach((k, v) -> w.printf(Locale.ROOT, "  %-17s %s%n", k, v));
        w.printf("Trial output: %s/trial-N/stdout.log and stderr.log%n", logs);
    }
}
