package dev.ladder.benchmarks.harness;

import dev.ladder.core.Best;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.sim.Blackbox;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One tuning run to its end in simulated time (a fixed number of trials, every promotion played out):
 * how long it took, what it selected, and what the selection is worth when trained to the maximum.
 *
 * @param seconds      simulated time until the last job ended
 * @param selected     the best configuration at the highest resource any trial reached
 * @param finalValue   the selected configuration's metric at the blackbox's maximum resource ({@link FinalMeasure})
 * @param bestSeen     the best value reported at any resource (a second column only)
 * @param maxResource  the highest resource any trial reached
 * @param byHighest    trials by the highest resource they reached
 */
public record TaskRun(double seconds, Config selected, double finalValue, double bestSeen, long maxResource, long totalResource,
                      SortedMap<Long, Integer> byHighest) {

    public static TaskRun run(Scheduler scheduler, Blackbox box, int workers, long seed, int trials) {
        SimulatedExecutor sim = new SimulatedExecutor(box, workers, seed, FailureModel.NONE);
        double[] seen = {Double.NaN};
        TuningResult r = Tuner.builder().scheduler(scheduler).executor(sim).maxTrials(trials)
                .maxFailures(Integer.MAX_VALUE).listener(new TunerListener() {
                    @Override
                    public void onResult(Trial trial, Result result, Decision decision, Best best) {
                        double v = result.value(box.metric());
                        if (Double.isNaN(seen[0]) || box.metric().better(v, seen[0])) {
                            seen[0] = v;
                        }
                    }
                }).run();
        Best best = r.best().orElseThrow(() -> new IllegalStateException(
                scheduler + " on " + box.name() + " produced no result: " + r.stopReason()));
        TreeMap<Long, Integer> byHighest = new TreeMap<>();
        long max = 0;
        for (Trial t : r.trials()) {
            byHighest.merge(t.lastResource(), 1, Integer::sum);
            max = Math.max(max, t.lastResource());
        }
        double value = FinalMeasure.valueAtMax(box, best.config(), seed);
        return new TaskRun(sim.now(), best.config(), value, seen[0], max, r.totalResource(), byHighest);
    }

    /**
     * One run measured as the PASHA authors measure theirs (their Syne Tune experiment script for
     * the PASHA paper's Table 1, arXiv:2207.06940: {@code StoppingCriterion(max_num_trials_started=256)}, runtime the
     * largest {@code st_tuner_time} of the results, the selected configuration the one with the best value in
     * any result): the run ends at the moment the scheduler would start configuration {@code trials + 1}, that
     * is when a worker is free, all {@code trials} have started and no paused trial can be promoted. Its
     * {@code seconds} are the simulated time of that moment, and what it selected, its maximum resource and its
     * trials by highest resource are those of the results up to it; the jobs still running then are stopped and
     * count for nothing. The selected configuration is scored as in {@link #run}, at the blackbox's maximum.
     */
    public static TaskRun untilTrialBudget(Scheduler scheduler, Blackbox box, int workers, long seed, int trials) {
        SimulatedExecutor sim = new SimulatedExecutor(box, workers, seed, FailureModel.NONE);
        BudgetCut cut = new BudgetCut(scheduler, trials, sim);
        Tuner.builder().scheduler(cut).executor(sim).maxFailures(Integer.MAX_VALUE).run();
        if (cut.best == null) {
            throw new IllegalStateException(scheduler + " on " + box.name() + " produced no result before its budget");
        }
        double seconds = cut.seconds >= 0 ? cut.seconds : sim.now();
        TreeMap<Long, Integer> byHighest = new TreeMap<>();
        cut.highest.values().forEach(r -> byHighest.merge(r, 1, Integer::sum));
        long max = byHighest.isEmpty() ? 0 : byHighest.lastKey();
        long total = cut.highest.values().stream().mapToLong(Long::longValue).sum();
        double value = FinalMeasure.valueAtMax(box, cut.best, seed);
        return new TaskRun(seconds, cut.best, value, cut.bestValue, max, total, byHighest);
    }

    /** Passes everything to the scheduler until it would start one trial too many; from then on it stops every job. */
    private static final class BudgetCut implements Scheduler {
        final Scheduler scheduler;
        final int trials;
        final SimulatedExecutor sim;
        double seconds = -1;
        Config best;
        double bestValue;
        final Map<Integer, Long> highest = new HashMap<>();

        BudgetCut(Scheduler scheduler, int trials, SimulatedExecutor sim) {
            this.scheduler = scheduler;
            this.trials = trials;
            this.sim = sim;
        }

        @Override
        public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
            if (seconds >= 0) {
                return Optional.empty();
            }
            Optional<Suggestion> s = scheduler.suggest(nextTrialId, mayStartNew);
            if (s.isPresent() && s.get() instanceof Suggestion.Start && nextTrialId >= trials) {
                seconds = sim.now();
                return Optional.empty();
            }
            return s;
        }

        @Override
        public Decision onResult(Trial trial, Result result) {
            if (seconds >= 0) {
                return Decision.stop("the trial budget was used up at " + seconds + " s");
            }
            double v = result.value(metric());
            if (best == null || metric().better(v, bestValue)) {
                best = trial.config();
                bestValue = v;
            }
            highest.merge(trial.id(), result.resource(), Math::max);
            return scheduler.onResult(trial, result);
        }

        @Override
        public void onTrialEnd(Trial trial) {
            scheduler.onTrialEnd(trial);
        }

        @Override
        public Metric metric() {
            return scheduler.metric();
        }
    }
}
