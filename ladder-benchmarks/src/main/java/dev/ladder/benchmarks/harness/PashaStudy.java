package dev.ladder.benchmarks.harness;

import dev.ladder.benchmarks.blackbox.LcBench;
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
 * PASHA (002_4a2ca37c14d17f18.txt) against ASHA on LCBench tasks in simulated time, in the form of the
 * PASHA paper's Table 1: each run starts {@code trials} random configurations (the same ones for every
 * method under one seed). Two ways to end and measure a run:
 * <ul>
 * <li>{@link Protocol#PAPER} (default), as the authors' experiment script does: the run ends when the
 * scheduler would start configuration {@code trials + 1} ({@link TaskRun#untilTrialBudget}); runtime,
 * maximum resource and selection (the best value reported at any resource) are those up to that moment.</li>
 * <li>{@link Protocol#DRAIN}: the run ends when no job is left, every promotion played out
 * ({@link TaskRun#run}); the selection is the best at the highest resource reached.</li>
 * </ul>
 * Either way the selected configuration is scored by its validation accuracy after all 52 epochs. The
 * one-epoch baseline trains every configuration for one epoch and selects the best (all of them finish,
 * as the authors' baseline sums every configuration's epoch time).
 */
public final class PashaStudy {
    public static final long MIN = 1;
    public static final long MAX = LcBench.MAX_EPOCH;
    public static final long ETA = 3;
    public static final List<String> METHODS = List.of("asha", "pasha", "one-epoch");

    /** How a run ends and is measured (see the class comment). */
    public enum Protocol { PAPER, DRAIN }

    /** One (task, method) cell over the seeds; {@code epsilons} are PASHA's final estimates (NaN for the others). */
    public record Cell(int task, String method, double[] finalValues, double[] hours, double[] maxResources, double[] epsilons) {
    }

    private final List<Integer> tasks;
    private final int seeds;
    private final int trials;
    private final int workers;
    private final Protocol protocol;

    public PashaStudy(List<Integer> tasks, int seeds, int trials, int workers) {
        this(tasks, seeds, trials, workers, Protocol.PAPER);
    }

    public PashaStudy(List<Integer> tasks, int seeds, int trials, int workers, Protocol protocol) {
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
            for (int task : tasks) {
                for (String method : METHODS) {
                    List<Future<Once>> runs = new ArrayList<>();
                    for (int seed = 0; seed < seeds; seed++) {
                        long s = seed;
                        runs.add(pool.submit(() -> once(task, method, s)));
                    }
                    double[] v = new double[seeds];
                    double[] h = new double[seeds];
                    double[] m = new double[seeds];
                    double[] e = new double[seeds];
                    for (int i = 0; i < seeds; i++) {
                        Once o = runs.get(i).get();
                        v[i] = o.run().finalValue();
                        h[i] = o.run().seconds() / 3600;
                        m[i] = o.run().maxResource();
                        e[i] = o.epsilon();
                    }
                    cells.add(new Cell(task, method, v, h, m, e));
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

    Once once(int task, String method, long seed) {
        Blackbox box = LcBench.of(task);
        RandomSearcher searcher = new RandomSearcher(box.space(), seed);
        Scheduler s = method.equals("one-epoch")
                ? new FifoScheduler(searcher, box.metric(), MIN) // one epoch each, then the best
                : dev.ladder.core.schedule.SchedulerSpec.of(method).minResource(MIN).maxResource(MAX).eta(ETA)
                        .build(searcher, box.metric());
        TaskRun run = protocol == Protocol.PAPER && !method.equals("one-epoch")
                ? TaskRun.untilTrialBudget(s, box, workers, seed, trials)
                : TaskRun.run(s, box, workers, seed, trials);
        return new Once(run, s instanceof PashaScheduler p ? p.epsilon() : Double.NaN);
    }

    public String table(List<Cell> cells) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d seeds, %d trials, %d workers, r = %d..%d epochs, eta = %d, protocol %s; "
                + "val_accuracy (percent) of the selected configuration after %d epochs; runtime in simulated hours.%n%n",
                seeds, trials, workers, MIN, MAX, ETA, protocol.name().toLowerCase(Locale.ROOT), MAX));
        sb.append("| task | method | accuracy (mean ± std) | runtime (h, mean ± std) | speedup over ASHA | max resource (mean) "
                + "| max resource: seeds | final epsilon (median) |\n");
        sb.append("|---|---|---|---|---:|---:|---|---:|\n");
        double[] accDiff = new double[tasks.size()];
        double[] speedups = new double[tasks.size()];
        for (int t = 0; t < tasks.size(); t++) {
            Cell asha = find(cells, tasks.get(t), "asha");
            for (String method : METHODS) {
                Cell c = find(cells, tasks.get(t), method);
                double speedup = mean(asha.hours()) / mean(c.hours());
                TreeMap<Long, Integer> hist = new TreeMap<>();
                for (double m : c.maxResources()) {
                    hist.merge((long) m, 1, Integer::sum);
                }
                double[] eps = Arrays.stream(c.epsilons()).filter(x -> !Double.isNaN(x)).sorted().toArray();
                String epsilon = eps.length == 0 ? "" : String.format(Locale.ROOT, "%.3f", eps[eps.length / 2]);
                sb.append(String.format(Locale.ROOT, "| %d | %s | %.2f ± %.2f | %.2f ± %.2f | %.2fx | %.1f | %s | %s |%n", c.task(),
                        method, mean(c.finalValues()), std(c.finalValues()), mean(c.hours()), std(c.hours()), speedup,
                        mean(c.maxResources()), hist.toString().replace("=", ": ").replaceAll("[{}]", ""), epsilon));
                if (method.equals("pasha")) {
                    accDiff[t] = mean(c.finalValues()) - mean(asha.finalValues());
                    speedups[t] = speedup;
                }
            }
        }
        sb.append(String.format(Locale.ROOT, "%nOver the %d tasks: PASHA's accuracy minus ASHA's %.2f points on average "
                + "(per task %s); mean speedup %.2fx (per task %s).%n", tasks.size(), mean(accDiff), fmt(accDiff), mean(speedups),
                fmt(speedups)));
        return sb.toString();
    }

    private static Cell find(List<Cell> cells, int task, String method) {
        return cells.stream().filter(c -> c.task() == task && c.method().equals(method)).findFirst().orElseThrow();
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
