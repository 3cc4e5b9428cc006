package dev.ladder.process;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the state of every job an executor submitted with one {@code squeue} call (and one {@code sacct}
 * call for jobs the controller forgot) per interval, however many jobs run: Slurm's controller serves a
 * whole cluster, so a tuner must not ask once per job.
 *
 * <p>Invariants: one thread, started with the first job and ended by {@link #close()}; a job counts as
 * {@link SlurmJobState#UNKNOWN} only after {@value #MISSES} polls in a row found it nowhere (a controller
 * restart or a slow sacct must not lose a job that still runs); a failing command is retried at the next
 * interval, and the jobs keep their last known state meanwhile.
 */
final class SlurmQueue implements AutoCloseable {
    static final int MISSES = 3;

    private final Slurm slurm;
    private final Duration interval;
    private final Map<String, SlurmJobState> states = new ConcurrentHashMap<>();
    private final Map<String, Integer> misses = new ConcurrentHashMap<>();
    private final Map<String, Boolean> watched = new ConcurrentHashMap<>();
    private volatile String failure;
    private Thread thread;
    private volatile boolean closed;

    SlurmQueue(Slurm slurm, Duration interval) {
        this.slurm = slurm;
        this.interval = interval;
    }

    synchronized void watch(String id) {
        watched.put(id, Boolean.TRUE);
        if (thread == null && !closed) {
            thread = new Thread(this::loop, "ladder-slurm-queue");
            thread.setDaemon(true);
            thread.start();
        }
        notifyAll();
    }

    void forget(String id) {
        watched.remove(id);
        states.remove(id);
        misses.remove(id);
    }

    /** The job's state at the last poll; null before the first poll that saw it. */
    SlurmJobState state(String id) {
        return states.get(id);
    }

    /** Why the last poll failed, or null when it worked. */
    String failure() {
        return failure;
    }

    private void loop() {
        while (!closed) {
            List<String> ids = List.copyOf(watched.keySet());
            if (!ids.isEmpty()) {
                try {
                    slurm.states(ids).forEach(this::update);
                    failure = null;
                } catch (IOException e) {
                    failure = e.getMessage();
                }
            }
            synchronized (this) {
                try {
                    wait(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void update(String id, SlurmJobState state) {
        if (!watched.containsKey(id)) {
            return;
        }
        if (state.equals(SlurmJobState.UNKNOWN) && misses.merge(id, 1, Integer::sum) < MISSES) {
            return;
        }
        if (!state.equals(SlurmJobState.UNKNOWN)) {
            misses.remove(id);
        }
        states.put(id, state);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
