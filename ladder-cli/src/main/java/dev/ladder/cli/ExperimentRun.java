package dev.ladder.cli;

import dev.ladder.core.Metric;
import dev.ladder.core.tune.LadderIoFailure;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.io.PrintWriter;

/**
 * Runs or resumes one stored experiment from the CLI: the store and its lease, the live display,
 * Ctrl-C as pause, and the lines on checkpoints and what to do next. Shared by demo, run and resume.
 */
final class ExperimentRun {
    private ExperimentRun() {
    }

    /**
     * Runs {@code tuner} (everything but its journal set) as experiment {@code name}: a new one stored
     * with {@code specJson} and {@code seed}, or with {@code resume} the stored one continued.
     */
    static TuningResult execute(PrintWriter w, StoreOptions where, String name, String specJson, long seed,
                                boolean resume, int maxTrials, Metric metric, Tuner.Builder tuner) {
        try (Store store = where.open()) {
            StoreLog log = resume ? StoreLog.open(store, name) : StoreLog.create(store, name, specJson, seed);
            w.printf("Stored in %s; Ctrl-C pauses (resume with: ladder resume %s)%n%n", where.where(), name);
            w.flush();
            tuner.log(log, where.checkpoints(name), name);
            try (LiveDisplay display = new LiveDisplay(name, maxTrials, metric, System.out)) {
                Tuner t = (resume ? tuner.resume() : tuner).listener(display).build();
                try (PauseOnInterrupt pause = new PauseOnInterrupt(t, name, System.out)) {
                    return t.run();
                } catch (LadderIoFailure e) {
                    throw new IllegalStateException(stoppedBy(name, e), e);
                }
            }
        }
    }

    /** The one line for a session that Ladder's own storage ended: the cause, that no trial failed, how to go on. */
    static String stoppedBy(String name, LadderIoFailure e) {
        return "experiment " + name + " stopped: Ladder's own storage failed: " + e.getMessage()
                + "; no trial was marked FAILED. Fix the cause, then: ladder resume " + name;
    }

    /** The closing lines: resume hint when paused, where details and checkpoints are. */
    static void footer(PrintWriter w, StoreOptions where, String name, TuningResult r, String policy) throws java.io.IOException {
        if (r.stopReason().equals("paused")) {
            w.printf("%nPaused. Resume with: ladder resume %s%n", name);
        }
        w.printf("Details: ladder show %s; results: ladder export %s --format csv%n", name, name);
        long[] usage = ShowCommand.diskUsage(where.checkpoints(name));
        w.printf("Checkpoints (keep %s): %s in %d files under %s%n", policy, ShowCommand.bytes(usage[1]), usage[0],
                where.checkpoints(name));
    }
}
