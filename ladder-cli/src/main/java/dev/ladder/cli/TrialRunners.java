package dev.ladder.cli;

import dev.ladder.core.tune.Executor;
import dev.ladder.core.tune.InProcessExecutor;
import dev.ladder.examples.Split;
import dev.ladder.examples.XGBoostDemo;
import dev.ladder.process.ProcessExecutor;
import dev.ladder.process.SlurmExecutor;
import java.nio.file.Path;

/**
 * What runs a stored experiment's trials from this machine: its command as processes (or, with
 * {@code executor: slurm}, as Slurm batch jobs), or, for the demo, the XGBoost objective in this JVM. Shared by {@code ladder run}/{@code demo}/{@code resume} (the
 * experiment's own workers) and {@code ladder worker} (one slot per job it leases).
 */
final class TrialRunners {
    private TrialRunners() {
    }

    /** The bundled data the demo's trials train on, read once per JVM. */
    private static final class Demo {
        static final Split SPLIT = XGBoostDemo.creditSplit();
    }

    static Split demoSplit() {
        return Demo.SPLIT;
    }

    /**
     * An executor with {@code slots} for experiment {@code name}'s trials; {@code logRoot} is where process
     * trials' output goes (null: next to their checkpoint folders).
     */
    static Executor local(StoredSpec stored, String name, int slots, Path logRoot) {
        if (stored.kind().equals(StoredSpec.DEMO)) {
            return new InProcessExecutor(XGBoostDemo.objective(demoSplit()), slots);
        }
        ExperimentSpec s = stored.spec(name);
        if (s.slurm() != null) {
            return SlurmExecutor.builder(s.command()).workers(slots).resourceName(s.resourceName()).env(s.env())
                    .workingDir(s.workdir()).logRoot(logRoot).gracePeriod(s.gracePeriod()).slurm(s.slurm()).build();
        }
        ProcessExecutor.Builder exec = ProcessExecutor.builder(s.command()).workers(slots)
                .resourceName(s.resourceName()).env(s.env()).workingDir(s.workdir())
                .gracePeriod(s.gracePeriod()).maxRestarts(s.maxRestarts());
        if (logRoot != null) {
            exec.logRoot(logRoot);
        }
        if (s.timeout() != null) {
            exec.reportTimeout(s.timeout());
        }
        if (s.jobTimeout() != null) {
            exec.jobTimeout(s.jobTimeout());
        }
        return exec.build();
    }
}
