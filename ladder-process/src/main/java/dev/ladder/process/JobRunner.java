package dev.ladder.process;

import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.LadderIoFailure;
import dev.ladder.core.tune.TrialEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs one job of a {@link ProcessExecutor}: starts the process (again, after a failure, up to the
 * restart limit), relays its reports, ends it when the tuner says so, and posts the job's final event.
 *
 * <p>Invariants: exactly one final event is posted unless the executor was closed; no process of an
 * attempt runs when the next attempt starts or the final event is posted; {@code lastAccepted} only
 * grows and is the resource of the last report the tuner answered with "go on" (or the job's resume
 * point), which is where a restart resumes from.
 */
final class JobRunner implements Runnable {
    private static final Object EOF = new Object();
    private static final Object EXIT = new Object();
    /** How often the watcher wakes to look for new descendants and timeouts. */
    private static final long TICK_MS = 250;
    /** How long to wait for the rest of stdout once the process exited. */
    private static final long DRAIN_MS = 2_000;

    final Job job;
    volatile Thread thread;
    private final ProcessExecutor.Settings s;
    private final Consumer<TrialEvent> events;
    private final Consumer<JobRunner> done;
    private final String who;
    private volatile boolean cancelled;
    private volatile ProcessTree tree;
    private long lastAccepted;
    /** The highest resource in any report line its processes printed, answered or not (-1: none). */
    private final AtomicLong lastReported = new AtomicLong(-1);

    JobRunner(ProcessExecutor.Settings settings, Job job, Consumer<TrialEvent> events, Consumer<JobRunner> done) {
        this.s = settings;
        this.job = job;
        this.events = events;
        this.done = done;
        this.who = "trial " + job.trialId();
    }

    /** How an attempt ended: {@code failure} null for a clean end. */
    private record Outcome(String failure, boolean restartable) {
        static final Outcome ENDED = new Outcome(null, false);
    }

    @Override
    public void run() {
        try {
            TrialLogs logs;
            try {
                Files.createDirectories(job.checkpointDir()); // the tuner leaves it to be made when a job needs it
            } catch (IOException e) { // Ladder's own folder: the experiment pauses, the trial does not fail
                post(new TrialEvent.StorageFailed(job.trialId(), LadderIoFailure.of(who + ": cannot create its checkpoint folder",
                        job.checkpointDir(), e)));
                return;
            }
            try {
                logs = new TrialLogs(TrialLogs.folder(s.logRoot(), job));
            } catch (IOException e) {
                post(new TrialEvent.StorageFailed(job.trialId(), LadderIoFailure.of(who + ": cannot open its log folder",
                        TrialLogs.folder(s.logRoot(), job), e)));
                return;
            }
            try (logs) {
                lastAccepted = job.resumeFrom();
                for (int attempt = 0; ; attempt++) {
                    Job current = attempt == 0 ? job
                            : new Job(job.trialId(), job.config(), lastAccepted, job.maxResource(), job.checkpointDir());
                    Outcome o;
                    try {
                        o = attempt(current, attempt, logs);
                    } catch (InterruptedException e) {
                        return; // closed: close() ends the tree
                    }
                    if (cancelled) {
                        return;
                    }
                    if (logs.failure() != null) { // its log could not be written: not the trial's fault
                        post(new TrialEvent.StorageFailed(job.trialId(), logs.failure()));
                        return;
                    }
                    if (o.failure() == null) {
                        logs.note(who + ": job ended");
                        post(new TrialEvent.Ended(job.trialId(), lastReported.get()));
                        return;
                    }
                    LadderIoFailure full = FullDisk.under(o.failure(), job.checkpointDir(), logs.dir());
                    if (full != null) { // most likely its own write failed for want of space: not the trial's fault
                        logs.note(full.getMessage());
                        post(new TrialEvent.StorageFailed(job.trialId(), full));
                        return;
                    }
                    if (o.restartable() && attempt < s.maxRestarts()) {
                        logs.note(o.failure() + "; restart " + (attempt + 1) + " of " + s.maxRestarts()
                                + " from resource " + lastAccepted);
                        continue;
                    }
                    String message = o.failure() + (attempt > 0 ? " (after " + attempt + " restart" + (attempt > 1 ? "s" : "") + ")" : "");
                    logs.note(message);
                    post(new TrialEvent.Failed(job.trialId(), message));
                    return;
                }
            }
        } catch (RuntimeException | Error e) {
            post(new TrialEvent.Failed(job.trialId(), who + ": process executor error: " + e));
        } finally {
            done.accept(this);
        }
    }

