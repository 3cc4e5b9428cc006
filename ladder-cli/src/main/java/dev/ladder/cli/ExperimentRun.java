package dev.ladder.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.schedule.RushScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.TrialBudget;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.schedule.TaskStore;
import dev.ladder.core.tune.Executor;
import dev.ladder.core.tune.LadderIoFailure;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.store.RemoteExecutor;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs or resumes one stored experiment from the CLI: the store and its lease, the live display,
 * Ctrl-C as pause, and the lines on checkpoints and what to do next. Shared by demo, run and resume.
 */
final class ExperimentRun {
    private ExperimentRun() {
    }

    /**
     * Runs {@code tuner} (everything but its journal and executor set) as experiment {@code name}: a new one
     * stored as {@code stored}, or with {@code resume} the stored one continued. Its trials run on
     * {@code local}'s executor, or, when the spec says {@code executor: remote}, on the store's workers.
     */
    static TuningResult execute(PrintWriter w, StoreOptions where, String name, StoredSpec stored, boolean resume,
                                Integer maxTrials, Tuner.Builder tuner, Supplier<Executor> local, LivePlots plots) {
        ExperimentSpec s = stored.spec(name);
        boolean remote = s.executor().equals(ExperimentSpec.REMOTE);
        if (remote && where.sqliteFile().isPresent()) {
            throw new IllegalArgumentException("experiment " + name + ": executor remote needs a PostgreSQL store that the"
                    + " workers reach too (--storage jdbc:postgresql://HOST/DB?user=U, or storage: in the spec), not the"
                    + " SQLite file " + where.where());
        }
        try (Store store = where.open()) {
            StoreLog log = resume ? openForResume(w, where, store, name) : StoreLog.create(store, name, stored.json(), s.seed());
            w.printf("Stored in %s; Ctrl-C pauses (resume with: ladder resume %s)%n%n", where.where(), name);
            if (maxTrials != null) {
                TrialBudget.check(s.scheduler(), maxTrials).ifPresent(b -> w.printf("%s%n%n", b.message()));
            }
            if (remote) {
                w.printf("Trials run on workers: start them on any machine with: ladder worker --storage '%s'%n%n", where.where());
            }
            w.flush();
            tuner.log(plots.tap(log), checkpoints(where, s, name), name);
            ExperimentPlots.warmUp();
            tuner.executor(remote ? new RemoteExecutor(store, log.experiment().id(), s.workers(), s.priority(), System.err::println) : local.get());
            try (LiveDisplay display = new LiveDisplay(name, maxTrials, s.metric(), System.out)) {
                Tuner t = (resume ? tuner.resume() : tuner).listener(display).build();
                try (PauseOnInterrupt pause = new PauseOnInterrupt(t, name, System.out)) {
                    TuningResult r = t.run();
                    plots.draw(r.trials());
                    return r;
                } catch (LadderIoFailure e) {
                    throw new IllegalStateException(stoppedBy(name, e), e);
                }
            }
        }
    }

    /**
     * Opens a stored experiment to resume it. While another live process runs it, on PostgreSQL this process
     * waits as its hot standby and takes over once that one is gone; on SQLite (one machine) it refuses.
     */
    private static StoreLog openForResume(PrintWriter w, StoreOptions where, Store store, String name) {
        try {
            return StoreLog.open(store, name);
        } catch (IllegalStateException held) {
            if (where.sqliteFile().isPresent()) {
                throw held;
            }
            w.printf("%s.%nWaiting as its hot standby: this process takes over once that one is gone (Ctrl-C stops waiting).%n",
                    held.getMessage());
            w.flush();
            try {
                StoreLog log = StoreLog.openStandby(store, name, note -> { });
                w.printf("Took over experiment %s.%n", name);
                return log;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("stopped waiting to take over experiment " + name, e);
            }
        }
    }

    /**
     * The experiment's checkpoint folder: {@code <checkpoint_dir>/<name>/checkpoints} when the spec names a
     * checkpoint_dir (a folder every worker sees), else {@code <out>/<name>/checkpoints}. Process trials run by
     * workers write their output next to it, in {@code logs/}.
     */
    static Path checkpoints(StoreOptions where, ExperimentSpec s, String name) {
        return (s.checkpointDir() != null ? s.checkpointDir().resolve(name).resolve("checkpoints") : where.checkpoints(name))
                .toAbsolutePath();
    }

