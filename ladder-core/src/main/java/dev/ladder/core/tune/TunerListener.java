package dev.ladder.core.tune;

import dev.ladder.core.Best;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Suggestion;

/** Progress callbacks, called on the tuner's thread in event order. */
public interface TunerListener {
    /** A job of {@code trial} starts: a new trial or a resume, as {@code suggestion} says. */
    default void onTrialStart(Trial trial, Suggestion suggestion) {
    }

    /** A result was recorded and decided on; {@code best}: the best feasible result so far, this one included, null while there is none. */
    default void onResult(Trial trial, Result result, Decision decision, Best best) {
    }

    /** A job of {@code trial} ended; its status says how (PAUSED, COMPLETED, STOPPED, FAILED). */
    default void onTrialEnd(Trial trial) {
    }

    /** The run ended (finished, paused or stopped by a criterion); called once, last. */
    default void onEnd(TuningResult result) {
    }

    /**
     * Ladder's own storage failed and the session ended without writing more ({@link Tuner#run()} throws
     * {@code failure} next); the experiment resumes once the cause is fixed.
     */
    default void onStorageFailure(LadderIoFailure failure) {
    }

    /** Something the user should know that is not an event of a trial, e.g. a journal tail that was repaired. */
    default void onNote(String message) {
    }
}
