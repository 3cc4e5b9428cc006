package dev.ladder.sim;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.space.SearchSpace;

/**
 * A benchmark that answers instead of training: for a configuration it gives the metrics and the
 * training time at every resource level (its learning curve), so that the simulator can run
 * experiments in simulated time. A single-fidelity benchmark has {@code minResource() == maxResource()}.
 */
public interface Blackbox {

    /** A short name, for example {@code lcbench:189906}. */
    String name();

    /** The configurations it can evaluate. */
    SearchSpace space();

    /** The metric a tuner optimises by default (for example maximised validation accuracy). */
    Metric metric();

    /** The smallest resource it has a value at (its first epoch), at least 1. */
    long minResource();

    /** The largest resource it has a value at (its last epoch). */
    long maxResource();

    /**
     * The learning curve of {@code config}; {@code seed} selects the noise of a noisy benchmark (a
     * deterministic one ignores it). Implementations may compute the whole curve at once and cache it.
     */
    LearningCurve curve(Config config, long seed);

    /**
     * A hint that {@code configs} are about to be evaluated, so that a blackbox whose evaluation has a
     * high fixed cost per call (a neural surrogate) can compute their first fidelities in one batch.
     * It must not change what a later {@link #curve} returns beyond float rounding (a neural surrogate's
     * kernels may round differently for another batch size); the same calls always give the same values.
     */
    default void prefetch(java.util.List<Config> configs) {
    }

    /** Metrics and cumulative training time of one configuration at each resource level. */
    interface LearningCurve {
        /** The metrics after training up to {@code resource} (minResource..maxResource). */
        java.util.Map<String, Double> metrics(long resource);

        /** Seconds of training from scratch up to {@code resource}; non-decreasing in resource. */
        double seconds(long resource);
    }
}
