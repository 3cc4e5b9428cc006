package dev.ladder.store;

/**
 * An experiment's status, as the store keeps it (by name, in the {@code status} column) and the CLI shows
 * it. The store moves an experiment CREATED -> RUNNING -> PAUSE_REQUESTED -> PAUSING -> PAUSED, or RUNNING
 * -> FINISHED; INTERRUPTED is never stored: the CLI shows it for an experiment left RUNNING or pausing by a
 * process that is gone (no live lease).
 */
public enum ExperimentStatus {
    CREATED, RUNNING, PAUSE_REQUESTED, PAUSING, PAUSED, FINISHED, INTERRUPTED;

    /** Whether a pause was asked for or is under way but not done. */
    public boolean pausing() {
        return this == PAUSE_REQUESTED || this == PAUSING;
    }
}
