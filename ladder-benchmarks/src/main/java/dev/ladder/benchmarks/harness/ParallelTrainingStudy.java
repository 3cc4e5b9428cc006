package dev.ladder.benchmarks.harness;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.share.ParallelTraining;
import dev.ladder.core.share.Speedup;
import dev.ladder.sim.SharedPool;
import dev.ladder.sim.SyntheticBlackbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Parallel training within a trial, after L. Li, "Towards Efficient Automated Machine Learning", PhD thesis,
 * CMU, 2020 (CMU-ML-20-104), sections 3.5.2 and 3.5.3: one ASHA run on a pool of workers, every job on one
 * slot against {@link ParallelTraining} (kappa from an Amdahl speedup curve and a target efficiency; a job
 * gets min(kappa, free / |S|) slots and trains speedup(k) times faster), in simulated time on
 * {@code synthetic:R}: time until the run ends and how well it used the pool.
 */
public final class ParallelTrainingStudy {
    public static final String DEFAULT_TASK = "synthetic:81";
    public static final long ETA = 3;

    /** The runs of one setting, one per seed. */
    public record Result(String label, ParallelTraining parallel, List<SharedPool.Outcome> runs) {
    }

    private final String task;
    private final long maxResource;
    private final int workers;
    private final int trials;
    private final ParallelTraining policy;
    private final Seeds seeds;

    public ParallelTrainingStudy(String task, int workers, int trials, ParallelTraining policy, Seeds seeds) {
        if (!(Blackboxes.of(task) instanceof SyntheticBlackbox box)) {
            throw new IllegalArgumentException("the parallel-training study runs on synthetic:R (a job's time is its resource), not '"
                    + task + "'");
        }
        if (workers < 1 || trials < 1) {
            throw new IllegalArgumentException("--workers and --trials must be at least 1, got " + workers + " and " + trials);
        }
        this.task = task;
        this.maxResource = box.maxResource();
        this.workers = workers;
        this.trials = trials;
        this.policy = policy;
        this.seeds = seeds;
    }

    /** One slot a job, then the policy, on every seed, {@code threads} runs at once. */
    public List<Result> run(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Result> out = new ArrayList<>();
            out.add(runs("k = 1", ParallelTraining.NONE, pool));
            out.add(runs(String.format(Locale.ROOT, "policy (kappa = %d)", policy.kappa()), policy, pool));
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private Result runs(String label, ParallelTraining p, ExecutorService pool) throws Exception {
        List<Future<SharedPool.Outcome>> futures = new ArrayList<>();
        for (long seed : seeds.toArray()) {
            futures.add(pool.submit(() -> {
                SyntheticBlackbox box = new SyntheticBlackbox(maxResource, 1.0);
                SharedPool.Tenant t = new SharedPool.Tenant("asha", 1, 0,
                        new AshaScheduler(new RandomSearcher(box.space(), seed), box.metric(), 1, maxResource, ETA), trials, box, seed, p);
                return new SharedPool(workers, SharedPool.Policy.FAIR_SHARE, List.of(t)).run();
            }));
        }
        List<SharedPool.Outcome> runs = new ArrayList<>();
        for (Future<SharedPool.Outcome> f : futures) {
            runs.add(f.get());
        }
        return new Result(label, p, runs);
    }

    public String table(List<Result> results, String speedup) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, ASHA (r = 1, R = %d, eta = %d, n = %d), %d workers; speedup %s, target efficiency "
                + "%.0f%%, at most %d slots a job; %d seeds (%s), means over the seeds. Busy: slot-seconds held / (workers x "
                + "time to finish); useful: training done (one-slot seconds) / the same.%n%n", task, maxResource, ETA, trials, workers,
                speedup, 100 * policy.efficiency(), policy.maxSlots(), seeds.count(), seeds));
        sb.append("| slots per job | time to finish | busy | useful | best final loss |\n|---|---:|---:|---:|---:|\n");
        for (Result r : results) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f%% | %.1f%% | %.4f |%n", r.label(),
                    r.runs().stream().mapToDouble(SharedPool.Outcome::end).average().orElse(Double.NaN),
                    100 * r.runs().stream().mapToDouble(SharedPool.Outcome::utilisation).average().orElse(Double.NaN),
                    100 * r.runs().stream().mapToDouble(SharedPool.Outcome::efficiency).average().orElse(Double.NaN),
                    r.runs().stream().mapToDouble(o -> o.bestAtMax()[0]).average().orElse(Double.NaN)));
        }
        return sb.toString();
    }

    /** Busy slots over time in the first seed's run of each setting. */
    public void plot(List<Result> results, Path file) {
        LinePlot plot = new LinePlot(String.format(Locale.ROOT, "ASHA on %d workers, n = %d (seed %d): busy slots", workers, trials,
                seeds.first()), "simulated time", "busy slots");
        for (Result r : results) {
            plot.add(FairShareStudy.steps(r.label(), r.runs().get(0), s -> s.busy()[0]));
        }
        plot.write(file);
    }

    /** The default speedup: Amdahl with this serial fraction. */
    public static ParallelTraining amdahl(double serial, int maxSlots, double efficiency) {
        return new ParallelTraining(Speedup.amdahl(serial), maxSlots, efficiency);
    }
}
