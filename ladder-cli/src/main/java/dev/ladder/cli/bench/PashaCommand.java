package dev.ladder.cli.bench;

import dev.ladder.benchmarks.harness.PashaStudy;
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

/** PASHA against ASHA and the one-epoch baseline on multi-fidelity tasks, in simulated time (PASHA's Table 1). */
@Command(name = "bench-pasha", mixinStandardHelpOptions = true,
        description = "Compare PASHA, ASHA and the lowest-fidelity baseline (one epoch on LCBench) in simulated time, "
                + "in the form of the PASHA paper's Table 1. Default tasks: the five LCBench tasks of the study; seeds 15.")
public final class PashaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

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
        PashaStudy study = new PashaStudy(options.tasks(PashaStudy.DEFAULT_TASKS), options.seeds(new Seeds(0, 15)), trials,
                workers, protocol);
        String table = study.table(study.run(options.threads()));
        Files.createDirectories(out);
        Files.writeString(out.resolve("pasha.md"), table);
        PrintWriter w = spec.commandLine().getOut();
        w.print(table);
        w.printf("%nFiles: %s%n", out.resolve("pasha.md"));
        w.flush();
        return 0;
    }
}
