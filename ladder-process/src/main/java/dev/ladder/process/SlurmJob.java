package dev.ladder.process;

import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.LadderIoFailure;
import dev.ladder.core.tune.TrialEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one job of a {@link SlurmExecutor} as one Slurm batch job: submits it, follows its stdout file for
 * report lines and its state in the executor's {@link SlurmQueue}, cancels it when the tuner ends it, and
 * posts the job's final event.
 *
 * <p>Invariants: exactly one final event is posted unless the executor was closed, and only once Slurm
 * says the batch job has ended (so one trial never has two Slurm jobs at once); a job that Slurm preempted,
 * lost to a node failure, requeued, forgot, or that someone other than Ladder cancelled ends with
 * {@link TrialEvent.Lost}, never as a failed trial; the tuner's answers come one report at a time, as
 * with a local process.
 */
final class SlurmJob implements Runnable {
    /** How often the job's output files are read. */
    static final long TICK_MS = 200;
    /** The batch script: the trial's command comes as its arguments, so no shell reads the values. */
    static final String SCRIPT = "#!/bin/sh\n# written by Ladder: runs the trial's command, given as the arguments, as it is\nexec \"$@\"\n";

    final Job job;
    volatile Thread thread;
    private final SlurmExecutor.Settings s;
    private final Slurm slurm;
    private final SlurmQueue queue;
    private final Consumer<TrialEvent> events;
    private final Consumer<SlurmJob> done;
    private final String who;
    private volatile boolean closed;
    private volatile String id;
    private volatile boolean cancelledByLadder;
    private boolean endAsked;
    private long endAskedAt;
    private long endResource = -1;
    private String failure;
    private long lastReported = -1;

    SlurmJob(SlurmExecutor.Settings settings, Slurm slurm, SlurmQueue queue, Job job, Consumer<TrialEvent> events,
             Consumer<SlurmJob> done) {
        this.s = settings;
        this.slurm = slurm;
        this.queue = queue;
        this.job = job;
        this.events = events;
        this.done = done;
        this.who = "trial " + job.trialId();
    }

    /** The Slurm job id, null before it is submitted. */
    String slurmId() {
        return id;
    }

    @Override
    public void run() {
        try {
            Path logDir = TrialLogs.folder(s.logRoot(), job);
            TrialLogs logs;
            try {
                Files.createDirectories(job.checkpointDir());
                logs = new TrialLogs(logDir);
            } catch (IOException e) { // Ladder's own folders: the experiment pauses, the trial does not fail
                post(new TrialEvent.StorageFailed(job.trialId(), LadderIoFailure.of(who + ": cannot create its checkpoint or log folder",
                        logDir, e)));
                return;
            }
            try (logs) {
                TrialEvent end = follow(logs);
                if (end != null) {
                    post(end);
                }
            } catch (InterruptedException e) {
                // closed: close() cancels the Slurm job
            }
        } catch (RuntimeException | Error e) {
            post(new TrialEvent.Failed(job.trialId(), who + ": slurm executor error: " + e));
        } finally {
            if (id != null) {
                queue.forget(id);
            }
            done.accept(this);
        }
    }

    private void post(TrialEvent e) {
        if (!closed) {
            events.accept(e);
        }
    }

