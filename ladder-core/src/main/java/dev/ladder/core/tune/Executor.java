package dev.ladder.core.tune;

import java.util.function.Consumer;

/** Runs jobs and posts their events; it holds no scheduling logic. */
public interface Executor extends AutoCloseable {

    /** How many jobs can run at once. */
    int slots();

    /** Starts {@code job}; every event of it goes to {@code events}, ending with Ended or Failed. */
    void start(Job job, Consumer<TrialEvent> events);

    /** The clock the tuner reads for elapsed time, the wall-time limit and result times, in nanoseconds. */
    default long nanoTime() {
        return System.nanoTime();
    }

    /**
     * True when {@link #nanoTime()} is a simulated clock: the tuner then never waits in real time and
     * calls {@link #awaitingEvent()} whenever it needs the next event.
     */
    default boolean simulated() {
        return false;
    }

    /**
     * Called on the tuner's thread when it is about to wait for an event. A simulated executor
     * advances its clock to its next event and posts it here; executors with threads do nothing.
     */
    default void awaitingEvent() {
    }

    @Override
    void close();
}
