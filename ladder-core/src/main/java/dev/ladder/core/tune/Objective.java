package dev.ladder.core.tune;

import dev.ladder.core.Config;

/**
 * A training function run in this JVM. It trains from {@link TrialContext#resumeFrom()} towards
 * {@link TrialContext#maxResource()}, calls {@link TrialContext#report} after each unit of resource
 * and returns when {@code report} says to stop (saving a checkpoint first if it wants to be resumed).
 * An exception makes the trial FAILED with its message.
 */
@FunctionalInterface
public interface Objective {
    /** Trains {@code config}, reporting through {@code ctx}; runs on a worker thread, one call per job of the trial. */
    void run(Config config, TrialContext ctx) throws Exception;
}
