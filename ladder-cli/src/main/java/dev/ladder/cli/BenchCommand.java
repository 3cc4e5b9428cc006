package dev.ladder.cli;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.benchmarks.harness.Harness;
import dev.ladder.benchmarks.harness.LinePlot;
import dev.ladder.benchmarks.harness.RunResult;
import dev.ladder.benchmarks.harness.RunSpec;
import dev.ladder.benchmarks.harness.Summary;
import dev.ladder.core.Metric;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Compares methods on benchmarks in simulated time: a CSV of every result, a summary table and plots. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Compare methods on benchmarks in simulated time (methods x benchmarks x seeds x workers), "
                + "writing results.csv, summary.md and a PNG plot of the best value against simulated time per setting.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--benchmark", split = ",", required = true,
            description = "Benchmarks, family:instance (lcbench:189906, nasbench201:cifar10, fcnet:protein_structure, "
                    + "hpobench:australian, synthetic:81), comma-separated.")
    List<String> benchmarks;

    @Option(names = "--methods", split = ",", defaultValue = "random,asha,hyperband",
            description = "random or scheduler names, comma-separated (default ${DEFAULT-VALUE}).")
    List<String> methods;

    @Option(names = "--seeds", defaultValue = "10", description = "Repetitions with seeds 0..n-1 (default ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--workers", split = ",", defaultValue = "4", description = "Simulated workers, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> workers;

    @Option(names = "--budget", defaultValue = "2h", description = "Simulated time per run: 90s, 30m, 2h (default ${DEFAULT-VALUE}).")
    String budget;

    @Option(names = "--max-trials", description = "Trials started at most per run (default: no limit; adaptive plans for 1000).")
    Integer maxTrials;

    @Option(names = "--target", description = "A metric value; the summary reports the simulated time to reach it.")
    Double target;

    @Option(names = "--stragglers", defaultValue = "0", description = "sigma: each job's time is multiplied by 1+|z|, z ~ N(0, sigma).")
    double sigma;

    @Option(names = "--drop", defaultValue = "0", description = "p: each job is dropped with this probability per simulated second.")
    double drop;

    @Option(names = "--threads", description = "Runs at once (default: the number of cores).")
    Integer threads;

    @Option(names = "--out", defaultValue = "bench-runs", description = "Folder for results (default ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        double seconds = parseDuration(budget);
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds must be at least 1, got " + seeds);
        }
        for (String b : benchmarks) {
            Blackboxes.of(b); // fail now, naming the benchmark
        }
        List<RunSpec> runs = new ArrayList<>();
        for (String b : benchmarks) {
            for (int wk : workers) {
                for (String m : methods) {
                    for (int s = 0; s < seeds; s++) {
                        runs.add(new RunSpec(m, b, s, wk, seconds, maxTrials));
                    }
                }
            }
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        w.printf(Locale.ROOT, "%d runs (%s x %s x %d seeds x %s workers), %.0f simulated seconds each, %d at a time%n",
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
        md.append(String.format(Locale.ROOT, "# Benchmark results%n%nCommand: `./ladder bench %s`%n", String.join(" ", args)));
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
        LinePlot plot = new LinePlot(title + ": best " + metric.name() + " so far (mean, 25-75% band)",
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
