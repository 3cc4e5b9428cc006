package dev.ladder.core;

import java.util.Map;

/** One report of a trial: the metrics measured after training it up to {@code resource}. */
public record Result(int trialId, long resource, Map<String, Double> metrics) {
    /** Copies the metrics: a result never changes once made. */
    public Result {
        metrics = Map.copyOf(metrics);
    }

    /** The value of {@code metric}; fails naming the trial when it was not reported. */
    public double value(Metric metric) {
        Double v = metrics.get(metric.name());
        if (v == null) {
            throw new IllegalArgumentException("trial " + trialId + " reported no '" + metric.name()
                    + "' at resource " + resource + " (it reported " + metrics.keySet() + ")");
        }
        return v;
    }
}
