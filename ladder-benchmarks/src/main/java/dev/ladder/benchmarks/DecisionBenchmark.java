package dev.ladder.benchmarks;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.AdaptiveScheduler;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.space.SearchSpace;
import java.lang.ref.Reference;
import java.util.Objects;
import java.util.function.Function;

/**
 * The scheduler decision benchmark of {@code docs/synthetic-workload.md}: how fast one scheduler
 * decides on the {@code peers-mf-curves-v1} workload under the one-worker call protocol of
 * {@link DecisionDriver}. The scheduler gets a {@link RandomSearcher} over x0, x1 in [0,1] with the
 * given seed (its sampling cost is timed; the curve of trial i is curve i, not the sampled config),
 * the metric {@code loss} (minimised), r_min = 1, R = 81, eta = 3.
 * <p>
 * {@link #measure} first runs a warm-up: a complete run of a fresh scheduler on
 * {@code warmupTrials} trials (same seed), timed and reported separately, so that the JIT has
 * compiled the hot paths. Then it requests a full GC, resets the heap pools' peaks (see
 * {@link HeapProbe}), and times the run on N trials with a fresh scheduler.
 */
public final class DecisionBenchmark {
    public static final Metric METRIC = Metric.minimize("loss");
    public static final int DEFAULT_WARMUP_TRIALS = 10_000;

    private final String name;
    private final Function<Searcher, Scheduler> factory;

    /** A benchmark of the schedulers {@code factory} builds around a searcher; {@code name} labels the output. */
    public DecisionBenchmark(String name, Function<Searcher, Scheduler> factory) {
        this.name = Objects.requireNonNull(name, "name");
        this.factory = Objects.requireNonNull(factory, "factory");
    }

    /**
     * The scheduler called {@code scheduler} in the registry ({@link Schedulers}), with the workload's
     * metric and resources (every other parameter at the registry's default) and
     * {@code trials} as the number of trials for the schedulers that plan with it (adaptive);
     * any name {@code Schedulers} knows works. Fails at once on an unknown name.
     */
    public static DecisionBenchmark of(String scheduler, int trials) {
        return of(scheduler, trials, 1);
    }

    /**
     * As {@link #of(String, int)} with {@code objectives} objectives: the loss, then {@code objective2}, ...
     * (minimised; {@link DecisionDriver#objective}) for the schedulers that rank by several (mo-asha).
     */
    public static DecisionBenchmark of(String scheduler, int trials, int objectives) {
        if (objectives < 1) {
            throw new IllegalArgumentException("--objectives must be at least 1, got " + objectives);
        }
        Metric metric = METRIC;
        for (int j = 2; j <= objectives; j++) {
            metric = metric.withObjectives(Metric.minimize("objective" + j));
        }
        Metric chosen = metric;
        SchedulerSpec spec = SchedulerSpec.of(scheduler).overRange(SyntheticWorkload.MIN_RESOURCE, (long) SyntheticWorkload.MAX_RESOURCE)
                .trials(trials);
        Function<Searcher, Scheduler> factory = searcher -> spec.build(searcher, chosen);
        factory.apply(new RandomSearcher(space(), 0)); // fails here, naming the known schedulers
        return new DecisionBenchmark(objectives == 1 ? scheduler : scheduler + " (" + objectives + " objectives)", factory);
    }

    /** The searcher's space: x0 and x1, real in [0,1]. */
    public static SearchSpace space() {
        return SearchSpace.builder().real("x0", 0, 1).real("x1", 0, 1).build();
    }

    public String name() {
        return name;
    }

    /** A driver over {@code trials} trials with a fresh scheduler whose searcher has {@code seed}. */
    public DecisionDriver driver(int trials, long seed) {
        return new DecisionDriver(factory.apply(new RandomSearcher(space(), seed)), trials);
    }

    /** Warm-up on {@code warmupTrials} trials (0 for none), then the measured run on {@code trials}. */
    public DecisionMeasurement measure(int trials, long seed, int warmupTrials) {
        if (warmupTrials < 0) {
            throw new IllegalArgumentException("warm-up trials must be at least 0, got " + warmupTrials);
        }
        DecisionMeasurement.Warmup warmup = new DecisionMeasurement.Warmup(0, 0, 0);
        if (warmupTrials > 0) {
            DecisionDriver.Run w = driver(warmupTrials, seed).run();
            warmup = new DecisionMeasurement.Warmup(w.trialsStarted(), w.decisions(), w.elapsedNanos());
        }
        DecisionDriver driver = driver(trials, seed);
        String description = driver.scheduler().toString();
        HeapProbe heap = HeapProbe.start();
        DecisionDriver.Run run = driver.run();
        long peak = heap.peakBytes();
        long live = heap.liveBytes();
        Reference.reachabilityFence(driver); // the scheduler and its trials count in the live heap
        return new DecisionMeasurement(name, description, trials, seed, warmup, run,
                new DecisionMeasurement.Heap(heap.baselineBytes(), peak, live, HeapProbe.maxBytes()));
    }
}
