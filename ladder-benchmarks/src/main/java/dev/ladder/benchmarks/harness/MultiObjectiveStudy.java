package dev.ladder.benchmarks.harness;

import dev.ladder.core.Best;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.pareto.ParetoFront;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import dev.ladder.sim.Zdt1Blackbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several objectives in simulation: on {@link Zdt1Blackbox} (known front), the hypervolume of the front at
 * r = R over simulated time for random search (every trial to R), MO-ASHA (promotion and stopping) and
 * single-objective ASHA on the scalarisation f1 + f2, each over the same seeds. Every method is judged alike:
 * the front of its feasible results at R, hypervolume from {@link Zdt1Blackbox#REFERENCE}.
 */
public final class MultiObjectiveStudy {
    public static final List<String> METHODS = List.of("random", "mo-asha", "mo-asha-stopping", "asha-scalarised");
    public static final long MAX_RESOURCE = 81;
    public static final int WORKERS = 8;
    public static final int POINTS = 60;

    private final double horizon;
    private final Seeds seeds;

    /** {@code horizon}: simulated seconds per run (a job to R takes 81). */
    public MultiObjectiveStudy(double horizon, Seeds seeds) {
        if (!(horizon > 0)) {
            throw new IllegalArgumentException("the horizon must be positive, got " + horizon);
        }
        this.horizon = horizon;
        this.seeds = seeds;
    }

    /** One method over all seeds: the hypervolume on a time grid (one row per seed) and the trials each run started. */
    public record Cell(String method, double[] times, double[][] hypervolume, int[] trials) {
        public double[] mean() {
            double[] m = new double[times.length];
            for (double[] run : hypervolume) {
                for (int i = 0; i < m.length; i++) {
                    m[i] += run[i] / hypervolume.length;
                }
            }
            return m;
        }

        /** The final hypervolume of each seed. */
        public double[] finals() {
            return java.util.Arrays.stream(hypervolume).mapToDouble(r -> r[r.length - 1]).toArray();
        }
    }

    public List<Cell> run(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<double[]>> futures = new ArrayList<>();
            long[] each = seeds.toArray();
            for (String method : METHODS) {
                for (long seed : each) {
                    futures.add(pool.submit(() -> once(method, seed)));
                }
            }
            List<Cell> cells = new ArrayList<>();
            int f = 0;
            for (String method : METHODS) {
                double[][] hv = new double[each.length][];
                int[] trials = new int[each.length];
                for (int s = 0; s < each.length; s++) {
                    double[] run = futures.get(f++).get();
                    hv[s] = java.util.Arrays.copyOf(run, POINTS);
                    trials[s] = (int) run[POINTS];
                }
                cells.add(new Cell(method, grid(), hv, trials));
            }
            return cells;
        } finally {
            pool.shutdownNow();
        }
    }

    double[] grid() {
        double[] t = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            t[i] = horizon * (i + 1) / POINTS;
        }
        return t;
    }

    /** The hypervolume at each grid time, then the number of trials started, for one run. */
    double[] once(String method, long seed) {
        Zdt1Blackbox box = new Zdt1Blackbox(MAX_RESOURCE);
        RandomSearcher searcher = new RandomSearcher(box.space(), seed);
        Scheduler scheduler = switch (method) {
            case "random" -> SchedulerSpec.of("fifo").maxResource(MAX_RESOURCE).build(searcher, Zdt1Blackbox.OBJECTIVES);
            case "asha-scalarised" -> SchedulerSpec.of("asha").maxResource(MAX_RESOURCE).build(searcher, Metric.minimize(Zdt1Blackbox.SUM));
            default -> SchedulerSpec.of(method).maxResource(MAX_RESOURCE).build(searcher, Zdt1Blackbox.OBJECTIVES);
        };
        SimulatedExecutor sim = new SimulatedExecutor(box, WORKERS, seed, FailureModel.NONE);
        ParetoFront.Builder front = new ParetoFront.Builder(Zdt1Blackbox.OBJECTIVES);
        var r = Tuner.builder().scheduler(scheduler).executor(sim).maxFailures(Integer.MAX_VALUE)
                .maxWallTime(Duration.ofNanos((long) (horizon * 1e9)))
                .listener(new TunerListener() {
                    @Override
                    public void onResult(Trial trial, Result result, Decision decision, Best best) {
                        if (result.resource() == MAX_RESOURCE && sim.now() <= horizon) {
                            front.add(trial.id(), result.resource(), result.metrics(), sim.now());
                        }
                    }
                }).run();
        List<double[]> overTime = front.build(Zdt1Blackbox.REFERENCE).hypervolumeOverTime();
        double[] out = new double[POINTS + 1];
        double[] t = grid();
        int j = 0;
        double hv = 0;
        for (int i = 0; i < POINTS; i++) {
            while (j < overTime.size() && overTime.get(j)[0] <= t[i]) {
                hv = overTime.get(j++)[1];
            }
            out[i] = hv;
        }
        out[POINTS] = r.trials().size();
        return out;
    }

    /**
     * The table of docs/results.md: final hypervolume (mean, sd, min, max over seeds), its share of the true
     * front's, and the time each method takes to reach random search's final mean (on the grid; {@link TimeToTarget}).
     */
    public String table(List<Cell> cells) {
        double target = cells.stream().filter(c -> c.method().equals("random")).findFirst().map(c -> mean(c.finals())).orElse(Double.NaN);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "| method | final hypervolume, mean ± sd | min .. max | "
                + "of the true front's | time to random search's final mean (%.4f), median s | trials started (mean) |%n"
                + "|---|---|---|---:|---|---:|%n", target));
        for (Cell c : cells) {
            double[] f = c.finals();
            double mean = mean(f);
            double sd = Math.sqrt(java.util.Arrays.stream(f).map(v -> (v - mean) * (v - mean)).sum() / Math.max(1, f.length - 1));
            double[] first = new double[f.length];
            for (int s = 0; s < f.length; s++) {
                first[s] = Double.NaN;
                double[] run = c.hypervolume()[s];
                for (int i = 0; i < run.length && Double.isNaN(first[s]); i++) {
                    first[s] = run[i] >= target ? c.times()[i] : Double.NaN;
                }
            }
            sb.append(String.format(Locale.ROOT, "| %s | %.4f ± %.4f | %.4f .. %.4f | %.1f%% | %s | %.0f |%n", c.method(), mean, sd,
                    java.util.Arrays.stream(f).min().orElse(0), java.util.Arrays.stream(f).max().orElse(0),
                    100 * mean / Zdt1Blackbox.BEST_HYPERVOLUME, new TimeToTarget(first, horizon).format(),
                    java.util.Arrays.stream(c.trials()).average().orElse(0)));
        }
        return sb.toString();
    }

    private static double mean(double[] v) {
        return java.util.Arrays.stream(v).average().orElse(Double.NaN);
    }
}
