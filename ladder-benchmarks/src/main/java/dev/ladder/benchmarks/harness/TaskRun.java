package dev.ladder.benchmarks.harness;

import dev.ladder.core.Config;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.sim.Blackbox;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.SimulatedExecutor;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One tuning run to its end in simulated time (a fixed number of trials, every promotion played out):
 * how long it took, what it selected, and what the selection is worth when trained to the maximum.
 *
 * @param seconds      simulated time until the last job ended
 * @param selected     the best configuration at the highest resource any trial reached
 * @param finalValue   the selected configuration's metric at the blackbox's maximum resource
 * @param maxResource  the highest resource any trial reached
 * @param byHighest    trials by the highest resource they reached
 */
public record TaskRun(double seconds, Config selected, double finalValue, long maxResource, long totalResource,
                      SortedMap<Long, Integer> byHighest) {

    public static TaskRun run(Scheduler scheduler, Blackbox box, int workers, long seed, int trials) {
        SimulatedExecutor sim = new SimulatedExecutor(box, workers, seed, FailureModel.NONE);
        TuningResult r = Tuner.builder().scheduler(scheduler).executor(sim).maxTrials(trials)
                .maxFailures(Integer.MAX_VALUE).run();
        TuningResult.Best best = r.best().orElseThrow(() -> new IllegalStateException(
                scheduler + " on " + box.name() + " produced no result: " + r.stopReason()));
        TreeMap<Long, Integer> byHighest = new TreeMap<>();
        long max = 0;
        for (Trial t : r.trials()) {
            byHighest.merge(t.lastResource(), 1, Integer::sum);
            max = Math.max(max, t.lastResource());
        }
        double value = box.curve(best.config(), seed).metrics(box.maxResource()).get(box.metric().name());
        return new TaskRun(sim.now(), best.config(), value, max, r.totalResource(), byHighest);
    }
}
