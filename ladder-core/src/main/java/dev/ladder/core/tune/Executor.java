package dev.ladder.core.tune;

import java.util.function.Consumer;

/** Runs jobs and posts their events; it holds no scheduling logic. */
public interface Executor extends AutoCloseable {

    /** How many jobs can run at once. */
    int slots();

    /** Starts {@code job}; every event of it goes to {@code events}, ending with Ended or Failed. */
    void start(Job job, Consumer<TrialEvent> events);

    @Override
    void close();
}
