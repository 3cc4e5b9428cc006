package dev.ladder.benchmarks.harness;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.Searcher;
import dev.ladder.sim.PrefetchingSearcher;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.sim.Blackbox;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs methods on blackboxes in simulated time, each run through the real Tuner and schedulers with a
 * {@link SimulatedExecutor}, several runs at once on the machine's cores.
 */
public final class Harness {
    /** Trials the adaptive scheduler plans for when the run sets none. */
    public static final int ADAPTIVE_DEFAULT_TRIALS = 1000;

    private final Function<String, Blackbox> blackboxes;
    private final FailureModel failures;

    public Harness(Function<String, Blackbox> blackboxes, FailureModel failures) {
        this.blackboxes = blackboxes;
        this.failures = failures;
    }

    /** Runs every spec, {@code threads} at a time, and returns the results in the order of the specs. */
    public List<RunResult> runAll(List<RunSpec> specs, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (RunSpec s : specs) {
                futures.add(pool.submit(() -> run(s)));
            }
            List<RunResult> out = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public RunResult run(RunSpec spec) {
        Blackbox box = blackboxes.apply(spec.benchmark());
        Metric metric = box.metric();
        Scheduler scheduler = scheduler(spec, box);
        SimulatedExecutor sim = new SimulatedExecutor(box, spec.workers(), spec.seed(), new FailureModel(failures.sigma(), failures.p(), spec.seed()));
        List<RunResult.Row> rows = new ArrayList<>();
        List<double[]> improvements = new ArrayList<>();
        TreeMap<Long, Integer> highest = new TreeMap<>();
        long started = System.nanoTime();
        TuningResult r = Tuner.builder().scheduler(scheduler).executor(sim).stop(spec.maxTrials() == null
                        ? dev.ladder.core.tune.StopCriteria.NONE : dev.ladder.core.tune.StopCriteria.NONE.withMaxTrials(spec.maxTrials()))
                .maxWallTime(Duration.ofNanos((long) (spec.budgetSeconds() * 1e9))).maxFailures(Integer.MAX_VALUE)
                .listener(new TunerListener() {
                    @Override
                    public void onResult(Trial trial, Result result, Decision decision, TuningResult.Best best) {
                        double t = sim.now();
                        if (t > spec.budgetSeconds()) {
                            return; // the report that crossed the budget does not count
                        }
                        double v = result.value(metric);
                        rows.add(new RunResult.Row(t, trial.id(), result.resource(), v));
                        if (improvements.isEmpty() || metric.better(v, improvements.get(improvements.size() - 1)[1])) {
                            improvements.add(new double[] {t, v});
                        }
                    }
                }).run();
        for (Trial t : r.trials()) {
            highest.merge(t.lastResource(), 1, Integer::sum);
        }
        double[] times = improvements.stream().mapToDouble(x -> x[0]).toArray();
        double[] values = improvements.stream().mapToDouble(x -> x[1]).toArray();
        return new RunResult(spec, rows, times, values, values.length == 0 ? Double.NaN : values[values.length - 1],
                r.totalResource(), highest, (System.nanoTime() - started) / 1e9);
    }

    /** {@code random} is random search run to the maximum resource; every other name is a scheduler. */
    static Scheduler scheduler(RunSpec spec, Blackbox box) {
        // random proposals do not depend on results, so drawing ahead in blocks of 64 changes nothing
        Searcher searcher = new PrefetchingSearcher(new RandomSearcher(box.space(), spec.seed()), box, 64);
        if (spec.method().equals("random")) {
            return new FifoScheduler(searcher, box.metric(), box.maxResource());
        }
        SchedulerSpec s = SchedulerSpec.of(spec.method()).overRange(box.minResource(), box.maxResource()).seed(spec.seed());
        Integer trials = spec.maxTrials() != null ? spec.maxTrials()
                : s.entry().needsTrials() ? Integer.valueOf(ADAPTIVE_DEFAULT_TRIALS) : null;
        return s.trials(trials).build(searcher, box.metric());
    }
}
