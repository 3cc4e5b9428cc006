package dev.ladder.cli.bench;

import dev.ladder.benchmarks.harness.RushStudy;
import dev.ladder.benchmarks.harness.Seeds;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** RUSH against ASHA and Hyperband on sequences of multi-fidelity tasks, in simulated time. */
@Command(name = "bench-rush", mixinStandardHelpOptions = true,
        description = "Tune a sequence of tasks in shuffled order (one order per seed) with ASHA, Hyperband and RUSH (which "
                + "starts each task from the best configurations of the earlier ones) and compare time and final value. "
                + "Default tasks: the first 10 LCBench tasks of the task list; seeds 10 (0..9).")
public final class RushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--trials", defaultValue = "256", description = "Trials per task (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--workers", defaultValue = "4", description = "Simulated workers (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--out", defaultValue = "bench-runs/rush", description = "Folder for the table (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        RushStudy study = new RushStudy(options.tasks(RushStudy.defaultTasks()), options.seeds(new Seeds(0, 10)), trials, workers);
        String table = study.table(study.run(options.threads()));
        Files.createDirectories(out);
        Files.writeString(out.resolve("rush.md"), table);
        PrintWriter w = spec.commandLine().getOut();
        w.print(table);
        w.printf("%nFiles: %s%n", out.resolve("rush.md"));
        w.flush();
        return 0;
    }
}
