package dev.ladder.benchmarks;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Suggestion;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One virtual worker driving one scheduler over {@link SyntheticWorkload}, with the call protocol of
 * {@code docs/synthetic-workload.md} ("Call protocol for the decision benchmark"): no threads, no
 * sleeps, no I/O. It asks {@code suggest(started, started < N)}; a start creates trial
 * {@code started} (ids in start order), a resume continues a paused trial from its last resource + 1;
 * every epoch up to the suggestion's resource is one report of f(id, r) and one {@code onResult};
 * the job ends at a Pause or Stop or at its target (status PAUSED, STOPPED or COMPLETED, as the
 * {@code Tuner} sets it) and then {@code onTrialEnd} is called. The run ends at the first empty
 * suggestion, which with a well-behaved scheduler comes once N trials have started. Stopping and
 * promotion schedulers go through the same loop.
 * Invariants: each resource of each trial is reported at most once, in increasing order; the
 * number of decisions equals the sum over trials of the highest resource reached. A scheduler that
 * breaks the protocol (starts a trial when told not to, resumes a trial that is not paused, asks for
 * no progress or for more than r = 81) fails the run with a message naming it.
 */
public final class DecisionDriver {
    private final Scheduler scheduler;
    private final int maxTrials;
    private final String metricName;
    /** The further objectives' names, for schedulers with several (each a function of the trial and r, see {@link #objective}). */
    private final String[] others;
    private final Trial[] trials;
    private final LatencyHistogram latency = new LatencyHistogram();
    private int started;
    private long decisions;
    private long suggestNanos;
    private long onResultNanos;
    private int bestTrial = -1;
    private double bestValue = Double.POSITIVE_INFINITY;
    private boolean ran;

    /**
     * The outcome of one run; timings from {@link System#nanoTime()}: the whole loop, and the sums
     * of the {@code suggest} and {@code onResult} calls within it.
     */
    public record Run(int trialsStarted, long decisions, long elapsedNanos, long suggestNanos, long onResultNanos,
                      LatencyHistogram latency, int trialsAtMax, int bestTrial, double bestValue,
                      SortedMap<Integer, Integer> highestResource) {
        /** Decisions per second of wall time over the whole loop. */
        public double decisionsPerSecond() {
            return elapsedNanos == 0 ? 0 : decisions * 1e9 / elapsedNanos;
        }
    }

    public DecisionDriver(Scheduler scheduler, int maxTrials) {
        if (maxTrials < 1) {
            throw new IllegalArgumentException("the number of trials must be at least 1, got " + maxTrials);
        }
        Metric metric = scheduler.metric();
        if (metric.mode() != Metric.Mode.MIN) {
            throw new IllegalArgumentException("the synthetic workload is minimised, but " + scheduler
                    + " maximises '" + metric.name() + "'");
        }
        this.scheduler = scheduler;
        this.maxTrials = maxTrials;
        this.metricName = metric.name();
        this.others = metric.others().stream().map(Metric::name).toArray(String[]::new);
        this.trials = new Trial[maxTrials];
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    /** The trials started so far, by id; owned by this driver, read them only. */
    public List<Trial> trials() {
        return Collections.unmodifiableList(Arrays.asList(trials).subList(0, started));
    }

    /** Runs the protocol to its end, once; the clock covers the whole loop and nothing else. */
    public Run run() {
        if (ran) {
            throw new IllegalStateException("a driver runs once; build a new one with a fresh scheduler");
        }
        ran = true;
        long t0 = System.nanoTime();
        loop();
        long elapsed = System.nanoTime() - t0;
        return summarise(elapsed);
    }

    private void loop() {
        while (true) {
            boolean mayStart = started < maxTrials;
            long before = System.nanoTime();
            Optional<Suggestion> next = scheduler.suggest(started, mayStart);
            suggestNanos += System.nanoTime() - before;
            if (next.isEmpty()) {
                return;
            }
            Suggestion s = next.get();
            Trial trial;
            if (s instanceof Suggestion.Start start) {
                if (!mayStart) {
                    throw new IllegalStateException(scheduler + " started a trial although " + maxTrials
                            + " trials have started and it was told not to");
                }
                trial = new Trial(started, start.config());
                trials[started++] = trial;
                trial.setStatus(TrialStatus.RUNNING, "");
            } else {
                Suggestion.Resume resume = (Suggestion.Resume) s;
                int id = resume.trialId();
                if (id < 0 || id >= started || trials[id].status() != TrialStatus.PAUSED) {
                    throw new IllegalStateException(scheduler + " asked to resume trial " + id + " which is "
                            + (id < 0 || id >= started ? "unknown" : trials[id].status()));
                }
                trial = trials[id];
                trial.setStatus(TrialStatus.RUNNING, resume.reason());
            }
            runJob(trial, s.resource());
        }
    }

    /** Reports epochs lastResource+1 .. target, one decision each, and ends the job. */
    private void runJob(Trial trial, long target) {
        long from = trial.lastResource() + 1;
        if (target < from || target > SyntheticWorkload.MAX_RESOURCE) {
            throw new IllegalStateException(scheduler + " asked to run trial " + trial.id() + " from r=" + from
                    + " up to r=" + target + ", outside " + from + ".." + SyntheticWorkload.MAX_RESOURCE);
        }
        int id = trial.id();
        SyntheticWorkload.Curve curve = SyntheticWorkload.curve(id);
        TrialStatus status = TrialStatus.COMPLETED;
        String reason = "reached resource " + target;
        for (int r = (int) from; r <= target; r++) {
            double value = curve.f(r);
            trial.setLastResource(r);
            if (r == SyntheticWorkload.MAX_RESOURCE && value < bestValue) {
                bestValue = value;
                bestTrial = id;
            }
            Result result = new Result(id, r, others.length == 0 ? Map.of(metricName, value) : metrics(id, r, value));
            long before = System.nanoTime();
            Decision d = scheduler.onResult(trial, result);
            long took = System.nanoTime() - before;
            latency.record(took);
            onResultNanos += took;
            decisions++;
            if (d instanceof Decision.Pause p) {
                status = TrialStatus.PAUSED;
                reason = p.reason();
                break;
            }
            if (d instanceof Decision.Stop st) {
                status = TrialStatus.STOPPED;
                reason = st.reason();
                break;
            }
        }
        trial.setStatus(status, reason);
        scheduler.onTrialEnd(trial);
    }

    private Map<String, Double> metrics(int id, int r, double value) {
        Map<String, Double> m = new java.util.HashMap<>(4);
        m.put(metricName, value);
        for (int j = 0; j < others.length; j++) {
            m.put(others[j], objective(id, r, j + 1));
        }
        return m;
    }

    /**
     * Objective {@code j} >= 1 of trial {@code id} at {@code r}, for schedulers with several objectives: a cost
     * drawn per trial (the workload's hash u), falling slowly with r; independent of the loss, so fronts are wide.
     */
    public static double objective(int id, int r, int j) {
        return SyntheticWorkload.u((long) id * 1_000_003L + j) * (1 + 1.0 / r);
    }

    private Run summarise(long elapsedNanos) {
        SortedMap<Integer, Integer> highest = new TreeMap<>();
        int atMax = 0;
        for (int i = 0; i < started; i++) {
            int r = (int) trials[i].lastResource();
            highest.merge(r, 1, Integer::sum);
            if (r == SyntheticWorkload.MAX_RESOURCE) {
                atMax++;
            }
        }
        return new Run(started, decisions, elapsedNanos, suggestNanos, onResultNanos, latency, atMax, bestTrial, bestValue,
                Collections.unmodifiableSortedMap(highest));
    }
}
