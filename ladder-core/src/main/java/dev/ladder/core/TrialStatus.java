package dev.ladder.core;

/** Where a trial is in its life. PAUSED is owned by the scheduler: the trial may be resumed. */
public enum TrialStatus {
    PENDING, RUNNING, PAUSED, STOPPED, COMPLETED, FAILED;

    public boolean isFinal() {
        return this == STOPPED || this == COMPLETED || this == FAILED;
    }
}
