package dev.ladder.cli;

import dev.ladder.benchmarks.blackbox.LcBench;
import dev.ladder.benchmarks.harness.RushStudy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** RUSH against ASHA and Hyperband on sequences of LCBench tasks, in simulated time. */
@Command(name = "bench-rush", mixinStandardHelpOptions = true,
        description = "Tune sequences of LCBench tasks in shuffled order with ASHA, Hyperband and RUSH (which starts each "
                + "task from the best configurations of the earlier ones) and compare time and accuracy.")
final class RushCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", defaultValue = "10", description = "How many LCBench tasks (the first n of the task list after --skip-tasks; default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--skip-tasks", defaultValue = "0",
            description = "Skip the first n tasks of the task list, so --tasks counts from task n+1 (default ${DEFAULT-VALUE}).")
    int skipTasks;

    @Option(names = "--first-repetition", defaultValue = "0",
            description = "Seed of the first repetition; repetition k shuffles with seed k (default ${DEFAULT-VALUE}).")
    int firstRepetition;

    @Option(names = "--repetitions", defaultValue = "10", description = "Shuffled sequences (default ${DEFAULT-VALUE}).")
    int repetitions;

    @Option(names = "--trials", defaultValue = "256", description = "Trials per task (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--workers", defaultValue = "4", description = "Simulated workers (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--out", defaultValue = "bench-runs/rush", description = "Folder for the table (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<Integer> all = LcBench.tasks();
        if (skipTasks < 0 || tasks < 1 || skipTasks + tasks > all.size()) {
            throw new IllegalArgumentException("--skip-tasks + --tasks must stay within the " + all.size()
                    + " tasks (--tasks at least 1, --skip-tasks at least 0), got " + skipTasks + " + " + tasks);
        }
        RushStudy study = new RushStudy(all.subList(skipTasks, skipTasks + tasks), repetitions, trials, workers, firstRepetition);
        String table = study.table(study.run(Runtime.getRuntime().availableProcessors()));
        Files.createDirectories(out);
        Files.writeString(out.resolve("rush.md"), table);
        PrintWriter w = spec.commandLine().getOut();
        w.print(table);
        w.printf("%nFiles: %s%n", out.resolve("rush.md"));
        w.flush();
        return 0;
    }
}
