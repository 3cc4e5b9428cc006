package dev.ladder.cli.bench;

import dev.ladder.benchmarks.DecisionBenchmark;
import dev.ladder.benchmarks.DecisionMeasurement;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Measures how fast one scheduler decides on the synthetic workload (docs/synthetic-workload.md). */
@Command(name = "bench-decisions", mixinStandardHelpOptions = true,
        description = "Measure one scheduler's decisions per second, latency and heap on the synthetic "
                + "workload peers-mf-curves-v1 (one virtual worker, r = 1..81, eta = 3; see docs/synthetic-workload.md).")
public final class BenchDecisionsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scheduler", defaultValue = "asha",
            description = "Scheduler: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).",
            completionCandidates = BenchDecisionsCommand.SchedulerNames.class)
    String scheduler;

    @Option(names = "--trials", defaultValue = "100000", description = "Trials N of the measured run (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--objectives", defaultValue = "1",
            description = "Objectives the scheduler ranks by: the loss, then objective2, ... (a cost per trial; default ${DEFAULT-VALUE}; "
                    + "more than one for mo-asha).")
    int objectives;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the scheduler's random searcher (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--warmup-trials", defaultValue = "" + DecisionBenchmark.DEFAULT_WARMUP_TRIALS,
            description = "Trials of the warm-up run before the measured one, 0 for none (default ${DEFAULT-VALUE}).")
    int warmupTrials;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        if (trials < 1) {
            throw new IllegalArgumentException("--trials must be at least 1, got " + trials);
        }
        DecisionBenchmark bench = DecisionBenchmark.of(scheduler, trials, objectives);
        w.printf(Locale.ROOT, "Ladder decision benchmark on %s, %d processors, max heap %,d MiB%n",
                jvm(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        w.flush();
        DecisionMeasurement m = bench.measure(trials, seed, warmupTrials);
        w.println();
        w.print(m.toText());
        w.println();
        w.println(DecisionMeasurement.markdownHeader());
        w.println(m.toMarkdownRow());
        w.flush();
        return 0;
    }

    private static String jvm() {
        var rt = ManagementFactory.getRuntimeMXBean();
        return rt.getVmName() + " " + System.getProperty("java.runtime.version") + " (GC: "
                + String.join(", ", ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList()) + ")";
    }

    /** The scheduler names for picocli's completion candidates. */
    static final class SchedulerNames extends java.util.ArrayList<String> {
        SchedulerNames() {
            super(dev.ladder.core.schedule.Schedulers.NAMES);
        }
    }
}