    /** Called by {@link SlurmExecutor#close()}: no more events; the executor cancels the Slurm job. */
    void close() {
        closed = true;
        cancelledByLadder = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** Submits the job and follows it to its end; returns its final event (null once closed). */
    private TrialEvent follow(TrialLogs logs) throws InterruptedException {
        List<String> argv;
        try {
            argv = s.template().render(job.config());
        } catch (IllegalArgumentException e) {
            return failed(logs, who + ": " + e.getMessage());
        }
        Path script = logs.dir().resolve("slurm-job.sh");
        try {
            Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return new TrialEvent.StorageFailed(job.trialId(), LadderIoFailure.of(who + ": cannot write its batch script", script, e));
        }
        Map<String, String> env = new HashMap<>(s.environment());
        env.putAll(Protocol.environment(job, s.resourceName()));
        String name = logs.dir().resolve("slurm-%j").toAbsolutePath().toString();
        List<String> options = new ArrayList<>(List.of("--job-name=ladder-trial-" + job.trialId(), "--output=" + name + ".out",
                "--error=" + name + ".err", "--export=ALL", "--no-requeue", "--comment=" + SlurmExecutor.comment(job),
                "--chdir=" + (s.workingDir() != null ? s.workingDir() : Path.of("")).toAbsolutePath()));
        options.addAll(s.slurm().sbatchArgs());
        try {
            id = slurm.submit(options, script, argv, env);
        } catch (IOException e) {
            return failed(logs, who + ": cannot submit its Slurm job: " + e.getMessage());
        }
        queue.watch(id);
        logs.note(who + ": Slurm job " + id + ": " + argv + " from resource " + job.resumeFrom() + " up to " + job.maxResource());
        if (closed) { // close() may have collected the ids before this one was known
            cancel(logs, "the executor is closed");
            throw new InterruptedException();
        }
        FileFollower out = new FileFollower(logs.dir().resolve("slurm-" + id + ".out"));
        FileFollower err = new FileFollower(logs.dir().resolve("slurm-" + id + ".err"));
        boolean ran = false;
        String lost = null;
        String pollFailure = null;
        while (true) {
            SlurmJobState state = queue.state(id); // before the files: what the job wrote before it ended is read below
            copy(out, err, logs, false);
            if (logs.failure() != null) { // Ladder cannot keep its log: end the job, the experiment pauses
                cancel(logs, "its log cannot be written");
                return new TrialEvent.StorageFailed(job.trialId(), logs.failure());
            }
            if (state != null && state.ended()) {
                copy(out, err, logs, true);
                return lost != null ? lost(logs, lost) : outcome(state, logs);
            }
            if (state != null && state.waiting() && ran && lost == null) { // requeued: its LADDER_* values are stale
                lost = "Slurm job " + id + " was requeued (" + state.state() + ")";
                cancel(logs, lost);
            }
            ran |= state != null && state.state().equals("RUNNING");
            if (endAsked && !cancelledByLadder && System.nanoTime() - endAskedAt > s.gracePeriod().toNanos()) {
                cancel(logs, "the tuner ended the job at resource " + endResource + " and it did not exit within "
                        + JobRunner.seconds(s.gracePeriod()));
            }
            String f = queue.failure();
            if (f != null && !f.equals(pollFailure)) {
                logs.note(who + ": cannot read the state of Slurm job " + id + " (retrying): " + f);
            }
            pollFailure = f;
            Thread.sleep(TICK_MS);
        }
    }

    /** Copies new output to the trial's logs and hands its report lines to the tuner; {@code last}: the job has ended. */
    private void copy(FileFollower out, FileFollower err, TrialLogs logs, boolean last) throws InterruptedException {
        try {
            List<String> errLines = err.lines();
            List<String> outLines = out.lines();
            if (last) {
                add(errLines, err.rest());
                add(outLines, out.rest());
            }
            errLines.forEach(logs::err);
            for (String line : outLines) {
                logs.out(line);
                if (ReportLine.isReport(line)) {
                    report(line, logs);
                }
            }
        } catch (IOException e) {
            logs.note(who + ": cannot read the output of Slurm job " + id + " (retrying): " + e.getMessage());
        }
    }

    private static void add(List<String> lines, String line) {
        if (line != null) {
            lines.add(line);
        }
    }

    /** One report line: to the tuner while it wants reports; once it ended the job, only noted. */
    private void report(String line, TrialLogs logs) throws InterruptedException {
        ReportLine report;
        try {
            report = ReportLine.parse(line, s.resourceName());
        } catch (IllegalArgumentException e) {
            if (!endAsked) {
                failure = Protocol.malformed(who, line, e.getMessage());
                endAsked = true;
                cancel(logs, failure);
            }
            return;
        }
        lastReported = Math.max(lastReported, report.resource());
        if (endAsked) {
            return;
        }
        if (Protocol.ask(this::post, job.trialId(), report)) {
            return;
        }
        endAsked = true;
        endAskedAt = System.nanoTime();
        endResource = report.resource();
        if (report.resource() < job.maxResource()) {
            cancel(logs, "the tuner ended the job at resource " + report.resource());
        } // else it gets the grace period to exit by itself
    }

    private void cancel(TrialLogs logs, String why) {
        cancelledByLadder = true;
        logs.note(who + ": " + why + "; cancelling Slurm job " + id);
        try {
            slurm.cancel(List.of(id));
        } catch (IOException e) {
            logs.note(who + ": " + e.getMessage());
        }
    }

    /** The final event for the ended Slurm job. */
    private TrialEvent outcome(SlurmJobState state, TrialLogs logs) {
        String job = "Slurm job " + id;
        if (failure != null) {
            return failed(logs, failure);
        }
        if (state.lost()) {
            return lost(logs, job + (switch (state.state()) {
                case "PREEMPTED" -> " was preempted";
                case "NODE_FAIL" -> " lost its node (NODE_FAIL)";
                case "BOOT_FAIL" -> " could not boot its node (BOOT_FAIL)";
                case "UNKNOWN" -> " is no longer known to squeue or sacct";
                default -> " ended in state " + state.state();
            }));
        }
        if (state.state().equals("CANCELLED") && !cancelledByLadder) {
            return lost(logs, job + " was cancelled outside Ladder");
        }
        if (state.state().equals("COMPLETED") || state.state().equals("CANCELLED")) {
            logs.note(who + ": " + job + " ended (" + state.state() + ")");
            return new TrialEvent.Ended(this.job.trialId(), lastReported);
        }
        String after = endAsked && endResource >= 0 ? " after its report at resource " + endResource : "";
        return failed(logs, who + ": " + job + switch (state.state()) {
            case "FAILED" -> state.signal() > 0 && state.exitCode() == 0 ? " was ended by signal " + state.signal() + after
                    : " exited with code " + state.exitCode() + Protocol.signal(state.exitCode()) + after;
            case "TIMEOUT" -> " reached its time limit" + (s.slurm().time() != null ? " (" + s.slurm().time() + ")" : "");
            case "OUT_OF_MEMORY" -> " ran out of memory" + (s.slurm().mem() != null ? " (mem " + s.slurm().mem() + ")" : "");
            default -> " ended in state " + state.state();
        } + Protocol.lastLines(logs));
    }

    private TrialEvent failed(TrialLogs logs, String message) {
        logs.note(message);
        return new TrialEvent.Failed(job.trialId(), message);
    }

    private TrialEvent lost(TrialLogs logs, String reason) {
        logs.note(who + ": " + reason + "; it runs again from its last recorded checkpoint");
        return new TrialEvent.Lost(job.trialId(), reason);
    }
}
