package dev.ladder.core;

/**
 * The best result of an experiment: among results at the highest resource any trial reached, the best
 * metric value among feasible results (values measured at different resources are not compared).
 */
public record Best(int trialId, Config config, long resource, double value) {
    /** {@code best} after {@code result} of {@code trial}: a higher resource wins, then the better value; infeasible results never count. */
    public static Best update(Best best, Trial trial, Result result, Metric metric) {
        if (!metric.feasible(result.metrics())) {
            return best;
        }
        double value = result.value(metric);
        if (best == null || result.resource() > best.resource()
                || (result.resource() == best.resource() && metric.better(value, best.value()))) {
            return new Best(trial.id(), trial.config(), result.resource(), value);
        }
        return best;
    }
}
