package dev.ladder.cli.bench;

import dev.ladder.benchmarks.harness.LinePlot;
import dev.ladder.benchmarks.harness.MultiObjectiveStudy;
import dev.ladder.benchmarks.harness.Seeds;
import dev.ladder.sim.Zdt1Blackbox;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** MO-ASHA against random search and scalarised ASHA on a two-objective benchmark with a known front. */
@Command(name = "bench-multi-objective", mixinStandardHelpOptions = true,
        description = "Hypervolume of the Pareto front at R = 81 over simulated time on ZDT1 with a fidelity (known front, "
                + "reference (1.1, 1.1)), 8 workers: random search, mo-asha, mo-asha-stopping and asha on f1 + f2; seeds 10 "
                + "by default. Writes multi-objective.md and hypervolume.png to --out.")
public final class MultiObjectiveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--horizon", defaultValue = "4050", description = "Simulated seconds per run; a job to R takes 81 (default ${DEFAULT-VALUE}).")
    double horizon;

    @Option(names = "--out", defaultValue = "bench-runs/multi-objective", description = "Folder for the table and plot (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (options.tasks != null && !options.tasks.isEmpty()) {
            throw new IllegalArgumentException("--tasks: bench-multi-objective runs on its own benchmark, zdt1, only");
        }
        MultiObjectiveStudy study = new MultiObjectiveStudy(horizon, options.seeds(new Seeds(0, 10)));
        List<MultiObjectiveStudy.Cell> cells = study.run(options.threads());
        String md = study.table(cells);
        Files.createDirectories(out);
        Files.writeString(out.resolve("multi-objective.md"), md);
        LinePlot plot = new LinePlot("Hypervolume of the front at R on ZDT1 (mean over seeds; the level line: the true front's "
                + String.format(java.util.Locale.ROOT, "%.4f", Zdt1Blackbox.BEST_HYPERVOLUME) + ")", "simulated seconds", "hypervolume");
        for (MultiObjectiveStudy.Cell c : cells) {
            plot.add(new LinePlot.Series(c.method(), c.times(), c.mean(), null, null));
        }
        double[] t = cells.get(0).times();
        plot.add(new LinePlot.Series("true front", t, java.util.Arrays.stream(t).map(x -> Zdt1Blackbox.BEST_HYPERVOLUME).toArray(), null, null));
        plot.write(out.resolve("hypervolume.png"));
        w.print(md);
        w.printf("%nFiles: %s (multi-objective.md, hypervolume.png)%n", out);
        w.flush();
        return 0;
    }
}
