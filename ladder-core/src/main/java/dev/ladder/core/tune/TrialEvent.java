package dev.ladder.core.tune;

import java.util.Map;

/** What executors post to the tuner's queue. Executors never decide; they report. */
public sealed interface TrialEvent {
    int trialId();

    /** A result; the tuner answers through {@code reply}: true to go on, false to end the job. */
    record Reported(int trialId, long resource, Map<String, Double> metrics, Reply reply) implements TrialEvent {
    }

    /** The job ended without an error (it finished, or it obeyed a pause or stop). */
    record Ended(int trialId) implements TrialEvent {
    }

    /** The job failed; {@code message} says why. */
    record Failed(int trialId, String message) implements TrialEvent {
    }

    /**
     * The job could not go on because Ladder's own storage failed (its checkpoint could not be saved,
     * its log folder not opened): not the trial's fault, so the tuner pauses the experiment instead of
     * failing the trial.
     */
    record StorageFailed(int trialId, LadderIoFailure failure) implements TrialEvent {
    }

    /** The tuner's answer to a report. */
    @FunctionalInterface
    interface Reply {
        void send(boolean goOn);
    }
}
