package dev.ladder.benchmarks.harness;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.benchmarks.blackbox.LcBench;
import dev.ladder.core.Metric;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.sim.FailureModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 17's quality study: methods given by registry names ({@link Method}: {@code asha}, {@code hyperband+kde},
 * and any scheduler or searcher registered later) on every task given (all 34 LCBench tasks by default), with the
 * same simulated budget, workers and seeds per task, in the terms of the MOBSTER paper (Klein et al. 2020,
 * section 5): per task the final value (the chosen configuration's value at the maximum resource,
 * {@link FinalMeasure}) and the simulated time at which a method's mean curve over the seeds first reaches ASHA's
 * final value (the mean of ASHA's final values), the tasks where each method ends better than ASHA, and the median
 * over tasks of the speed-up to ASHA's final value (ASHA's time over the method's; a method that never gets there
 * counts as no speed-up, 0). Each run keeps only its curves (not every report), so that memory does not grow with
 * the study.
 */
public final class ModelBasedStudy {
    /** The reference every other method is measured against. */
    public static final String REFERENCE = Schedulers.ASHA.name();
    /** Points of the time grid of the mean curves, the times to ASHA's value and the plots. */
    public static final int GRID = 400;

    /** One method on one task over the seeds: the runs (curves only) and the mean and quartile curves on the grid. */
    public record Cell(String task, String method, List<RunResult> runs, double[][] band) {
        public double[] finals() {
            return runs.stream().mapToDouble(RunResult::finalValue).toArray();
        }

        public double meanFinal() {
            return Summary.mean(Arrays.stream(finals()).filter(v -> !Double.isNaN(v)).toArray());
        }
    }

    /** Every method on one task; {@code time} is per method the time to ASHA's final value, NaN when never. */
    public record TaskResult(String task, Metric metric, double[] grid, Map<String, Cell> cells, Map<String, Double> time) {
        public double target() {
            return cells.get(REFERENCE).meanFinal();
        }

        public boolean beats(String method) {
            return metric.better(cells.get(method).meanFinal(), target());
        }

        /** ASHA's time over the method's; 0 when the method never reached ASHA's value. */
        public double speedup(String method) {
            double t = time.get(method);
            return Double.isNaN(t) ? 0 : time.get(REFERENCE) / t;
        }
    }

    private final List<String> tasks;
    private final List<String> methods;
    private final Seeds seeds;
    private final int workers;
    private final double budgetSeconds;

    /** Fails now, naming the culprit, for an unknown task or method, a single-fidelity task, or methods without asha. */
    public ModelBasedStudy(List<String> tasks, List<String> methods, Seeds seeds, int workers, double budgetSeconds) {
        if (!methods.contains(REFERENCE)) {
            throw new IllegalArgumentException("the methods must include " + REFERENCE + ", the reference of the study, got " + methods);
        }
        for (String t : tasks) {
            methods.forEach(m -> Harness.requireFidelity(m, Blackboxes.of(t)));
        }
        this.tasks = List.copyOf(tasks);
        this.methods = List.copyOf(methods);
        this.seeds = seeds;
        this.workers = workers;
        this.budgetSeconds = budgetSeconds;
    }

    /** Every LCBench task, as benchmark ids. */
    public static List<String> allLcBenchTasks() {
        return LcBench.tasks().stream().map(t -> "lcbench:" + t).toList();
    }

