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

    @Override
    void close();
}
