package dev.ladder.cli;

import dev.ladder.benchmarks.blackbox.LcBench;
import dev.ladder.benchmarks.harness.PashaStudy;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** PASHA against ASHA and the one-epoch baseline on LCBench tasks, in simulated time (PASHA's Table 1). */
@Command(name = "bench-pasha", mixinStandardHelpOptions = true,
        description = "Compare PASHA, ASHA and the one-epoch baseline on LCBench tasks in simulated time, "
                + "in the form of the PASHA paper's Table 1.")
final class PashaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", split = ",", defaultValue = "189906,167149,168868,126026,189873",
            description = "LCBench task ids (default ${DEFAULT-VALUE}).")
    List<Integer> tasks;

    @Option(names = "--seeds", defaultValue = "15", description = "Seeds per task and method (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--trials", defaultValue = "256", description = "Trials per run (default ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--workers", defaultValue = "4", description = "Simulated workers (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--protocol", defaultValue = "PAPER", description = "PAPER: a run ends when the scheduler would start "
            + "trial --trials + 1, as in the PASHA authors' script; DRAIN: when no job is left, every promotion played out "
            + "(default ${DEFAULT-VALUE}).")
    PashaStudy.Protocol protocol;

    @Option(names = "--out", defaultValue = "bench-runs/pasha", description = "Folder for the table (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        tasks.forEach(LcBench::of); // fail now, naming a wrong task
        PashaStudy study = new PashaStudy(tasks, seeds, trials, workers, protocol);
        String table = study.table(study.run(Runtime.getRuntime().availableProcessors()));
        Files.createDirectories(out);
        Files.writeString(out.resolve("pasha.md"), table);
        PrintWriter w = spec.commandLine().getOut();
        w.print(table);
        w.printf("%nFiles: %s%n", out.resolve("pasha.md"));
        w.flush();
        return 0;
    }
}
