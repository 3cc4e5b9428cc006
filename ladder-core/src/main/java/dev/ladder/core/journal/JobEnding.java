package dev.ladder.core.journal;

import dev.ladder.core.TrialStatus;

/**
 * How a running job is to end once its objective returns: with a trial status (the pause, stop,
 * completion or failure decided for it), or suspended ({@code status} null) when the experiment is
 * paused or ended while the scheduler still counts the job as running; a suspended job runs again up
 * to its target when the experiment resumes. It travels in the event that decided it ({@code then}),
 * so a replay knows it without re-deriving the rule.
 */
public record JobEnding(TrialStatus status, String reason) {
    static final String SUSPEND = "SUSPEND";

    public static JobEnding suspend(String reason) {
        return new JobEnding(null, reason);
    }

    public boolean suspends() {
        return status == null;
    }

    String statusName() {
        return status == null ? SUSPEND : status.name();
    }

    static JobEnding of(String statusName, String reason) {
        return new JobEnding(statusName.equals(SUSPEND) ? null : TrialStatus.valueOf(statusName), reason);
    }
}
