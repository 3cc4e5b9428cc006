package dev.ladder.benchmarks.harness;

import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.Best;
import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.RungLevels;
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
 * The simulation of L. Li, "Towards Efficient Automated Machine Learning", PhD thesis, Carnegie Mellon
 * University, 2020 (CMU-ML-20-104), section 3.3.3 / Figure 3.2: synchronous SHA against
 * ASHA with eta = 4, r = 1, R = 256, n = 256, on 25 workers, where a job's time equals its resource
 * times (1 + |z|), z ~ N(0, sigma), and a job is dropped with probability p per time unit. Each run
 * lasts a fixed simulated time; it counts the configurations trained to R and the time until the first.
 * Synchronous SHA runs brackets of n = 256 and opens another whenever a worker is free and nothing
 * is ready (as synchronous BOHB does); ASHA draws new configurations whenever nothing is promotable.
 */
public final class StragglerStudy {
    public static final String DEFAULT_TASK = "synthetic:256";
    public static final long ETA = 4;
    public static final int WORKERS = 25;

    /** One cell of the grid, for one method: mean configurations trained to R, and the time until the first got there. */
    public record Cell(String method, double sigma, double p, double configsAtR, TimeToTarget firstAtR) {
    }

    private final String task;
    private final long maxResource;
    private final int n;
    private final double horizon;
    private final Seeds seeds;

    /**
     * @param task    {@code synthetic:R}, whose jobs take one time unit per unit of resource (the thesis's setting is R = 256)
     * @param horizon simulated time units each run lasts
     * @param seeds   one run per seed, cell and method
     */
    public StragglerStudy(String task, double horizon, Seeds seeds) {
        if (!(Blackboxes.of(task) instanceof SyntheticBlackbox box)) {
            throw new IllegalArgumentException("the straggler study runs on synthetic:R (a job's time is its resource), not '"
                    + task + "'");
        }
        if (!(horizon > 0)) {
            throw new IllegalArgumentException("the horizon must be positive, got " + horizon);
        }
        this.task = task;
        this.maxResource = box.maxResource();
        this.n = (int) Math.min(Integer.MAX_VALUE, Math.pow(ETA, RungLevels.of(1, maxResource, ETA).length - 1));
        this.horizon = horizon;
        this.seeds = seeds;
    }

    /** The thesis's horizon rule of this study: 10 x time(R). */
    public static double defaultHorizon(String task) {
        return 10.0 * Blackboxes.of(task).maxResource();
    }

    public List<Cell> run(double[] sigmas, double[] ps, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Cell>> futures = new ArrayList<>();
            for (double sigma : sigmas) {
                for (double p : ps) {
                    for (String method : List.of(Schedulers.SHA.name(), Schedulers.ASHA.name())) {
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
        long[] each = seeds.toArray();
        double configs = 0;
        double[] first = new double[each.length];
        for (int i = 0; i < each.length; i++) {
            double[] outcome = once(method, sigma, p, each[i]);
            configs += outcome[0];
            first[i] = outcome[1];
        }
        return new Cell(method, sigma, p, configs / each.length, new TimeToTarget(first, horizon));
    }

    /** {configurations trained to R, simulated time of the first (NaN if none)} for one run. */
    double[] once(String method, double sigma, double p, long seed) {
        SyntheticBlackbox box = new SyntheticBlackbox(maxResource, 1.0);
        Metric metric = box.metric();
        RandomSearcher searcher = new RandomSearcher(box.space(), seed);
        Scheduler scheduler = dev.ladder.core.schedule.SchedulerSpec.of(method).maxResource(maxResource).eta(ETA).trials(n)
                .build(searcher, metric); // sha: one bracket of n; asha: no bracket size
        SimulatedExecutor sim = new SimulatedExecutor(box, WORKERS, seed, new FailureModel(sigma, p, seed));
        Set<Integer> atR = new HashSet<>();
        double[] first = {Double.NaN};
        Tuner.builder().scheduler(scheduler).executor(sim).maxFailures(Integer.MAX_VALUE)
                .maxWallTime(Duration.ofNanos((long) (horizon * 1e9)))
                .listener(new TunerListener() {
                    @Override
                    public void onResult(Trial trial, Result result, Decision decision, Best best) {
                        if (result.resource() >= maxResource && sim.now() <= horizon && atR.add(trial.id()) && Double.isNaN(first[0])) {
                            first[0] = sim.now();
                        }
                    }
                }).run();
        return new double[] {atR.size(), first[0]};
    }

    public String table(List<Cell> cells) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s: eta = %d, r = 1, R = %d, n = %d, %d workers; %d runs per cell and method "
                + "(seeds %s) of %.0f simulated time units each (time(R) = %d units). Configurations: mean over the runs; "
                + "time to the first at R: median over the runs, a run that never got there counted as a miss.%n%n",
                task, ETA, maxResource, n, WORKERS, seeds.count(), seeds, horizon, maxResource));
        sb.append("| sigma | p (drop per time unit) | configs trained to R: sync SHA | ASHA | time to first at R: sync SHA | ASHA |\n");
        sb.append("|---:|---:|---:|---:|---|---|\n");
        for (int i = 0; i + 1 < cells.size(); i += 2) {
            Cell sha = cells.get(i);
            Cell asha = cells.get(i + 1);
            sb.append(String.format(Locale.ROOT, "| %.2f | %.4f | %.2f | %.2f | %s | %s |%n", sha.sigma(), sha.p(),
                    sha.configsAtR(), asha.configsAtR(), sha.firstAtR().format(), asha.firstAtR().format()));
        }
        return sb.toString();
    }
}
