package dev.ladder.cli.bench;

import dev.ladder.benchmarks.harness.ParallelTrainingStudy;
import dev.ladder.benchmarks.harness.Seeds;
import dev.ladder.core.share.ParallelTraining;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Thesis 3.5.2 in simulation: one ASHA run with every job on one slot against the parallel-training policy. */
@Command(name = "bench-parallel", mixinStandardHelpOptions = true,
        description = "Simulate one ASHA run on a pool of workers with every job on one slot, then with the parallel-training "
                + "policy (thesis 3.5.2 and 3.5.3: kappa = the most slots at the target efficiency of an Amdahl speedup; a job gets "
                + "min(kappa, free / |S|) slots and trains speedup(k) times faster); print time to finish and utilisation and plot "
                + "the busy slots. Task: synthetic:R (default synthetic:81); seeds 5 by default.")
public final class ParallelTrainingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--workers", defaultValue = "32", description = "Slots of the pool (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--trials", defaultValue = "256", description = "Trial limit n (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--serial", defaultValue = "0.02", description = "Serial fraction of Amdahl's speedup 1 / (s + (1 - s) / k) "
            + "(default ${DEFAULT-VALUE}).")
    double serial;

    @Option(names = "--efficiency", defaultValue = "0.75", description = "Target efficiency speedup(k) / k (default ${DEFAULT-VALUE}).")
    double efficiency;

    @Option(names = "--max-slots", defaultValue = "16", description = "Most slots one job may use (default ${DEFAULT-VALUE}).")
    int maxSlots;

    @Option(names = "--out", defaultValue = "bench-runs/parallel", description = "Folder for the table and plot (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<String> tasks = options.tasks(List.of(ParallelTrainingStudy.DEFAULT_TASK));
        if (tasks.size() != 1) {
            throw new IllegalArgumentException("--tasks: the parallel-training study runs on one task, got " + tasks);
        }
        ParallelTraining policy;
        try {
            policy = ParallelTrainingStudy.amdahl(serial, maxSlots, efficiency);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--serial, --efficiency or --max-slots: " + e.getMessage());
        }
        ParallelTrainingStudy study = new ParallelTrainingStudy(tasks.get(0), workers, trials, policy, options.seeds(new Seeds(0, 5)));
        List<ParallelTrainingStudy.Result> results = study.run(options.threads());
        String table = study.table(results, String.format(Locale.ROOT, "Amdahl, serial fraction %s", serial));
        Files.createDirectories(out);
        Files.writeString(out.resolve("parallel.md"), table);
        study.plot(results, out.resolve("busy-parallel.png"));
        PrintWriter w = spec.commandLine().getOut();
        w.print(table);
        w.printf("%nFiles: %s (parallel.md, busy-parallel.png)%n", out);
        w.flush();
        return 0;
    }
}