    private void post(TrialEvent e) {
        if (!cancelled) {
            events.accept(e);
        }
    }

    /** Called by {@link ProcessExecutor#close()}: no more events; the running tree ends (SIGTERM, then SIGKILL). */
    void cancel() {
        cancelled = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
        ProcessTree p = tree;
        if (p != null) {
            p.terminate(s.gracePeriod());
        }
    }

    private Outcome attempt(Job current, int attempt, TrialLogs logs) throws InterruptedException {
        logs.newAttempt();
        List<String> argv;
        try {
            argv = s.template().render(current.config());
        } catch (IllegalArgumentException e) {
            return new Outcome(who + ": " + e.getMessage(), false);
        }
        List<String> launch;
        try {
            launch = Session.argv(argv, s.workingDir());
        } catch (IOException e) {
            return new Outcome(who + ": cannot start " + argv + ": " + e.getMessage(), false);
        }
        ProcessBuilder pb = new ProcessBuilder(launch);
        if (s.workingDir() != null) {
            pb.directory(s.workingDir().toFile());
        }
        Map<String, String> env = pb.environment();
        env.putAll(s.environment());
        env.putAll(Protocol.environment(current, s.resourceName()));
        if (Proc.AVAILABLE) {
            env.put(Owner.VARIABLE, Owner.current().toString()); // the watchdog ends it when this JVM is gone
        }
        logs.note(who + ": " + (attempt == 0 ? "start " : "restart " + attempt + ": ") + argv + " from resource "
                + current.resumeFrom() + " up to " + current.maxResource());
        if (logs.failure() != null) {
            return Outcome.ENDED; // run() reports the log's failure
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new Outcome(who + ": cannot start " + argv + ": " + cause(e), false);
        }
        ProcessTree t = new ProcessTree(process);
        tree = t;
        if (cancelled) {
            throw new InterruptedException();
        }
        BlockingQueue<Object> lines = new LinkedBlockingQueue<>();
        Thread out = reader(process.getInputStream(), "stdout", line -> {
            logs.out(line);
            if (ReportLine.isReport(line)) {
                noteReported(line);
                lines.add(line);
            }
        }, () -> lines.add(EOF));
        Thread err = reader(process.getErrorStream(), "stderr", logs::err, () -> { });
        process.onExit().thenRun(() -> lines.add(EXIT));
        boolean finished = false;
        try {
            Outcome o = watch(current, t, lines, logs, err);
            finished = true;
            return o;
        } finally {
            if (!finished && cancelled) {
                // close() ends the tree
            } else if (!t.running().isEmpty()) {
                t.terminate(s.gracePeriod()); // orphans left by a process that exited
            }
            out.join(1_000);
            err.join(1_000);
        }
    }

    /** Follows the process until it exits and its output is read, or until it must end. */
    private Outcome watch(Job current, ProcessTree t, BlockingQueue<Object> lines, TrialLogs logs, Thread err)
            throws InterruptedException {
        Process process = t.root();
        long startedAt = System.nanoTime();
        long lastProgress = startedAt;
        long lastRefresh = 0;
        long exitedAt = 0;
        boolean exited = false;
        boolean eof = false;
        while (!(exited && eof)) {
            if (logs.failure() != null) { // Ladder cannot keep its log: end the tree, run() pauses the experiment
                t.terminate(s.gracePeriod());
                return Outcome.ENDED;
            }
            long now = System.nanoTime();
            long wait = TICK_MS;
            if (!exited) {
                long report = left(s.reportTimeout(), lastProgress, now);
                long job = left(s.jobTimeout(), startedAt, now);
                if (report <= 0) {
                    return timedOut(t, logs, who + ": no report for " + seconds(s.reportTimeout()) + " (report timeout)");
                }
                if (job <= 0) {
                    return timedOut(t, logs, who + ": its job ran longer than " + seconds(s.jobTimeout()) + " (job timeout)");
                }
                wait = Math.min(wait, TimeUnit.NANOSECONDS.toMillis(Math.min(report, job)) + 1);
            }
            Object item = lines.poll(wait, TimeUnit.MILLISECONDS);
            if (!exited && System.nanoTime() - lastRefresh > TimeUnit.MILLISECONDS.toNanos(2 * TICK_MS)) {
                t.refresh();
                lastRefresh = System.nanoTime();
            }
            if (item == null) {
                if (exited && System.nanoTime() - exitedAt > TimeUnit.MILLISECONDS.toNanos(DRAIN_MS)) {
                    // descendants that outlived the process hold its stdout open: end them, keep what was read
                    logs.note(who + ": the process exited but its descendants keep stdout open; ending them");
                    t.terminate(s.gracePeriod());
                    break;
                }
                continue;
            }
            if (item == EOF) {
                eof = true;
                continue;
            }
            if (item == EXIT) {
                exited = true;
                exitedAt = System.nanoTime();
                continue;
            }
            String line = (String) item;
            ReportLine report;
            try {
                report = ReportLine.parse(line, s.resourceName());
            } catch (IllegalArgumentException e) {
                String message = Protocol.malformed(who, line, e.getMessage());
                logs.note(message + "; ending its process tree");
                boolean forced = t.terminate(s.gracePeriod());
                return new Outcome(message + (forced ? "; it " + ignoredTerm() : ""), true);
            }
            boolean goOn = Protocol.ask(this::post, current.trialId(), report);
            if (goOn) {
                lastAccepted = Math.max(lastAccepted, report.resource());
                lastProgress = System.nanoTime();
                continue;
            }
            return end(current, report.resource(), t, logs, err);
        }
        int code = process.waitFor();
        if (code == 0) {
            return Outcome.ENDED;
        }
        err.join(1_000); // its last stderr lines
        return new Outcome(who + ": command exited with code " + code + Protocol.signal(code) + Protocol.lastLines(logs), true);
    }

