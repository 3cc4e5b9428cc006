package dev.ladder.sim;

import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.TrialEvent;
import java.util.function.Consumer;

/**
 * One job in simulation: it reports at resources up to {@code last} and its report at r happens at
 * {@code start + (seconds(r) - seconds(resumeFrom)) * slowdown}, unless it is dropped first at {@code dropAt}.
 */
final class SimJob {
    final Job job;
    final Blackbox.LearningCurve curve;
    final Consumer<TrialEvent> events;
    final double start;
    final double slowdown;
    final double dropAt;
    final long last;
    private final double base;
    /** The resource of the last report delivered, 0 before the first. */
    long reported;
    /** True from the delivery of a report until the tuner answers it. */
    boolean awaitingAnswer;

    SimJob(Job job, Blackbox.LearningCurve curve, Consumer<TrialEvent> events, double start, FailureModel.Fate fate,
           long last, double base) {
        this.job = job;
        this.curve = curve;
        this.events = events;
        this.start = start;
        this.slowdown = fate.slowdown();
        this.dropAt = start + fate.dropAfter();
        this.last = last;
        this.base = base;
    }

    int trialId() {
        return job.trialId();
    }

    /** The simulated time of the report at {@code resource}. */
    double timeOf(long resource, String blackbox) {
        double charge = curve.seconds(resource) - base;
        if (!(charge >= 0) || Double.isInfinite(charge)) {
            throw new IllegalStateException("blackbox " + blackbox + ": seconds(" + resource + ") = "
                    + curve.seconds(resource) + " is not a finite time at or after seconds(" + job.resumeFrom()
                    + ") = " + base + " (trial " + trialId() + ")");
        }
        return start + charge * slowdown;
    }
}
