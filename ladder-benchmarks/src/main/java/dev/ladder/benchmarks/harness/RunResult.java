package dev.ladder.benchmarks.harness;

import java.util.List;
import java.util.SortedMap;

/**
 * What one run produced: every result (simulated time, trial, resource, value), the best value so far
 * as a step function of simulated time, and the counts the summary needs.
 */
public record RunResult(RunSpec spec, List<Row> rows, double[] improvementTimes, double[] improvementValues,
                        double finalBest, long totalResource, SortedMap<Long, Integer> trialsByHighestResource,
                        double wallSeconds) {

    /** One report: when (simulated seconds), which trial, at which resource, the metric's value. */
    public record Row(double time, int trial, long resource, double value) {
    }

    /** The best value reached by simulated time t, NaN before the first result. */
    public double bestAt(double t) {
        double best = Double.NaN;
        for (int i = 0; i < improvementTimes.length && improvementTimes[i] <= t; i++) {
            best = improvementValues[i];
        }
        return best;
    }

    /** The first simulated time at which the best reached {@code target} (in the metric's direction), or NaN. */
    public double timeToReach(double target, boolean maximize) {
        for (int i = 0; i < improvementTimes.length; i++) {
            if (maximize ? improvementValues[i] >= target : improvementValues[i] <= target) {
                return improvementTimes[i];
            }
        }
        return Double.NaN;
    }
}
