package dev.ladder.core.tune;

import dev.ladder.core.Metric;
import dev.ladder.core.journal.JournalEvent;

/**
 * Whether and why the experiment stops: the stop criteria, the failure limit and a pause asked from any
 * thread. Once a reason is set it stays; a pause also makes running jobs suspend rather than stop.
 */
final class Stopping {
    private final StopCriteria stop;
    private final int maxFailures;
    private final Clock clock;
    private long startNanos;
    private volatile boolean pauseRequested;
    private String reason;
    private boolean suspending;

    Stopping(StopCriteria stop, int maxFailures, Clock clock) {
        this.stop = stop;
        this.maxFailures = maxFailures;
        this.clock = clock;
    }

    /** Starts the clock of the session: elapsed times and the wall-time limit count from here. */
    void start() {
        startNanos = clock.nanoTime();
    }

    /** Asks for a pause; safe from any thread (a signal handler). */
    void requestPause() {
        pauseRequested = true;
    }

    /** The reason the experiment stops, null while it goes on. */
    String reason() {
        return reason;
    }

    boolean stopped() {
        return reason != null;
    }

    /** True once a pause was asked for: running jobs are suspended rather than stopped. */
    boolean suspending() {
        return suspending;
    }

    /** Stops for {@code why} unless stopped already. */
    void stop(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    /** Takes a pause asked for, and stops once the wall-time limit has passed. */
    void check() {
        if (pauseRequested && reason == null) {
            reason = "paused";
            suspending = true;
        }
        if (reason == null && stop.maxWallTime() != null && elapsedNanos() >= stop.maxWallTime().toNanos()) {
            reason = "max wall time " + stop.maxWallTime() + " reached";
        }
    }

    /** After a result of {@code value}, with {@code totalResource} used in all: the target value and the resource budget. */
    void afterResult(double value, long totalResource, Metric metric) {
        if (reason != null) {
            return;
        }
        if (stop.targetValue() != null && !Double.isNaN(value) && !metric.better(stop.targetValue(), value)) {
            reason = "target " + metric.name() + " " + stop.targetValue() + " reached: " + value;
        } else if (stop.maxTotalResource() != null && totalResource >= stop.maxTotalResource()) {
            reason = "max total resource " + stop.maxTotalResource() + " used";
        }
    }

    /** After a trial failed, the {@code failures}-th: the failure limit. */
    void afterFailure(int failures, int trial, String why) {
        if (failures >= maxFailures) {
            stop(failures + " trials failed (max failures " + maxFailures + "); last: trial " + trial + ": " + why);
        }
    }

    /** Whether a new trial may start when {@code started} have. */
    boolean mayStart(int started) {
        return stop.maxTrials() == null || started < stop.maxTrials();
    }

    /** How long to wait for the next event before the wall-time limit passes ({@link Long#MAX_VALUE}: no limit). */
    long waitNanos() {
        return stop.maxWallTime() == null || reason != null ? Long.MAX_VALUE : stop.maxWallTime().toNanos() - elapsedNanos();
    }

    long elapsedNanos() {
        return clock.nanoTime() - startNanos;
    }

    /** The limits as the journal's {@code experiment} event records them. */
    JournalEvent.Limits limits() {
        return new JournalEvent.Limits(stop.maxTrials(), stop.maxWallTime() == null ? null : stop.maxWallTime().toMillis() / 1000.0,
                stop.maxTotalResource(), stop.targetValue(), maxFailures);
    }
}
