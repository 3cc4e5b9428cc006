package dev.ladder.benchmarks.harness;

import dev.ladder.core.Best;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.sim.Blackbox;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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
    /** Methods that train every configuration to the maximum resource, the only ones a single-fidelity benchmark allows. */
    public static final Set<String> SINGLE_FIDELITY_METHODS = Set.of("random", Schedulers.FIFO.name());

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
        requireFidelity(spec.method(), box);
        Metric metric = box.metric();
        Scheduler scheduler = scheduler(spec, box);
        SimulatedExecutor sim = new SimulatedExecutor(box, spec.workers(), spec.seed(), new FailureModel(failures.sigma(), failures.p(), spec.seed()));
        List<RunResult.Row> rows = new ArrayList<>();
        List<double[]> seen = new ArrayList<>();
        List<double[]> chosen = new ArrayList<>();
        Map<Integer, Double> atMax = new HashMap<>();
        int[] chosenTrial = {-1};
        TreeMap<Long, Integer> highest = new TreeMap<>();
        long started = System.nanoTime();
        TuningResult r = Tuner.builder().scheduler(scheduler).executor(sim).stop(spec.maxTrials() == null
                        ? dev.ladder.core.tune.StopCriteria.NONE : dev.ladder.core.tune.StopCriteria.NONE.withMaxTrials(spec.maxTrials()))
                .maxWallTime(Duration.ofNanos((long) (spec.budgetSeconds() * 1e9))).maxFailures(Integer.MAX_VALUE)
                .listener(new TunerListener() {
                    @Override
                    public void onResult(Trial trial, Result result, Decision decision, Best best) {
                        double t = sim.now();
                        if (t > spec.budgetSeconds()) {
                            return; // the report that crossed the budget does not count
                        }
                        double v = result.value(metric);
                        rows.add(new RunResult.Row(t, trial.id(), result.resource(), v));
                        if (seen.isEmpty() || metric.better(v, seen.get(seen.size() - 1)[1])) {
                            seen.add(new double[] {t, v});
                        }
                        if (best != null && best.trialId() != chosenTrial[0]) {
                            chosenTrial[0] = best.trialId();
                            double fair = atMax.computeIfAbsent(best.trialId(),
                                    id -> FinalMeasure.valueAtMax(box, best.config(), spec.seed()));
                            if (chosen.isEmpty() || chosen.get(chosen.size() - 1)[1] != fair) {
                                chosen.add(new double[] {t, fair});
                            }
                        }
                    }
                }).run();
        for (Trial t : r.trials()) {
            highest.merge(t.lastResource(), 1, Integer::sum);
        }
        return new RunResult(spec, rows, curve(chosen), curve(seen), r.totalResource(), highest,
                (System.nanoTime() - started) / 1e9);
    }

    private static StepCurve curve(List<double[]> steps) {
        return new StepCurve(steps.stream().mapToDouble(x -> x[0]).toArray(), steps.stream().mapToDouble(x -> x[1]).toArray());
    }

    /**
     * Refuses a multi-fidelity method on a benchmark with one fidelity (the tabular ones hold final values
     * only): all its rungs would collapse into one, so a comparison there would say nothing about the method.
     */
    public static void requireFidelity(String method, Blackbox box) {
        if (box.minResource() == box.maxResource() && !SINGLE_FIDELITY_METHODS.contains(Method.parse(method).schedulerName())) {
            throw new IllegalArgumentException("method '" + method + "' is multi-fidelity, but benchmark " + box.name()
                    + " has a single fidelity (resource " + box.minResource() + " only); use "
                    + String.join(" or ", new TreeSet<>(SINGLE_FIDELITY_METHODS)) + " there");
        }
    }

    /** The run's method ({@link Method}: random, a scheduler, or scheduler+searcher) over the benchmark. */
    static Scheduler scheduler(RunSpec spec, Blackbox box) {
        return Method.parse(spec.method()).build(box, spec.seed(), spec.maxTrials());
    }
}