    public List<TaskResult> run(int threads) throws Exception {
        Harness harness = new Harness(Blackboxes::of, FailureModel.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            Map<String, Map<String, List<Future<RunResult>>>> futures = new LinkedHashMap<>();
            for (String task : tasks) {
                for (String method : methods) {
                    for (long seed : seeds.toArray()) {
                        RunSpec spec = new RunSpec(method, task, seed, workers, budgetSeconds, null);
                        futures.computeIfAbsent(task, k -> new LinkedHashMap<>()).computeIfAbsent(method, k -> new ArrayList<>())
                                .add(pool.submit(() -> curvesOnly(harness.run(spec))));
                    }
                }
            }
            double[] grid = new double[GRID];
            for (int i = 0; i < GRID; i++) {
                grid[i] = budgetSeconds * (i + 1) / GRID;
            }
            List<TaskResult> out = new ArrayList<>();
            for (var byTask : futures.entrySet()) {
                Metric metric = Blackboxes.of(byTask.getKey()).metric();
                Map<String, Cell> cells = new LinkedHashMap<>();
                for (var byMethod : byTask.getValue().entrySet()) {
                    List<RunResult> runs = new ArrayList<>();
                    for (Future<RunResult> f : byMethod.getValue()) {
                        runs.add(f.get());
                    }
                    cells.put(byMethod.getKey(), new Cell(byTask.getKey(), byMethod.getKey(), runs, Summary.band(runs, grid)));
                }
                double target = cells.get(REFERENCE).meanFinal();
                Map<String, Double> time = new LinkedHashMap<>();
                cells.forEach((m, c) -> time.put(m, firstReaching(grid, c.band()[0], target, metric)));
                out.add(new TaskResult(byTask.getKey(), metric, grid, cells, time));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The run without its reports (the curves hold what the study needs). */
    private static RunResult curvesOnly(RunResult r) {
        return new RunResult(r.spec(), List.of(), r.chosen(), r.bestSeen(), r.totalResource(), r.trialsByHighestResource(),
                r.wallSeconds());
    }

    /**
     * The first grid time at which {@code mean} reaches {@code target}, NaN if it never does. A relative tolerance of
     * 1e-9 absorbs rounding, so that ASHA's own mean curve, which ends at its mean final value, reaches it.
     */
    static double firstReaching(double[] grid, double[] mean, double target, Metric metric) {
        double slack = 1e-9 * Math.max(1, Math.abs(target));
        for (int i = 0; i < grid.length; i++) {
            if (!Double.isNaN(mean[i]) && metric.loss(mean[i]) <= metric.loss(target) + slack) {
                return grid[i];
            }
        }
        return Double.NaN;
    }

    /** The settings line of the report. */
    public String settings() {
        return String.format(Locale.ROOT, "%d tasks, methods %s, seeds %s, %d workers, %.0f simulated seconds per run, r from each "
                + "task's minimum to its maximum resource, eta = 3 (the registry's default)", tasks.size(), methods, seeds, workers,
                budgetSeconds);
    }

    /** The report in markdown: the summary over tasks, the per-task tables, and where ASHA trails random search or Hyperband. */
    public String report(List<TaskResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| method | tasks better than ASHA (final value) | tasks reaching ASHA's final value | median speed-up to ASHA's "
                + "final value (never reached: 0) | mean final value minus ASHA's (points) |\n|---|---:|---:|---:|---:|\n");
        for (String m : methods) {
            long beats = results.stream().filter(r -> r.beats(m)).count();
            long reached = results.stream().filter(r -> !Double.isNaN(r.time().get(m))).count();
            double[] speedups = results.stream().mapToDouble(r -> r.speedup(m)).sorted().toArray();
            double diff = results.stream().mapToDouble(r -> r.cells().get(m).meanFinal() - r.target()).average().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT, "| %s | %d of %d | %d of %d | %.2fx | %+.3f |%n", m, beats, results.size(), reached,
                    results.size(), Summary.quantile(speedups, 0.5), diff));
        }
        sb.append("\nFinal value per task (mean ± std over the seeds; the chosen configuration's value at the maximum resource):\n\n");
        header(sb);
        for (TaskResult r : results) {
            sb.append("| ").append(r.task());
            for (String m : methods) {
                double[] f = Arrays.stream(r.cells().get(m).finals()).filter(v -> !Double.isNaN(v)).toArray();
                sb.append(String.format(Locale.ROOT, " | %s%.2f ± %.2f", r.beats(m) ? "**" : "", Summary.mean(f), Summary.std(f)))
                        .append(r.beats(m) ? "**" : "");
            }
            sb.append(" |\n");
        }
        sb.append("\nBold: better than ASHA on the mean. Simulated seconds until the mean curve over the seeds first reaches ASHA's "
                + "final value (the mean of its final values), and the speed-up over ASHA; - when it never does within the budget:\n\n");
        header(sb);
        for (TaskResult r : results) {
            sb.append("| ").append(r.task());
            for (String m : methods) {
                double t = r.time().get(m);
                sb.append(Double.isNaN(t) ? " | -" : String.format(Locale.ROOT, " | %.0f (%.2fx)", t, r.speedup(m)));
            }
            sb.append(" |\n");
        }
        sb.append(asWorseThanBaselines(results));
        return sb.toString();
    }

    private void header(StringBuilder sb) {
        sb.append("| task | ").append(String.join(" | ", methods)).append(" |\n|---|").append("---:|".repeat(methods.size())).append("\n");
    }

