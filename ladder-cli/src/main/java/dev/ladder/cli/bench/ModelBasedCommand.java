package dev.ladder.cli.bench;

import dev.ladder.benchmarks.harness.ModelBasedStudy;
import dev.ladder.benchmarks.harness.Seeds;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Issue 17's study: model-based methods against ASHA on every LCBench task in simulated time. */
@Command(name = "bench-models", mixinStandardHelpOptions = true,
        description = "Compare methods (registry names: random, a scheduler, or scheduler+searcher such as hyperband+kde) "
                + "against ASHA on every task (default: all 34 LCBench tasks) with the same simulated budget: final values, "
                + "time to ASHA's final value, the tasks where each method beats ASHA, plots of a few tasks.")
public final class ModelBasedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--methods", split = ",", defaultValue = "random,hyperband,asha,hyperband+kde,asha+kde",
            description = "Methods, comma-separated; asha must be one (default ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--workers", defaultValue = "4", description = "Simulated workers (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--budget", defaultValue = "1h", description = "Simulated time per run: 90s, 30m, 2h (default ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--plots", defaultValue = "4", description = "Tasks to plot (default ${DEFAULT-VALUE}).")
    int plots;

    @Option(names = "--out", defaultValue = "bench-runs/models", description = "Folder for results (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        ModelBasedStudy study = new ModelBasedStudy(options.tasks(ModelBasedStudy.allLcBenchTasks()), methods,
                options.seeds(new Seeds(0, 10)), workers, BenchCommand.parseDuration(budget));
        w.println(study.settings() + ", " + options.threads() + " threads");
        w.flush();
        long t0 = System.nanoTime();
        double cpu0 = cpuSeconds();
        List<ModelBasedStudy.TaskResult> results = study.run(options.threads());
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = cpuSeconds() - cpu0;
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals(spec.name())) {
            args.remove(0);
        }
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, "# Model-based methods against ASHA%n%nCommand: "
                + "`./ladder bench-models %s`%n%n%s; %.0f s of wall time on %d threads, %.0f s of CPU time (the process's, all "
                + "threads; on a shared machine the wall time depends on the load, the CPU time much less).%n%n", String.join(" ", args),
                study.settings(), wall, options.threads(), cpu));
        for (ModelBasedStudy.TaskResult r : ModelBasedStudy.plotted(results, plots)) {
            String file = "best-" + r.task().replace(':', '-') + ".png";
            ModelBasedStudy.plot(r, out.resolve(file));
            md.append(String.format("![%s](%s)%n", r.task(), file));
        }
        String report = study.report(results);
        md.append("\n").append(report);
        Files.writeString(out.resolve("summary.md"), md.toString());
        ModelBasedStudy.writeFinals(results, out.resolve("finals.csv"));
        ModelBasedStudy.writeCurves(results, out.resolve("curves.csv"));
        w.print(report);
        w.printf(Locale.ROOT, "%n%.0f s of wall time, %.0f s of CPU time. Files: %s (summary.md, finals.csv, curves.csv, *.png)%n", wall, cpu, out);
        w.flush();
        return 0;
    }

    /** The CPU time of this process so far, every thread's. */
    private static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }
}
