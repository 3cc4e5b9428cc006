package dev.ladder.cli.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Counts trial processes that outlive their Ladder. It samples {@code /proc} four times a second; a
 * process whose environment puts it under the experiment's folder is of an earlier owner when its
 * {@code LADDER_OWNER} names another pid than the live Ladder JVM's, or when the live JVM (if any) is
 * not among its ancestors. The top process of each such tree counts as one orphan (once) if it is
 * still alive a grace time ({@link #GRACE}) after the next Ladder started its first trial process, or
 * after the owner died when no next Ladder starts one. {@link #settle()} then ends whatever is left,
 * by pid, so that the next workload starts clean.
 */
final class OrphanWatch implements AutoCloseable {
    /** The time a watchdog gets to end a dead Ladder's trial processes. */
    static final Duration GRACE = Duration.ofSeconds(10);

    private final Path experimentDir;
    private final Duration grace;
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "orphan-watch");
        t.setDaemon(true);
        return t;
    });
    private long owner = -1;
    private long clockFrom = Long.MAX_VALUE; // when the grace of earlier owners' processes began: not yet
    private final Map<String, Long> deadlines = new HashMap<>();
    private final Map<String, String> orphans = new LinkedHashMap<>();
    private volatile RuntimeException failure; // a sample that failed: settle() rethrows it, never a silent stop

    OrphanWatch(Path experimentDir) {
        this(experimentDir, GRACE);
    }

    OrphanWatch(Path experimentDir, Duration grace) {
        this.experimentDir = experimentDir.toAbsolutePath().normalize();
        this.grace = grace;
        sampler.scheduleWithFixedDelay(() -> {
            try {
                sample();
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            }
        }, 0, 250, TimeUnit.MILLISECONDS);
    }

    /**
     * The Ladder JVM that owns the experiment from now on, or -1 between a kill and the start of the
     * next one: the grace of the earlier owners' processes starts when the new owner starts a trial process.
     */
    synchronized void owner(long pid) {
        owner = pid;
        clockFrom = Long.MAX_VALUE;
    }

    /** The owner exited (or was killed) and no next one follows for now: the grace starts now. */
    synchronized void ownerGone() {
        owner = -1;
        clockFrom = System.nanoTime();
    }

    synchronized void sample() {
        ProcTable table = ProcTable.read();
        Map<Long, ProcTable.Proc> earlier = new HashMap<>();
        long now = System.nanoTime();
        for (ProcTable.Proc p : table.procs().values()) {
            if (p.state() == 'Z' || !p.under(experimentDir)) {
                continue;
            }
            boolean foreign = p.ownerPid() >= 0 ? p.ownerPid() != owner : owner < 0 || !table.descendsFrom(p, owner);
            if (foreign) {
                earlier.put(p.pid(), p);
            } else if (clockFrom == Long.MAX_VALUE && p.pid() != owner) {
                clockFrom = now; // the owner's first trial process
            }
        }
        for (ProcTable.Proc p : earlier.values()) {
            if (earlier.containsKey(p.ppid())) {
                continue; // inside an orphan tree, counted by its top process
            }
            if (clockFrom != Long.MAX_VALUE) {
                deadlines.putIfAbsent(p.key(), clockFrom + grace.toNanos());
            }
            if (deadlines.containsKey(p.key()) && now >= deadlines.get(p.key()) && !orphans.containsKey(p.key())) {
                orphans.put(p.key(), "trial " + p.ladderEnv().getOrDefault("LADDER_TRIAL_ID", "?") + " pid " + p.pid()
                        + " (" + command(p.pid()) + ")");
            }
        }
    }

    private static String command(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().commandLine()).orElse("?");
    }

    /** The orphans counted so far, one line each: trial, pid and command. */
    synchronized List<String> orphans() {
        return new ArrayList<>(orphans.values());
    }

    /**
     * Waits until the grace of every process of an earlier owner has passed (sampling on), stops
     * sampling, and SIGKILLs what is left under the experiment's folder; returns the orphans.
     */
    List<String> settle() throws InterruptedException {
        long until = System.nanoTime() + grace.toNanos() + 1_000_000_000L;
        while (System.nanoTime() < until && pending()) {
            Thread.sleep(250);
        }
        close();
        if (failure != null) {
            throw new IllegalStateException("the orphan watch stopped: " + failure.getMessage(), failure);
        }
        sample();
        for (ProcTable.Proc p : ProcTable.read().procs().values()) {
            if (p.under(experimentDir)) {
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
        return orphans();
    }

    private synchronized boolean pending() {
        return ProcTable.read().procs().values().stream().anyMatch(p -> p.state() != 'Z' && p.under(experimentDir)
                && !orphans.containsKey(p.key()));
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