    /**
     * The spec a new experiment is stored with: its scheduler and searcher written out with every parameter
     * (so a later default cannot change how it replays), and, when it names a task store and its scheduler
     * lists no transferred configurations, the store's configurations as they are now (read once, at the start:
     * the store gains this experiment's best when it ends, and a resume must rebuild the same scheduler).
     */
    static StoredSpec forNewExperiment(StoredSpec stored, String name) {
        return forNewExperiment(stored, name, null);
    }

    /**
     * As {@link #forNewExperiment(StoredSpec, String)}; a RUSH scheduler with no transferred configurations and
     * prior data ({@code prior:}, read through {@code where}) takes the prior's best configuration as its arm.
     */
    static StoredSpec forNewExperiment(StoredSpec stored, String name, StoreOptions where) {
        ExperimentSpec s = stored.spec(name);
        SchedulerSpec scheduler = s.scheduler();
        if (s.taskStore() != null && scheduler.parameters().configs(Schedulers.ARMS.name()).isEmpty()) {
            scheduler = scheduler.arms(TaskStore.loadOrEmpty(s.taskStore(), 1).arms());
        }
        if (s.prior() != null && where != null && scheduler.entry().has(Schedulers.ARMS.name())
                && scheduler.parameters().configs(Schedulers.ARMS.name()).isEmpty()) {
            scheduler = scheduler.arms(Priors.load(s.prior(), where, s.space(), s.resourceName()).best(s.metric(), 1));
        }
        ObjectNode tree = stored.tree().deepCopy();
        tree.remove("mode"); // Determined's short form, now in the scheduler's mapping
        tree.set("scheduler", ExperimentSpec.schedulerTree(scheduler));
        tree.set("searcher", s.searcher().toTree());
        return new StoredSpec(stored.kind(), tree);
    }

    /** Hands the tuner the spec's enqueued configurations and prior data (a new experiment's; a resume replays them). */
    static void warmStart(Tuner.Builder b, ExperimentSpec s, StoreOptions where) {
        if (!s.enqueue().isEmpty()) {
            b.enqueue(s.space(), s.enqueue());
        }
        if (s.prior() != null) {
            b.prior(Priors.load(s.prior(), where, s.space(), s.resourceName()));
        }
    }

    /**
     * At the end of an experiment that names a task store (and was not paused), adds its best configurations
     * to the store (RUSH's own choice of them, else the best trial's) for the next task of the sequence.
     */
    static void finishTask(PrintWriter w, ExperimentSpec s, String name, Scheduler scheduler, TuningResult r) {
        if (s.taskStore() == null || r.best().isEmpty() || r.stopReason().equals("paused")) {
            return;
        }
        TaskStore tasks = TaskStore.loadOrEmpty(s.taskStore(), 1);
        tasks.finishTask(name, scheduler instanceof RushScheduler rush ? rush.bestConfigs(tasks.topK()) : List.of(r.best().get().config()));
        tasks.save(s.taskStore());
        w.printf("Task store %s: %d configurations from %d tasks%n", s.taskStore(), tasks.arms().size(), tasks.tasks().size());
    }

    /** The one line for a session that Ladder's own storage ended: the cause, that no trial failed, how to go on. */
    static String stoppedBy(String name, LadderIoFailure e) {
        return "experiment " + name + " stopped: Ladder's own storage failed: " + e.getMessage()
                + "; no trial was marked FAILED. Fix the cause, then: ladder resume " + name;
    }

    /** The plots of a run of experiment {@code name}: drawn into {@code <out>/<name>}, beside its checkpoints. */
    static LivePlots plots(StoreOptions where, String name, ExperimentSpec s) {
        return new LivePlots(name, s.metric(), where.out.resolve(name), where.sqliteFile());
    }

    /** The closing lines: resume hint when paused, where details and checkpoints are. */
    static void footer(PrintWriter w, StoreOptions where, String name, TuningResult r, ExperimentSpec s,
                       LivePlots plots) throws java.io.IOException {
        String policy = s.checkpoints().toString();
        Path folder = checkpoints(where, s, name);
        if (r.stopReason().equals("paused")) {
            w.printf("%nPaused. Resume with: ladder resume %s%n", name);
        }
        w.printf("Details: ladder show %s; results: ladder export %s --format csv%n", name, name);
        try {
            List<Path> files = plots.drawn();
            w.printf("Plots: %s and %s (redraw with: ladder plot %s)%n", files.get(0), files.get(1).getFileName(), name);
        } catch (RuntimeException e) {
            w.printf("Plots: not drawn: %s%n", e.getMessage());
        }
        long[] usage = ShowCommand.diskUsage(folder);
        w.printf("Checkpoints (keep %s): %s in %d files under %s%n", policy, ShowCommand.bytes(usage[1]), usage[0],
                folder);
    }
}
