package dev.ladder.cli.bench;

import dev.ladder.benchmarks.harness.FairShareStudy;
import dev.ladder.benchmarks.harness.Seeds;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Thesis 3.5.3 in simulation: ASHA experiments sharing one pool by fair share, FIFO or a static split. */
@Command(name = "bench-fair-share", mixinStandardHelpOptions = true,
        description = "Simulate ASHA experiments of different sizes arriving at different times on one pool of workers, shared by "
                + "fair share (weighted water-filling over each experiment's demand kappa |S|, thesis 3.5.3), FIFO and a static "
                + "equal split; print time in system per experiment and the pool's utilisation, and plot the busy slots over time. "
                + "Task: synthetic:R (default synthetic:27); seeds 5 by default.")
public final class FairShareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--workers", defaultValue = "32", description = "Slots of the pool (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--trials", split = ",", defaultValue = "1000,200,50",
            description = "Trial limit n of each experiment, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> trials;

    @Option(names = "--arrivals", split = ",", defaultValue = "0,30,60",
            description = "Simulated time each experiment arrives at, one per experiment (default ${DEFAULT-VALUE}).")
    List<Double> arrivals;

    @Option(names = "--weights", split = ",", description = "Weight (priority) of each experiment, one per experiment (default: 1 each).")
    List<Double> weights;

    @Option(names = "--out", defaultValue = "bench-runs/fair-share", description = "Folder for the table, steps and plots (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        List<String> tasks = options.tasks(List.of(FairShareStudy.DEFAULT_TASK));
        if (tasks.size() != 1) {
            throw new IllegalArgumentException("--tasks: the fair-share study runs on one task, got " + tasks);
        }
        if (arrivals.size() != trials.size() || (weights != null && weights.size() != trials.size())) {
            throw new IllegalArgumentException("--trials gives " + trials.size() + " experiments, so --arrivals"
                    + (weights != null ? " and --weights" : "") + " must give " + trials.size() + " values each, got "
                    + arrivals.size() + (weights != null ? " and " + weights.size() : ""));
        }
        List<FairShareStudy.Experiment> experiments = new ArrayList<>();
        for (int i = 0; i < trials.size(); i++) {
            experiments.add(new FairShareStudy.Experiment("e" + (i + 1), trials.get(i), weights == null ? 1 : weights.get(i), arrivals.get(i)));
        }
        FairShareStudy study = new FairShareStudy(tasks.get(0), workers, experiments, options.seeds(new Seeds(0, 5)));
        List<FairShareStudy.Result> results = study.run(options.threads());
        String table = study.table(results);
        Files.createDirectories(out);
        Files.writeString(out.resolve("fair-share.md"), table);
        study.writeSteps(results, out.resolve("steps.csv"));
        List<String> files = new ArrayList<>(List.of("fair-share.md", "steps.csv"));
        for (FairShareStudy.Result r : results) {
            String file = "busy-" + FairShareStudy.name(r.policy()) + ".png";
            study.plot(r, out.resolve(file));
            files.add(file);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.print(table);
        w.printf("%nFiles: %s (%s)%n", out, String.join(", ", files));
        w.flush();
        return 0;
    }
}
