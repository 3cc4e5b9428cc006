package dev.ladder.benchmarks.harness;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import dev.ladder.sim.SyntheticBlackbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The simulation of 003_6c75f438a57bd2cf.txt (thesis) section 3.3.3 / Figure 3.2: synchronous SHA against
 * ASHA with eta = 4, r = 1, R = 256, n = 256, on 25 workers, where a job's time equals its resource
 * times (1 + |z|), z ~ N(0, sigma), and a job is dropped with probability p per time unit. Each run
 * lasts a fixed simulated time; it counts the configurations trained to R and the time until the first.
 * Synchronous SHA runs brackets of n = 256 and opens another whenever a worker is free and nothing
 * is ready (as synchronous BOHB does); ASHA draws new configurations whenever nothing is promotable.
 */
public final class StragglerStudy {
    public static final long R = 256;
    public static final long ETA = 4;
    public static final int N = 256;
    public static final int WORKERS = 25;

    /** One cell of the grid, for one method: means over the repetitions. */
    public record Cell(String method, double sigma, double p, double configsAtR, double firstAtR, int neverReached) {
    }

    private final double horizon;
    private final int repetitions;

    /** @param horizon simulated time units each run lasts; @param repetitions runs per cell and method */
    public StragglerStudy(double horizon, int repetitions) {
        this.horizon = horizon;
        this.repetitions = repetitions;
    }

    public List<Cell> run(double[] sigmas, double[] ps, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Cell>> futures = new ArrayList<>();
            for (double sigma : sigmas) {
                for (double p : ps) {
                    for (String method : List.of("sha", "asha")) {
                        futures.add(pool.submit(() -> cell(method, sigma, p)));
                    }
                }
            }
            List<Cell> cells = new ArrayList<>();
            for (Future<Cell> f : futures) {
                cells.add(f.get());
            }
            return cells;
        } finally {
            pool.shutdownNow();
        }
    }

    Cell cell(String method, double sigma, double p) {
        double configs = 0;
        double first = 0;
        int never = 0;
        for (int rep = 0; rep < repetitions; rep++) {
            double[] outcome = once(method, sigma, p, rep);
            configs += outcome[0];
            if (Double.isNaN(outcome[1])) {
                never++;
                first += horizon; // counted as the whole horizon; the table says how many never got there
            } else {
                first += outcome[1];
            }
        }
        return new Cell(method, sigma, p, configs / repetitions, first / repetitions, never);
    }

    /** {configurations trained to R, simulated time of the first (NaN if none)} for one run. */
    double[] once(String method, double sigma, double p, long seed) {
        SyntheticBlackbox box = new SyntheticBlackbox(R, 1.0);
        Metric metric = box.metric();
        RandomSearcher searcher = new RandomSearcher(box.space(), seed);
        Scheduler scheduler = dev.ladder.core.schedule.SchedulerSpec.of(method).maxResource(R).eta(ETA).trials(N)
                .build(searcher, metric); // sha: one bracket of N; asha: no bracket size
        SimulatedExecutor sim = new SimulatedExecutor(box, WORKERS, seed, new FailureModel(sigma, p, seed));
        Set<Integer> atR = new HashSet<>();
        double[] first = {Double.NaN};
        Tuner.builder().scheduler(scheduler).executor(sim).maxFailures(Integer.MAX_VALUE)
                .maxWallTime(Duration.ofNanos((long) (horizon * 1e9)))
                .listener(new TunerListener() {
                    @Override
                    public void onResult(Trial trial, Result result, Decision decision, TuningResult.Best best) {
                        if (result.resource() >= R && sim.now() <= horizon && atR.add(trial.id()) && Double.isNaN(first[0])) {
                            first[0] = sim.now();
                        }
                    }
                }).run();
        return new double[] {atR.size(), first[0]};
    }

    public static String table(List<Cell> cells, double horizon, int repetitions) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Mean over %d runs of %.0f simulated time units each (time(R) = %d units).%n%n",
                repetitions, horizon, R));
        sb.append("| sigma | p (drop per time unit) | configs trained to R: sync SHA | ASHA | time to first at R: sync SHA | ASHA |\n");
        sb.append("|---:|---:|---:|---:|---:|---:|\n");
        for (int i = 0; i + 1 < cells.size(); i += 2) {
            Cell sha = cells.get(i);
            Cell asha = cells.get(i + 1);
            sb.append(String.format(Locale.ROOT, "| %.2f | %.4f | %.2f | %.2f | %s | %s |%n", sha.sigma(), sha.p(),
                    sha.configsAtR(), asha.configsAtR(), first(sha, repetitions), first(asha, repetitions)));
        }
        return sb.toString();
    }

    private static String first(Cell c, int repetitions) {
        return String.format(Locale.ROOT, "%.0f", c.firstAtR()) + (c.neverReached() > 0
                ? String.format(Locale.ROOT, " (%d of %d never)", c.neverReached(), repetitions) : "");
    }
}
