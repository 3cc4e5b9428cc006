package dev.ladder.core.tune;

import java.util.Map;

/** What executors post to the tuner's queue. Executors never decide; they report. */
public sealed interface TrialEvent {
    /** The trial the event is about. */
    int trialId();

    /** A result; the tuner answers through {@code reply}: true to go on, false to end the job. */
    record Reported(int trialId, long resource, Map<String, Double> metrics, Reply reply) implements TrialEvent {
    }

    /**
     * The job ended without an error (it finished, or it obeyed a pause or stop). {@code lastReported}
     * is the highest resource it reported, answered or not (-1 for none): a process runs on while the
     * tuner decides, so it may have reported, and saved a checkpoint, past the tuner's last answer.
     * {@code programEnd}: the program has nothing to train past its last report (a simulated blackbox's
     * last level), so ending below the job's target completes the trial rather than failing it.
     */
    record Ended(int trialId, long lastReported, boolean programEnd) implements TrialEvent {
        /** An end after which nothing went unanswered (an executor that waits for every answer). */
        public Ended(int trialId) {
            this(trialId, -1, false);
        }

        /** An end after reports up to {@code lastReported} (-1 for none), some possibly unanswered. */
        public Ended(int trialId, long lastReported) {
            this(trialId, lastReported, false);
        }
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

    /**
     * The job was lost through no fault of the trial (its worker stopped heartbeating, its batch job was
     * preempted or its node failed): the tuner runs it again from the trial's last recorded checkpoint.
     * Nothing more comes from the lost job.
     */
    record Lost(int trialId, String reason) implements TrialEvent {
    }

    /** Not from an executor: the user asked to exclude the trial ({@link Tuner#exclude}); the loop journals it. */
    record Exclude(int trialId, String reason) implements TrialEvent {
    }

    /** The tuner's answer to a report. */
    @FunctionalInterface
    interface Reply {
        /** Answers the report: true lets the job go on, false ends it (pause or stop). */
        void send(boolean goOn);
    }
}
