package dev.ladder.benchmarks.harness;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.benchmarks.blackbox.LcBench;
import dev.ladder.core.schedule.RushScheduler;
import dev.ladder.core.schedule.RungScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.TaskStore;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.sim.Blackbox;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * RUSH (Zappella, Salinas, Archambeau, "A resource-efficient method for repeated HPO and NAS problems",
 * AutoML workshop at ICML 2021, arXiv:2103.16111) on sequences of LCBench tasks in simulated time: each repetition
 * shuffles the tasks with its seed and tunes them one after another with ASHA, with synchronous
 * Hyperband, and with RUSH over ASHA whose task store grows by each finished task's best configuration
 * (rush-in-rungs-r2: as rush-in-rungs with thresholds from the second rung on;
 * rush: the transferred arms run to the maximum outside ASHA's rungs; rush-in-rungs: they are ordinary
 * trials of ASHA's rungs, as in the algorithm box, see {@link RushScheduler#inRungs}).
 * Every task run starts {@code trials} trials and ends when no job is left.
 */
public final class RushStudy {
    public static final long ETA = 3;
    public static final List<String> METHODS = List.of(Schedulers.ASHA.name(), Schedulers.HYPERBAND.name(), Schedulers.RUSH.name(),
            "rush-in-rungs", "rush-in-rungs-r2");

    /** The first ten LCBench tasks of the task list, as benchmark ids: the study's original sequences. */
    public static List<String> defaultTasks() {
        return LcBench.tasks().subList(0, 10).stream().map(t -> "lcbench:" + t).toList();
    }

    /**
     * Per method: total simulated seconds, summed final values (at the maximum resource, {@link FinalMeasure}),
     * summed best values seen at any resource, trials by highest resource, task runs.
     */
    public record Totals(String method, double seconds, double finalSum, double bestSeenSum, TreeMap<Long, Double> byHighest,
                         int taskRuns) {
    }

    private final List<String> tasks;
    private final int repetitions;
    private final int trials;
    private final int workers;
    private final long firstRepetition;

    /**
     * One repetition per seed k: it shuffles the tasks (benchmark ids with several fidelities, such as
     * {@code lcbench:189906}) with seed k and seeds its task runs with k * 1000 + position, so other seeds give
     * different sequences and different trials (used to check a result on sequences it was not chosen on).
     */
    public RushStudy(List<String> tasks, Seeds seeds, int trials, int workers) {
        for (String t : tasks) {
            Harness.requireFidelity(Schedulers.RUSH.name(), Blackboxes.of(t));
        }
        this.tasks = List.copyOf(tasks);
        this.repetitions = seeds.count();
        this.trials = trials;
        this.workers = workers;
        this.firstRepetition = seeds.first();
    }

    public List<Totals> run(int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<List<TaskRun>>> futures = new ArrayList<>();
            for (long rep = firstRepetition; rep < firstRepetition + repetitions; rep++) {
                for (String method : METHODS) {
                    long r = rep;
                    futures.add(pool.submit(() -> sequence(method, r)));
                }
            }
            List<Totals> totals = new ArrayList<>();
            for (String method : METHODS) {
                totals.add(new Totals(method, 0, 0, 0, new TreeMap<>(), 0));
            }
            for (int i = 0; i < futures.size(); i++) {
                int m = i % METHODS.size();
                Totals t = totals.get(m);
                double seconds = t.seconds();
                double sum = t.finalSum();
                double seen = t.bestSeenSum();
                int runs = t.taskRuns();
                for (TaskRun run : futures.get(i).get()) {
                    seconds += run.seconds();
                    sum += run.finalValue();
                    seen += run.bestSeen();
                    runs++;
                    run.byHighest().forEach((k, v) -> t.byHighest().merge(k, (double) v / repetitions, Double::sum));
                }
                totals.set(m, new Totals(t.method(), seconds, sum, seen, t.byHighest(), runs));
            }
            return totals;
        } finally {
            pool.shutdownNow();
        }
    }

    /** One repetition of one method: the tasks in the repetition's order, one run each. */
    List<TaskRun> sequence(String method, long rep) {
        List<String> order = new ArrayList<>(tasks);
        Collections.shuffle(order, new Random(rep));
        TaskStore store = new TaskStore();
        List<TaskRun> runs = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            Blackbox box = Blackboxes.of(order.get(i));
            long seed = rep * 1000L + i;
            long min = box.minResource();
            long max = box.maxResource();
            RandomSearcher searcher = new RandomSearcher(box.space(), seed);
            // the registered schedulers from the registry; the algorithm box's variants are this study's own
            Scheduler s = switch (method) {
                case "rush-in-rungs" -> RushScheduler.inRungs(searcher, box.metric(), min, max, ETA,
                        RungScheduler.Type.PROMOTION, store.arms());
                case "rush-in-rungs-r2" -> RushScheduler.inRungs(searcher, box.metric(), min, max, ETA,
                        RungScheduler.Type.PROMOTION, store.arms(), 1); // thresholds from the second rung on
                default -> {
                    SchedulerSpec spec = SchedulerSpec.of(method).minResource(min).maxResource(max).eta(ETA);
                    yield (spec.entry().has(Schedulers.ARMS.name()) ? spec.arms(store.arms()) : spec).build(searcher, box.metric());
                }
            };
            runs.add(TaskRun.run(s, box, workers, seed, trials));
            if (s instanceof RushScheduler rush) {
                store.finishTask(box.name(), rush.bestConfigs(store.topK()));
            }
        }
        return runs;
    }

    public String table(List<Totals> totals) {
        Totals asha = totals.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d repetitions (seeds %d..%d) of %d tasks %s in shuffled order, %d trials "
                + "per task, %d workers, r from each task's minimum to its maximum resource, eta = %d. Final value: the selected "
                + "configuration's value at the maximum resource; best seen: the best value reported at any resource.%n%n",
                repetitions, firstRepetition, firstRepetition + repetitions - 1, tasks.size(), tasks, trials, workers, ETA));
        sb.append("| method | simulated hours (total) | time gained vs ASHA | vs Hyperband | final value (mean per task) "
                + "| difference to ASHA (points) | best seen (mean per task) | trials by highest resource reached (per sequence) |\n");
        sb.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
        Totals hb = totals.get(1);
        for (Totals t : totals) {
            StringBuilder lv = new StringBuilder();
            t.byHighest().forEach((k, v) -> {
                if (v >= 1) {
                    lv.append(lv.length() == 0 ? "" : "; ").append(String.format(Locale.ROOT, "%d: %.1f", k, v));
                }
            });
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %+.1f%% | %+.1f%% | %.2f | %+.2f | %.2f | %s |%n", t.method(),
                    t.seconds() / 3600, 100 * (1 - t.seconds() / asha.seconds()), 100 * (1 - t.seconds() / hb.seconds()),
                    t.finalSum() / t.taskRuns(), (t.finalSum() - asha.finalSum()) / t.taskRuns(), t.bestSeenSum() / t.taskRuns(), lv));
        }
        return sb.toString();
    }
}
