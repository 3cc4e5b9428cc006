package dev.ladder.core.tune;

import java.nio.file.Path;
import java.util.function.Consumer;

/** Runs jobs and posts their events; it holds no scheduling logic. */
public interface Executor extends AutoCloseable {

    /** How many jobs can run at once. */
    int slots();

    /** Starts {@code job}; every event of it goes to {@code events}, ending with Ended or Failed. */
    void start(Job job, Consumer<TrialEvent> events);

    /**
     * Called once on resume before any job starts: ends every process that an earlier owner of this
     * experiment (a Ladder that was killed, or whose lease was lost) left running, and returns only when
     * none is left, so that no trial ever has two processes at once. {@code checkpointRoot} is the
     * folder that holds the experiment's {@code trial-N} checkpoint folders. Executors that leave nothing
     * behind when their process dies (threads, a simulator) do nothing.
     *
     * @throws IllegalStateException naming the processes and their trials when some cannot be ended
     */
    default void endStaleJobs(Path checkpointRoot) {
    }

    /** The clock the tuner reads and waits on: the wall clock, or a simulator's own. */
    default Clock clock() {
        return Clock.WALL;
    }

    /** False for executors whose jobs keep no checkpoints (a simulator: a million trials need no million folders). */
    default boolean keepsCheckpoints() {
        return true;
    }

    /**
     * True for executors whose jobs live outside this process (workers on other machines, reached through
     * a shared store): the tuner then starts a job, and sends an answer, only once the journal holds the
     * events before it, so that what the workers do never runs ahead of the journal and a tuner that takes
     * over can {@link #reattach} to jobs still running. Local executors need not wait: their jobs die with
     * the tuner and a resume redoes them.
     */
    default boolean outlivesTuner() {
        return false;
    }

    /**
     * On resume, before any job starts: takes back {@code job}, launched by an earlier tuner of this
     * experiment, if it still runs (or ended and its end was not yet handled); its reports and end then go
     * to {@code events} as if it had been started here. Returns false when the job is unknown or gone; the
     * tuner then runs it again from its checkpoint.
     */
    default boolean reattach(Job job, Consumer<TrialEvent> events) {
        return false;
    }

    @Override
    void close();
}