    /** The tasks where ASHA's mean final value trails random search's or Hyperband's, with every method's value there. */
    String asWorseThanBaselines(List<TaskResult> results) {
        List<String> baselines = methods.stream().filter(m -> m.equals(Method.RANDOM) || m.equals(Schedulers.HYPERBAND.name())).toList();
        List<TaskResult> worse = results.stream()
                .filter(r -> baselines.stream().anyMatch(r::beats)).toList();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%nTasks where ASHA ends worse than %s (mean final value): %d of %d.%n",
                String.join(" or ", baselines), worse.size(), results.size()));
        if (worse.isEmpty()) {
            return sb.toString();
        }
        sb.append("\n| task | ").append(String.join(" | ", methods)).append(" |\n|---|").append("---:|".repeat(methods.size())).append("\n");
        for (TaskResult r : worse) {
            sb.append("| ").append(r.task());
            for (String m : methods) {
                sb.append(String.format(Locale.ROOT, " | %.2f", r.cells().get(m).meanFinal()));
            }
            sb.append(" |\n");
        }
        sb.append(String.format(Locale.ROOT, "%nOn these %d tasks, per method: better than ASHA / better than the best of %s:%n%n",
                worse.size(), String.join(" and ", baselines)));
        for (String m : methods) {
            if (m.equals(REFERENCE) || baselines.contains(m)) {
                continue;
            }
            long beatsAsha = worse.stream().filter(r -> r.beats(m)).count();
            long beatsBoth = worse.stream().filter(r -> baselines.stream().allMatch(b ->
                    r.metric().better(r.cells().get(m).meanFinal(), r.cells().get(b).meanFinal()))).count();
            sb.append(String.format(Locale.ROOT, "- %s: %d / %d%n", m, beatsAsha, beatsBoth));
        }
        return sb.toString();
    }

    /** One row per run: method, task, seed, final value, best seen at any resource, wall seconds. */
    public static void writeFinals(List<TaskResult> results, Path file) {
        StringBuilder sb = new StringBuilder("method,task,seed,final,best_seen,wall_s\n");
        for (TaskResult r : results) {
            r.cells().forEach((m, c) -> c.runs().forEach(run -> sb.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%s,%.3f%n", m,
                    r.task(), run.spec().seed(), run.finalValue(), run.finalBestSeen(), run.wallSeconds()))));
        }
        write(file, sb.toString());
    }

    /** The mean curves on the grid, one row per (task, method, time). */
    public static void writeCurves(List<TaskResult> results, Path file) {
        StringBuilder sb = new StringBuilder("task,method,time_s,mean,q25,q75\n");
        for (TaskResult r : results) {
            r.cells().forEach((m, c) -> {
                for (int i = 0; i < r.grid().length; i++) {
                    sb.append(String.format(Locale.ROOT, "%s,%s,%.0f,%.4f,%.4f,%.4f%n", r.task(), m, r.grid()[i], c.band()[0][i],
                            c.band()[1][i], c.band()[2][i]));
                }
            });
        }
        write(file, sb.toString());
    }

    /** The best-so-far plot of one task: every method's mean curve with its quartile band. */
    public static void plot(TaskResult r, Path file) {
        LinePlot p = new LinePlot(r.task() + ": " + r.metric().name() + " at r_max of the chosen configuration (mean, 25-75% band)",
                "simulated time (s)", r.metric().name());
        r.cells().forEach((m, c) -> p.add(new LinePlot.Series(m, r.grid(), c.band()[0], c.band()[1], c.band()[2])));
        p.write(file);
    }

    /**
     * Tasks worth a plot: the first, then those where ASHA trails random search most, then those where some other
     * method leads ASHA most; {@code n} in all.
     */
    public static List<TaskResult> plotted(List<TaskResult> results, int n) {
        List<TaskResult> out = new ArrayList<>();
        out.add(results.get(0));
        Comparator<TaskResult> byRandomLead = Comparator.comparingDouble(r -> r.cells().containsKey(Method.RANDOM)
                ? r.metric().loss(r.target()) - r.metric().loss(r.cells().get(Method.RANDOM).meanFinal()) : 0);
        results.stream().sorted(byRandomLead.reversed()).limit(2).filter(r -> !out.contains(r)).forEach(out::add);
        Comparator<TaskResult> byBestLead = Comparator.comparingDouble(r -> r.cells().values().stream()
                .mapToDouble(c -> r.metric().loss(r.target()) - r.metric().loss(c.meanFinal())).max().orElse(0));
        results.stream().sorted(byBestLead.reversed()).filter(r -> !out.contains(r)).limit(Math.max(0, n - out.size()))
                .forEach(out::add);
        return out.subList(0, Math.min(n, out.size()));
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
