package dev.ladder.benchmarks.harness;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.share.ParallelTraining;
import dev.ladder.sim.SharedPool;
import dev.ladder.sim.SyntheticBlackbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several ASHA experiments of different sizes sharing one pool of workers, after L. Li, "Towards Efficient
 * Automated Machine Learning", PhD thesis, CMU, 2020 (CMU-ML-20-104), section 3.5.3: the fair share
 * (weighted water-filling over the demands kappa |S|) against FIFO (the first to arrive takes all it can use)
 * and a static equal split, in simulated time on {@code synthetic:R} (a job's time is its resource), one slot a job.
 * Each experiment is ASHA with promotion, r = 1, eta = 3, its own trial limit n, weight and arrival time.
 */
public final class FairShareStudy {
    public static final String DEFAULT_TASK = "synthetic:27";
    public static final long ETA = 3;

    /** One experiment of the study. */
    public record Experiment(String key, int trials, double weight, double arrival) {
    }

    /** The runs of one policy, one per seed (the first seed's is drawn and written as steps). */
    public record Result(SharedPool.Policy policy, List<SharedPool.Outcome> runs) {
    }

    private final String task;
    private final long maxResource;
    private final int workers;
    private final List<Experiment> experiments;
    private final Seeds seeds;

    public FairShareStudy(String task, int workers, List<Experiment> experiments, Seeds seeds) {
        if (!(Blackboxes.of(task) instanceof SyntheticBlackbox box)) {
            throw new IllegalArgumentException("the fair-share study runs on synthetic:R (a job's time is its resource), not '" + task + "'");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        if (experiments.isEmpty()) {
            throw new IllegalArgumentException("the fair-share study needs at least one experiment");
        }
        this.task = task;
        this.maxResource = box.maxResource();
        this.workers = workers;
        this.experiments = List.copyOf(experiments);
        this.seeds = seeds;
    }

    /** Every policy on every seed, {@code threads} runs at once. */
    public List<Result> run(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<List<Future<SharedPool.Outcome>>> futures = new ArrayList<>();
            for (SharedPool.Policy policy : SharedPool.Policy.values()) {
                List<Future<SharedPool.Outcome>> each = new ArrayList<>();
                for (long seed : seeds.toArray()) {
                    each.add(pool.submit(() -> new SharedPool(workers, policy, tenants(seed)).run()));
                }
                futures.add(each);
            }
            List<Result> out = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                List<SharedPool.Outcome> runs = new ArrayList<>();
                for (Future<SharedPool.Outcome> f : futures.get(i)) {
                    runs.add(f.get());
                }
                out.add(new Result(SharedPool.Policy.values()[i], runs));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The experiments of one run; experiment i draws its configurations and curves from seed * 1000 + i. */
    List<SharedPool.Tenant> tenants(long seed) {
        SyntheticBlackbox box = new SyntheticBlackbox(maxResource, 1.0);
        List<SharedPool.Tenant> tenants = new ArrayList<>();
        for (int i = 0; i < experiments.size(); i++) {
            Experiment e = experiments.get(i);
            long s = seed * 1000 + i;
            tenants.add(new SharedPool.Tenant(e.key(), e.weight(), e.arrival(),
                    new AshaScheduler(new RandomSearcher(box.space(), s), box.metric(), 1, maxResource, ETA), e.trials(), box, s,
                    ParallelTraining.NONE));
        }
        return tenants;
    }

    public String table(List<Result> results) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s, ASHA (r = 1, R = %d, eta = %d) per experiment, %d workers, one slot a job; "
                + "%d seeds (%s), means over the seeds. Utilisation: busy slot-seconds / (workers x time until the last "
                + "experiment finished). Time in system: finish - arrival.%n%n", task, maxResource, ETA, workers, seeds.count(), seeds));
        sb.append("| policy | utilisation | all finished at |");
        for (Experiment e : experiments) {
            sb.append(String.format(Locale.ROOT, " %s (n=%d, w=%s, arrives %s): time in system | mean slots |", e.key(), e.trials(),
                    trim(e.weight()), trim(e.arrival())));
        }
        sb.append("\n|---|---:|---:|");
        sb.append("---:|---:|".repeat(experiments.size())).append('\n');
        for (Result r : results) {
            double util = r.runs().stream().mapToDouble(SharedPool.Outcome::utilisation).average().orElse(Double.NaN);
            double end = r.runs().stream().mapToDouble(SharedPool.Outcome::end).average().orElse(Double.NaN);
            sb.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f |", name(r.policy()), 100 * util, end));
            for (int i = 0; i < experiments.size(); i++) {
                int k = i;
                double stay = r.runs().stream().mapToDouble(o -> o.finish()[k] - experiments.get(k).arrival()).average().orElse(Double.NaN);
                double slots = r.runs().stream().mapToDouble(o -> o.slotSeconds()[k] / (o.finish()[k] - experiments.get(k).arrival()))
                        .average().orElse(Double.NaN);
                sb.append(String.format(Locale.ROOT, " %.1f | %.1f |", stay, slots));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The busy slots of each experiment over time in the first seed's run of {@code r}, with the pool's total. */
    public void plot(Result r, Path file) {
        SharedPool.Outcome o = r.runs().get(0);
        LinePlot plot = new LinePlot(String.format(Locale.ROOT, "%s: busy slots of %d (seed %d, utilisation %.1f%%)", name(r.policy()),
                workers, seeds.first(), 100 * o.utilisation()), "simulated time", "busy slots");
        for (int i = 0; i < experiments.size(); i++) {
            int k = i;
            plot.add(steps(experiments.get(i).key() + " (n=" + experiments.get(i).trials() + ")", o, s -> s.busy()[k]));
        }
        plot.add(steps("all", o, s -> java.util.Arrays.stream(s.busy()).sum()));
        plot.write(file);
    }

    /** time, policy, experiment, busy and allocated slots at every change of the first seed's runs. */
    public void writeSteps(List<Result> results, Path file) throws IOException {
        StringBuilder sb = new StringBuilder("policy,time,experiment,busy,allocated\n");
        for (Result r : results) {
            for (SharedPool.Step s : r.runs().get(0).steps()) {
                for (int i = 0; i < experiments.size(); i++) {
                    sb.append(String.format(Locale.ROOT, "%s,%.4f,%s,%d,%d%n", name(r.policy()), s.time(), experiments.get(i).key(),
                            s.busy()[i], s.allocated()[i]));
                }
            }
        }
        Files.writeString(file, sb.toString());
    }

    /** A step function as a line: each value held until the next step, up to the run's end. */
    static LinePlot.Series steps(String label, SharedPool.Outcome o, java.util.function.ToIntFunction<SharedPool.Step> value) {
        List<SharedPool.Step> steps = o.steps();
        double[] x = new double[2 * steps.size()];
        double[] y = new double[2 * steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            double until = i + 1 < steps.size() ? steps.get(i + 1).time() : Math.max(o.end(), steps.get(i).time());
            x[2 * i] = steps.get(i).time();
            x[2 * i + 1] = until;
            y[2 * i] = value.applyAsInt(steps.get(i));
            y[2 * i + 1] = y[2 * i];
        }
        return new LinePlot.Series(label, x, y, null, null);
    }

    public static String name(SharedPool.Policy p) {
        return p.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
