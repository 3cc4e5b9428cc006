package dev.ladder.cli.bench;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.benchmarks.harness.Harness;
import dev.ladder.benchmarks.harness.LinePlot;
import dev.ladder.benchmarks.harness.RunResult;
import dev.ladder.benchmarks.harness.RunSpec;
import dev.ladder.benchmarks.harness.Seeds;
import dev.ladder.benchmarks.harness.Summary;
import dev.ladder.core.Metric;
import dev.ladder.sim.Blackbox;
import dev.ladder.sim.FailureModel;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Compares methods on benchmarks in simulated time: a CSV of every result, a summary table and plots. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Compare methods on benchmarks in simulated time (methods x benchmarks x seeds x workers), "
                + "writing results.csv, summary.md and a PNG plot per setting of the final value (the chosen configuration at the "
                + "maximum resource) against simulated time.")
public final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    BenchOptions options;

    @Option(names = "--methods", split = ",", defaultValue = "random,asha,hyperband",
            description = "random, scheduler names or scheduler+searcher (hyperband+kde is BOHB, asha+kde asynchronous BOHB; "
                    + "NAME:key=value sets a parameter), comma-separated (default ${DEFAULT-VALUE}); on a benchmark with a "
                    + "single fidelity (the tabular ones) only random and fifo (fifo+SEARCHER).")
    List<String> methods;

    @Option(names = "--workers", split = ",", defaultValue = "4", description = "Simulated workers, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(names = "--budget", defaultValue = "2h", description = "Simulated time per run: 90s, 30m, 2h (default ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--max-trials", description = "Trials started at most per run (default: no limit; adaptive plans for 1000).")
    Integer maxTrials;

    @Option(names = "--target", description = "A metric value; the summary reports the simulated time until the final value "
            + "(the chosen configuration's value at the maximum resource) reached it: the median over the seeds, with the runs "
            + "that never did counted as misses.")
    Double target;

    @Option(names = "--stragglers", defaultValue = "0", description = "sigma: each job's time is multiplied by 1+|z|, z ~ N(0, sigma).")
    double sigma;

    @Option(names = "--drop", defaultValue = "0", description = "p: each job is dropped with this probability per simulated second.")
    double drop;

    @Option(names = "--out", defaultValue = "bench-runs", description = "Folder for results (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        double seconds = parseDuration(budget);
        List<String> benchmarks = options.tasks(List.of());
        if (benchmarks.isEmpty()) {
            throw new IllegalArgumentException("--tasks is required: the benchmarks to compare on, e.g. --tasks lcbench:189906");
        }
        Seeds seeds = options.seeds(new Seeds(0, 10));
        for (String b : benchmarks) {
            Blackbox box = Blackboxes.of(b);
            methods.forEach(m -> Harness.requireFidelity(m, box)); // fail now, naming the method and the benchmark
        }
        List<RunSpec> runs = new ArrayList<>();
        for (String b : benchmarks) {
            for (int wk : workers) {
                for (String m : methods) {
                    for (long s : seeds.toArray()) {
                        runs.add(new RunSpec(m, b, s, wk, seconds, maxTrials));
                    }
                }
            }
        }
        int n = options.threads();
        w.printf(Locale.ROOT, "%d runs (%s x %s x seeds %s x %s workers), %.0f simulated seconds each, %d at a time%n",
                runs.size(), methods, benchmarks, seeds, workers, seconds, n);
        w.flush();
        long t0 = System.nanoTime();
        List<RunResult> results = new Harness(Blackboxes::of, new FailureModel(sigma, drop, 0)).runAll(runs, n);
        double wall = (System.nanoTime() - t0) / 1e9;
        Files.createDirectories(out);
        Summary.writeCsv(results, out.resolve("results.csv"));
        StringBuilder md = new StringBuilder();
        List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
        if (!args.isEmpty() && args.get(0).equals("bench")) {
            args.remove(0);
        }
        md.append(String.format(Locale.ROOT, "# Benchmark results%n%nCommand: `./ladder bench %s`%n%n"
                + "Final value: the value at the maximum resource of the configuration each run would return (the best at the "
                + "highest resource reached); best seen: the best value reported at any resource, a second column only.%n",
                String.join(" ", args)));
        boolean maximize = false;
        for (Map.Entry<String, Map<String, List<RunResult>>> e : Summary.group(results).entrySet()) {
            Metric metric = Blackboxes.of(e.getValue().values().iterator().next().get(0).spec().benchmark()).metric();
            maximize = metric.mode() == Metric.Mode.MAX;
            String file = "best-" + e.getKey().replaceAll("[^A-Za-z0-9]+", "-") + ".png";
            plot(e.getKey(), metric, e.getValue(), seconds, out.resolve(file));
            md.append(String.format("%n![%s](%s)%n", e.getKey(), file));
        }
        String table = Summary.table(results, target, maximize);
        md.append(table);
        long reports = results.stream().mapToLong(r -> r.rows().size()).sum();
        md.append(String.format(Locale.ROOT, "%n%,d simulated reports in %.1f s of wall time (%,.0f reports/s over %d threads).%n",
                reports, wall, reports / wall, n));
        Files.writeString(out.resolve("summary.md"), md.toString());
        w.print(table);
        w.printf(Locale.ROOT, "%n%,d simulated reports in %.1f s (%,.0f reports/s). Files: %s (results.csv, summary.md, *.png)%n",
                reports, wall, reports / wall, out);
        w.flush();
        return 0;
    }

    private static void plot(String title, Metric metric, Map<String, List<RunResult>> byMethod, double budget, Path file) {
        int points = 200;
        double[] grid = new double[points];
        for (int i = 0; i < points; i++) {
            grid[i] = budget * (i + 1) / points;
        }
        LinePlot plot = new LinePlot(title + ": " + metric.name() + " at r_max of the chosen configuration (mean, 25-75% band)",
                "simulated time (s)", metric.name());
        byMethod.forEach((method, runs) -> {
            double[][] band = Summary.band(runs, grid);
            plot.add(new LinePlot.Series(method, grid, band[0], band[1], band[2]));
        });
        plot.write(file);
    }

    static double parseDuration(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("h")) {
                return Double.parseDouble(t.substring(0, t.length() - 1)) * 3600;
            }
            if (t.endsWith("m")) {
                return Double.parseDouble(t.substring(0, t.length() - 1)) * 60;
            }
            if (t.endsWith("s")) {
                return Double.parseDouble(t.substring(0, t.length() - 1));
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--budget '" + s + "' is not a duration such as 90s, 30m or 2h");
        }
    }
}
