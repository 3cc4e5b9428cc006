package dev.ladder.core.tune;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Where the tuner's time comes from and how it waits for the next event: the wall clock
 * ({@link #WALL}), or a simulator's clock, which moves only from event to event and never waits.
 */
public interface Clock {
    /** The time in nanoseconds, for elapsed times, result times and the wall-time limit. */
    long nanoTime();

    /**
     * The next event of {@code queue}: waits for one up to {@code timeoutNanos} ({@link Long#MAX_VALUE}
     * waits as long as it takes) and returns null when none came in time.
     */
    TrialEvent next(BlockingQueue<TrialEvent> queue, long timeoutNanos) throws InterruptedException;

    /** Real time: {@link System#nanoTime()}, and waiting on the queue. */
    Clock WALL = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public TrialEvent next(BlockingQueue<TrialEvent> queue, long timeoutNanos) throws InterruptedException {
            return timeoutNanos == Long.MAX_VALUE ? queue.take()
                    : timeoutNanos <= 0 ? queue.poll() : queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public String toString() {
            return "wall clock";
        }
    };
}
