package dev.ladder.core.journal;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import java.util.List;
import java.util.Map;

/**
 * One entry of an experiment's journal, one record per event type of docs/architecture.md ("The
 * journal"). Events are values: the tuner builds one, {@link ExperimentState#apply applies} it and hands
 * it to the writer; {@link JournalCodec} alone turns them into JSON and back.
 */
public sealed interface JournalEvent {

    /** The trial the event concerns, -1 for an event of the whole experiment. */
    default int trialId() {
        return -1;
    }

    /** The first event: what the experiment optimises and how. */
    record Experiment(String name, String scheduler, Metric metric, int workers, Limits stop) implements JournalEvent {
    }

    /** The stop criteria a session ran with (null: no limit). */
    record Limits(Integer maxTrials, Double maxWallTimeSeconds, Long maxTotalResource, Double targetValue,
                  Integer maxFailures) {
    }

    /** The scheduler suggested nothing when asked for trial {@code next} (replay repeats the call). */
    record Idle(int next, boolean mayStart) implements JournalEvent {
    }

    /** A new trial with {@code config}, run up to {@code resource}. */
    record Start(int trialId, long resource, Config config) implements JournalEvent {
    }

    /** The scheduler resumed a paused trial from {@code from} up to {@code resource}. */
    record Resume(int trialId, long from, long resource, String reason, int next, boolean mayStart) implements JournalEvent {
    }

    /** The tuner ran again a job that had not ended (lost in a crash, or suspended by a pause). */
    record Restart(int trialId, long from, long resource, boolean checkpoint, String reason) implements JournalEvent {
    }

    /**
     * A report and what was decided on it: {@code byScheduler} false when the tuner stopped the job
     * without asking (the experiment had ended); {@code then} how the job ends, null when it goes on.
     */
    record Result(int trialId, long resource, Map<String, Double> metrics, String decision, String reason,
                  boolean byScheduler, JobEnding then, double seconds) implements JournalEvent {
    }

    /** A report at or below the trial's last resource (a restarted job catching up). */
    record Ignored(int trialId, long resource, String reason) implements JournalEvent {
    }

    /** A report the tuner refused (a missing or non-finite metric, a resource above the target). */
    record Invalid(int trialId, long resource, String reason, JobEnding then) implements JournalEvent {
    }

    /** A job ended and its trial took {@code status}; {@code checkpoint} is the trial's latest checkpoint now. */
    record End(int trialId, TrialStatus status, long resource, String reason, CheckpointRef checkpoint) implements JournalEvent {
    }

    /**
     * A job ended because the experiment paused or ended while the scheduler still counts it as running:
     * it runs again up to {@code resource} on resume. {@code checkpoint} null: the event names none (the
     * job never ran), the recorded one stays.
     */
    record Suspend(int trialId, long resource, String reason, CheckpointRef checkpoint) implements JournalEvent {
    }

    /** The trial's previous checkpoint is kept as its best ({@code +trial-best}); resource null in older journals. */
    record BestCheckpoint(int trialId, Long resource, Double value, String path) implements JournalEvent {
    }

    /** A checkpoint was let go by the checkpoint policy: the trial's latest, or its kept best. */
    record Gc(int trialId, boolean best, String reason) implements JournalEvent {
    }

    /** A session resumed after {@code events} events, with these jobs open and these suspended. */
    record Resumed(long events, List<Integer> openJobs, List<Integer> suspended) implements JournalEvent {
    }

    /**
     * Configurations to run first, in order, before the searcher's own (warm start); {@code source} says
     * where they came from (the Java API, the spec, a file). Replay hands them to the scheduler again, so a
     * resumed run neither runs them twice nor forgets those not started yet.
     */
    record Enqueue(List<Config> configs, String source) implements JournalEvent {
    }

    /**
     * Prior data the searchers learned from before the first suggestion: the trials of an earlier experiment
     * or a CSV, with their results; {@code source} names it and {@code sha256} is the hash of its content.
     */
    record Prior(String source, String sha256, List<dev.ladder.core.PriorTrial> trials) implements JournalEvent {
    }

    /**
     * Trial {@code trialId} no longer counts: the best and the rankings leave it out from here on (its
     * results stay in the journal), and a job it still runs is stopped at its next report.
     */
    record Exclude(int trialId, String reason) implements JournalEvent {
    }

    /** The experiment ended for good. */
    record Finish(Summary summary) implements JournalEvent {
    }

    /** The session ended on a pause; resuming goes on. */
    record Paused(Summary summary) implements JournalEvent {
    }

    /** How a session ended: why, the trials, the resource used and the best (null before any result). */
    record Summary(String reason, int trials, long totalResource, Integer bestTrial, Double bestValue) {
    }

    /**
     * The checkpoint an end or suspend event records as the trial's latest: its folder (relative to the
     * checkpoint root; absolute in older journals), null when the trial has none, and the resource it
     * holds at most (null in older journals: the trial's last resource).
     */
    record CheckpointRef(String folder, Long resource) {
        public static final CheckpointRef NONE = new CheckpointRef(null, null);
    }
}
