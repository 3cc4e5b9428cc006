package dev.ladder.cli;

import dev.ladder.store.ExperimentRow;
import dev.ladder.store.ExperimentStatus;
import dev.ladder.store.JdbcStore;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Continues an experiment from its journal: after a crash, a pause, or to extend a finished one. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resume an experiment: its journal is replayed into fresh schedulers, trials that were running "
                + "restart from their last checkpoint, paused ones wait for promotion as before. With a larger "
                + "--max-trials a finished experiment is extended (ASHA's bottom rung grows wider).")
final class ResumeCommand implements Callable<Integer> {
    /** How long resume waits for a process that is pausing the experiment to let go of it. */
    static final Duration PAUSE_WAIT = JdbcStore.DEFAULT_LEASE_TIMEOUT;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "EXPERIMENT", description = "The experiment's name (see ladder ls).")
    String name;

    @Option(names = "--max-trials", description = "New limit on trials started (default: the experiment's); "
            + "not below the trials already started.")
    Integer maxTrials;

    @Option(names = "--workers", description = "Trials run at once (default: the experiment's).")
    Integer workers;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws Exception {
        Flags.positive("--workers", workers);
        Flags.positive("--max-trials", maxTrials);
        PrintWriter w = spec.commandLine().getOut();
        Experiments.requireStored(storeOptions, name, "resume", "resuming needs the Java program that defines its objective: "
                + "run that program again with Tuner.builder()...output(dir, \"" + name + "\").resume()");
        StoredSpec stored;
        try (Store store = storeOptions.openExisting()) {
            ExperimentRow row = awaitPause(store, StoreOptions.find(store, name, storeOptions.where()), w);
            int started = store.trials(row.id()).size();
            if (maxTrials != null && maxTrials < started) {
                throw new IllegalArgumentException("--max-trials " + maxTrials + " is below the " + started
                        + " trials experiment " + name + " has already started");
            }
            if (row.status() == ExperimentStatus.FINISHED && maxTrials == null) { // resuming it would only journal idle and finish
                w.printf("Experiment %s is finished (%d trials started); nothing to resume. To extend it: "
                        + "ladder resume %s --max-trials N, with N above %d%n", name, started, name, started);
                return 0;
            }
            stored = StoredSpec.read(row.specJson(), name);
        }
        if (workers != null) {
            stored.tree().put("workers", workers);
        }
        try {
            return stored.kind().equals(StoredSpec.DEMO) ? DemoCommand.run(w, storeOptions, name, stored, true, maxTrials)
                    : RunCommand.run(w, storeOptions, name, stored, true, maxTrials);
        } catch (StoreLog.FinishedWhileWaiting done) {
            w.printf("Experiment %s finished while this process waited as its standby; nothing to resume.%n", name);
            return 0;
        }
    }

    /**
     * Right after {@code ladder pause} the running process still holds the lease while its trials save:
     * wait (at most {@link #PAUSE_WAIT}) until it lets go, instead of failing on its lease. Returns the row as
     * it is then (the run may also have finished meanwhile).
     */
    private static ExperimentRow awaitPause(Store store, ExperimentRow row, PrintWriter w) throws InterruptedException {
        if (!StoreOptions.pausing(row) || !StoreOptions.held(row)) {
            return row;
        }
        w.printf("Waiting up to %d s for process %s to finish pausing %s...%n", PAUSE_WAIT.toSeconds(),
                row.owner().orElse("?"), row.name());
        w.flush();
        long deadline = System.nanoTime() + PAUSE_WAIT.toNanos();
        ExperimentRow now = row;
        while (StoreOptions.held(now) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            now = store.experiment(row.name()).orElseThrow();
        }
        // still held: opening the experiment fails with the lease's own message (who holds it, since when)
        return now;
    }
}
