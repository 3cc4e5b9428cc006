package dev.ladder.benchmarks.harness;

import dev.ladder.core.schedule.Schedulers;
import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.schedule.PashaScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.sim.Blackbox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * PASHA (Bohdal et al., "PASHA: Efficient HPO and NAS with Progressive Resource Allocation", ICLR 2023,
 * arXiv:2207.06940) against ASHA on LCBench tasks in simulated time, in the form of the
 * PASHA paper's Table 1: each run starts {@code trials} random configurations (the same ones for every
 * method under one seed). Two ways to end and measure a run:
 * <ul>
 * <li>{@link Protocol#PAPER} (default), as the authors' experiment script does: the run ends when the
 * scheduler would start configuration {@code trials + 1} ({@link TaskRun#untilTrialBudget}); runtime,
 * maximum resource and selection (the best value reported at any resource) are those up to that moment.</li>
 * <li>{@link Protocol#DRAIN}: the run ends when no job is left, every promotion played out
 * ({@link TaskRun#run}); the selection is the best at the highest resource reached.</li>
 * </ul>
 * Either way the selected configuration is scored by its value at the benchmark's maximum resource
 * ({@link FinalMeasure}; the best value seen at any resource is a second column). Each task is a benchmark id
 * ({@code lcbench:189906}) with several fidelities; rungs r_min * eta^k from its minimum to its maximum. The
 * one-epoch baseline trains every configuration for one epoch and selects the best (all of them finish,
 * as the authors' baseline sums every configuration's epoch time).
 */
public final class PashaStudy {
    public static final long ETA = 3;
    /** The five LCBench tasks of the study, as benchmark ids. */
    public static final List<String> DEFAULT_TASKS = List.of("lcbench:189906", "lcbench:167149", "lcbench:168868",
            "lcbench:126026", "lcbench:189873");
    public static final List<String> METHODS = List.of(Schedulers.ASHA.name(), Schedulers.PASHA.name(), "one-epoch");

    /** How a run ends and is measured (see the class comment). */
    public enum Protocol { PAPER, DRAIN }

    /** One (task, method) cell over the seeds; {@code epsilons} are PASHA's final estimates (NaN for the others). */
    public record Cell(String task, String method, double[] finalValues, double[] bestSeen, double[] hours, double[] maxResources,
                       double[] epsilons) {
    }

    private final List<String> tasks;
    private final Seeds seeds;
    private final int trials;
    private final int workers;
    private final Protocol protocol;

    public PashaStudy(List<String> tasks, Seeds seeds, int trials, int workers) {
        this(tasks, seeds, trials, workers, Protocol.PAPER);
    }

    /** Fails now, naming the task, for an unknown benchmark or one with a single fidelity. */
    public PashaStudy(List<String> tasks, Seeds seeds, int trials, int workers, Protocol protocol) {
        for (String t : tasks) {
            Blackbox box = Blackboxes.of(t);
            Harness.requireFidelity(Schedulers.PASHA.name(), box);
        }
        this.tasks = List.copyOf(tasks);
        this.seeds = seeds;
        this.trials = trials;
        this.workers = workers;
        this.protocol = protocol;
    }

    public List<Cell> run(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Cell> cells = new ArrayList<>();
            for (String task : tasks) {
                for (String method : METHODS) {
                    List<Future<Once>> runs = new ArrayList<>();
                    for (long seed : seeds.toArray()) {
                        runs.add(pool.submit(() -> once(task, method, seed)));
                    }
                    int k = seeds.count();
                    double[] v = new double[k];
                    double[] b = new double[k];
                    double[] h = new double[k];
                    double[] m = new double[k];
                    double[] e = new double[k];
                    for (int i = 0; i < k; i++) {
                        Once o = runs.get(i).get();
                        v[i] = o.run().finalValue();
                        b[i] = o.run().bestSeen();
                        h[i] = o.run().seconds() / 3600;
                        m[i] = o.run().maxResource();
                        e[i] = o.epsilon();
                    }
                    cells.add(new Cell(task, method, v, b, h, m, e));
                }
            }
            return cells;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One run and, for PASHA, its final epsilon (NaN otherwise). */
    record Once(TaskRun run, double epsilon) {
    }

    Once once(String task, String method, long seed) {
        Blackbox box = Blackboxes.of(task);
        long min = box.minResource();
        long max = box.maxResource();
        RandomSearcher searcher = new RandomSearcher(box.space(), seed);
        Scheduler s = method.equals("one-epoch")
                ? new FifoScheduler(searcher, box.metric(), min) // the lowest fidelity each, then the best
                : dev.ladder.core.schedule.SchedulerSpec.of(method).minResource(min).maxResource(max).eta(ETA)
                        .build(searcher, box.metric());
        TaskRun run = protocol == Protocol.PAPER && !method.equals("one-epoch")
                ? TaskRun.untilTrialBudget(s, box, workers, seed, trials)
                : TaskRun.run(s, box, workers, seed, trials);
        return new Once(run, s instanceof PashaScheduler p ? p.epsilon() : Double.NaN);
    }

    public String table(List<Cell> cells) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d seeds (%s), %d trials, %d workers, eta = %d, r from each task's minimum to its "
                + "maximum resource, protocol %s; final value: the selected configuration's %s at the maximum resource; "
                + "best seen: the best value reported at any resource; runtime in simulated hours.%n%n",
                seeds.count(), seeds, trials, workers, ETA, protocol.name().toLowerCase(Locale.ROOT), metricName()));
        sb.append("| task | method | final value (mean ± std) | best seen (mean ± std) | runtime (h, mean ± std) | speedup over ASHA "
                + "| max resource (mean) | max resource: seeds | final epsilon (median) |\n");
        sb.append("|---|---|---|---|---|---:|---:|---|---:|\n");
        double[] accDiff = new double[tasks.size()];
        double[] speedups = new double[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            Cell asha = find(cells, tasks.get(t), Schedulers.ASHA.name());
            for (String method : METHODS) {
                Cell c = find(cells, tasks.get(t), method);
                double speedup = mean(asha.hours()) / mean(c.hours());
                TreeMap<Long, Integer> hist = new TreeMap<>();
                for (double m : c.maxResources()) {
                    hist.merge((long) m, 1, Integer::sum);
                }
                double[] eps = Arrays.stream(c.epsilons()).filter(x -> !Double.isNaN(x)).sorted().toArray();
                String epsilon = eps.length == 0 ? "" : String.format(Locale.ROOT, "%.3f", eps[eps.length / 2]);
                sb.append(String.format(Locale.ROOT, "| %s | %s | %.2f ± %.2f | %.2f ± %.2f | %.2f ± %.2f | %.2fx | %.1f | %s | %s |%n",
                        c.task(), method, mean(c.finalValues()), std(c.finalValues()), mean(c.bestSeen()), std(c.bestSeen()),
                        mean(c.hours()), std(c.hours()), speedup,
                        mean(c.maxResources()), hist.toString().replace("=", ": ").replaceAll("[{}]", ""), epsilon));
                if (method.equals(Schedulers.PASHA.name())) {
                    accDiff[t] = mean(c.finalValues()) - mean(asha.finalValues());
                    speedups[t] = speedup;
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "%nOver the %d tasks: PASHA's final value minus ASHA's %.2f points on average "
                + "(per task %s); mean speedup %.2fx (per task %s).%n", tasks.size(), mean(accDiff), fmt(accDiff), mean(speedups),
                fmt(speedups)));
        return sb.toString();
    }

    private static Cell find(List<Cell> cells, String task, String method) {
        return cells.stream().filter(c -> c.task().equals(task) && c.method().equals(method)).findFirst().orElseThrow();
    }

    /** The metric of the tasks, or their names joined when they differ. */
    private String metricName() {
        return String.join("/", tasks.stream().map(t -> Blackboxes.of(t).metric().name()).distinct().toList());
    }

    private static String fmt(double[] v) {
        return Arrays.toString(Arrays.stream(v).map(x -> Math.round(x * 100) / 100.0).toArray());
    }

    static double mean(double[] v) {
        return Summary.mean(v);
    }

    static double std(double[] v) {
        return Summary.std(v);
    }
}
