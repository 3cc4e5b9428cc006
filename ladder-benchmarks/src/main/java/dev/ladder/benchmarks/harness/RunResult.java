package dev.ladder.benchmarks.harness;

import java.util.List;
import java.util.SortedMap;

/**
 * What one run produced: every result (simulated time, trial, resource, value) and two curves over
 * simulated time. {@code chosen} is the fair measure ({@link FinalMeasure}): the value at the maximum
 * resource of the configuration the run would return at that moment (the best at the highest
 * resource reached, as {@code TuningResult.best}); {@code bestSeen} is the best value reported at any
 * resource, kept as a second column.
 */
public record RunResult(RunSpec spec, List<Row> rows, StepCurve chosen, StepCurve bestSeen, long totalResource,
                        SortedMap<Long, Integer> trialsByHighestResource, double wallSeconds) {

    /** One report: when (simulated seconds), which trial, at which resource, the metric's value. */
    public record Row(double time, int trial, long resource, double value) {
    }

    /** The chosen configuration's value at the maximum resource at the end of the budget (NaN if no result). */
    public double finalValue() {
        return chosen.last();
    }

    /** The best value reported at any resource within the budget (NaN if no result). */
    public double finalBestSeen() {
        return bestSeen.last();
    }
}
