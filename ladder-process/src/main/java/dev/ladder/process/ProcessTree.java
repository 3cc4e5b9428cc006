package dev.ladder.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A trial's process and every descendant seen so far, so that the whole tree can be ended even after
 * a parent died and its children were re-parented.
 *
 * <p>Invariants: {@link #terminate} sends SIGTERM ({@link ProcessHandle#destroy()}) to every live
 * member, waits up to the grace period and then sends SIGKILL ({@link ProcessHandle#destroyForcibly()})
 * to every member still running; it returns only when no member runs any more (or after a short
 * extra wait once SIGKILL was sent). Descendants are found through {@link ProcessHandle#descendants()},
 * which only sees them while their ancestors live, hence {@link #refresh()} is called periodically
 * while the job runs. A zombie (a process that has exited but was not reaped, as happens under an
 * init process that does not reap orphans) counts as ended.
 */
final class ProcessTree {
    private final Process root;
    private final Set<ProcessHandle> members = ConcurrentHashMap.newKeySet();

    ProcessTree(Process root) {
        this.root = root;
        members.add(root.toHandle());
    }

    Process root() {
        return root;
    }

    /** Adds the root's current descendants to the members. */
    void refresh() {
        if (root.isAlive()) {
            try {
                root.descendants().forEach(members::add);
            } catch (RuntimeException ignored) {
                // a process vanishing while the table is read: the next refresh sees the rest
            }
        }
    }

    /** The members still running. */
    List<ProcessHandle> running() {
        List<ProcessHandle> out = new ArrayList<>();
        for (ProcessHandle h : members) {
            if (running(h)) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Ends the tree: SIGTERM to all, SIGKILL after {@code grace} to those still running.
     *
     * @return true when SIGKILL was needed
     */
    boolean terminate(Duration grace) {
        refresh();
        Set<ProcessHandle> signalled = ConcurrentHashMap.newKeySet();
        for (ProcessHandle h : running()) {
            h.destroy();
            signalled.add(h);
        }
        long deadline = System.nanoTime() + grace.toNanos();
        boolean interrupted = false;
        try {
            while (true) {
                refresh(); // children started while the tree was ending get the signal too
                List<ProcessHandle> alive = running();
                if (alive.isEmpty()) {
                    return false;
                }
                for (ProcessHandle h : alive) {
                    if (signalled.add(h)) {
                        h.destroy();
                    }
                }
                if (System.nanoTime() >= deadline || interrupted) {
                    break;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    interrupted = true; // kill at once, keep the flag for the caller
                }
            }
            kill();
            return true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGKILL to every running member; waits up to two seconds for them to go. */
    void kill() {
        refresh();
        running().forEach(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!running().isEmpty() && System.nanoTime() < deadline) {
            refresh();
            running().forEach(ProcessHandle::destroyForcibly);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** True while {@code h} runs: alive and, where /proc tells, not a zombie. */
    static boolean running(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        if (!Proc.AVAILABLE) {
            return true;
        }
        try {
            return Proc.stat(h.pid()).map(Proc.Stat::running).orElse(false);
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
