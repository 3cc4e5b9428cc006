package dev.ladder.core;

/** Where a trial is in its life. PAUSED is owned by the scheduler: the trial may be resumed. */
public enum TrialStatus {
    PENDING, RUNNING, PAUSED, STOPPED, COMPLETED, FAILED;

    /** True for STOPPED, COMPLETED and FAILED: the trial never runs again. */
    public boolean isFinal() {
        return this == STOPPED || this == COMPLETED || this == FAILED;
    }
}