    /** Keeps the highest resource reported: a checkpoint saved after an unanswered report may hold it. */
    private void noteReported(String line) {
        try {
            lastReported.accumulateAndGet(ReportLine.parse(line, s.resourceName()).resource(), Math::max);
        } catch (IllegalArgumentException malformed) {
            // the watcher fails the job for it
        }
    }

    /** Nanoseconds left of {@code limit} counted from {@code since}; {@link Long#MAX_VALUE} without a limit. */
    private static long left(Duration limit, long since, long now) {
        return limit == null ? Long.MAX_VALUE : since + limit.toNanos() - now;
    }

    private Outcome timedOut(ProcessTree t, TrialLogs logs, String message) {
        logs.note(message + "; ending its process tree");
        boolean forced = t.terminate(s.gracePeriod());
        return new Outcome(message + (forced ? "; it " + ignoredTerm() : "; its process tree was ended"), true);
    }

    /** The tuner ended the job at {@code resource}: lets the process exit or ends its tree. */
    private Outcome end(Job current, long resource, ProcessTree t, TrialLogs logs, Thread err) throws InterruptedException {
        Process process = t.root();
        boolean reached = resource >= current.maxResource();
        if (reached && process.waitFor(s.gracePeriod().toMillis(), TimeUnit.MILLISECONDS)) {
            int code = process.exitValue();
            if (code == 0) {
                return Outcome.ENDED;
            }
            err.join(1_000);
            return new Outcome(who + ": command exited with code " + code + Protocol.signal(code) + " after its report at resource "
                    + resource + Protocol.lastLines(logs), false);
        }
        if (!process.isAlive()) {
            return Outcome.ENDED; // it exited while the tuner decided
        }
        logs.note(who + ": the tuner ended the job at resource " + resource
                + (reached ? " and the process did not exit within " + seconds(s.gracePeriod()) : "") + "; sending SIGTERM");
        boolean forced = t.terminate(s.gracePeriod());
        if (forced) {
            return new Outcome(who + ": the tuner ended the job at resource " + resource + " but the process "
                    + ignoredTerm(), false);
        }
        return Outcome.ENDED;
    }

    private String ignoredTerm() {
        return "did not exit within " + seconds(s.gracePeriod()) + " of SIGTERM and was killed with SIGKILL";
    }

    /** The operating system's reason, without Java's "Cannot run program" wrapping. */
    private static String cause(IOException e) {
        Throwable c = e.getCause() != null ? e.getCause() : e;
        String m = String.valueOf(c.getMessage());
        return m.replaceFirst("^error=\\d+, ", "");
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms / 1000.0 + " s";
    }

    private Thread reader(InputStream in, String name, Consumer<String> onLine, Runnable atEnd) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    onLine.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                }
            } catch (IOException ignored) {
                // the stream was closed under us: the process is gone
            } finally {
                atEnd.run();
            }
        }, "ladder-process-trial-" + job.trialId() + "-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
