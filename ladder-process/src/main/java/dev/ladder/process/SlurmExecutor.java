package dev.ladder.process;

import dev.ladder.core.tune.Executor;
import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.TrialEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs each job as one Slurm batch job ({@code sbatch}) of the trial's command template, with the
 * {@code LADDER_*} environment of the process protocol; its stdout file, in the trial's log folder, carries
 * the {@code LADDER_REPORT} lines back (so the log folder must be on a file system the compute nodes share
 * with the tuner). See {@code docs/slurm.md}.
 *
 * <p>Invariants:
 * <ul>
 * <li>At most {@link #slots()} Slurm jobs are submitted at once (the tuner never starts more); their states
 *     are read with one {@code squeue} call per poll interval for all of them ({@link SlurmQueue}).</li>
 * <li>Every started job posts exactly one final event (none once {@link #close()} has begun), and only once
 *     Slurm says the batch job ended: {@link TrialEvent.Ended}, {@link TrialEvent.Failed} (the program's
 *     exit code, a time limit, memory), or {@link TrialEvent.Lost} for a job preempted, lost to a node
 *     failure, requeued, forgotten by Slurm or cancelled by someone other than Ladder: the tuner runs such
 *     a job again from the trial's last recorded checkpoint.</li>
 * <li>Ladder's answer "end the job", a pause, a stop and {@link #close()} all become {@code scancel}.</li>
 * </ul>
 */
public final class SlurmExecutor implements Executor {
    private final Settings settings;
    private final int workers;
    private final Slurm slurm = new Slurm();
    private final SlurmQueue queue;
    private final Set<SlurmJob> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private SlurmExecutor(Builder b) {
        this.workers = b.workers;
        this.settings = new Settings(new CommandTemplate(b.command), b.resourceName, Map.copyOf(b.environment), b.workingDir,
                b.logRoot, b.slurm, b.gracePeriod);
        this.queue = new SlurmQueue(slurm, b.pollInterval);
    }

    /** Settings for the command {@code command} (an argv list with {@code {name}} placeholders). */
    public static Builder builder(List<String> command) {
        return new Builder(command);
    }

    /** True when Slurm's {@code sbatch} is on this JVM's PATH. */
    public static boolean available() {
        return Slurm.available();
    }

    @Override
    public int slots() {
        return workers;
    }

    @Override
    public void start(Job job, Consumer<TrialEvent> events) {
        if (closed) {
            throw new IllegalStateException("slurm executor is closed; cannot start trial " + job.trialId());
        }
        SlurmJob runner = new SlurmJob(settings, slurm, queue, job, events, active::remove);
        active.add(runner);
        Thread t = new Thread(runner, "ladder-slurm-trial-" + job.trialId());
        t.setDaemon(true);
        runner.thread = t;
        t.start();
    }

    /**
     * Cancels every Slurm job an earlier run of this experiment submitted (they carry the experiment's
     * checkpoint root as their comment) and waits until Slurm says they ended.
     */
    @Override
    public void endStaleJobs(Path checkpointRoot) {
        String comment = Owner.experimentKey(checkpointRoot);
        List<String> ids = List.of();
        try {
            ids = slurm.jobsWithComment(comment);
            if (ids.isEmpty()) {
                return;
            }
            slurm.cancel(ids);
            if (awaitEnd(ids, Duration.ofSeconds(60))) {
                return;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot end the Slurm jobs that an earlier run of the experiment in " + checkpointRoot
                    + " left: " + e.getMessage(), e);
        }
        throw new IllegalStateException("cannot end the Slurm jobs that an earlier run of the experiment in " + checkpointRoot
                + " left running: " + String.join(", ", ids) + "; scancel them and resume again");
    }

    /** Cancels every running Slurm job of this executor and waits (a while) until Slurm says they ended; posts nothing more. */
    @Override
    public void close() {
        closed = true;
        List<SlurmJob> jobs = new ArrayList<>(active);
        jobs.forEach(SlurmJob::close);
        List<String> ids = new ArrayList<>();
        for (SlurmJob j : jobs) {
            if (j.slurmId() != null) {
                ids.add(j.slurmId());
            }
        }
        try {
            slurm.cancel(ids);
            awaitEnd(ids, settings.gracePeriod().plusSeconds(10));
        } catch (IOException e) {
            System.err.println("ladder: cannot cancel Slurm jobs " + ids + ": " + e.getMessage());
        } finally {
            queue.close();
        }
    }

    /** Waits until Slurm says every job of {@code ids} ended; false when some still run after {@code limit}. */
    private boolean awaitEnd(List<String> ids, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (slurm.states(ids).values().stream().allMatch(SlurmJobState::ended)) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(SlurmJob.TICK_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The comment of every Slurm job of {@code job}'s experiment: its checkpoint root, which names it. */
    static String comment(Job job) {
        return Owner.experimentKey(ProcessExecutor.checkpointRoot(job));
    }

    @Override
    public String toString() {
        return "SlurmExecutor" + settings.template() + " with " + workers + " jobs at once";
    }

    /** What every job shares. */
    record Settings(CommandTemplate template, String resourceName, Map<String, String> environment, Path workingDir,
                    Path logRoot, SlurmOptions slurm, Duration gracePeriod) {
    }

    /** Settings of a Slurm executor; every default sits next to its field. */
    public static final class Builder extends CommandBuilder<Builder> {
        private SlurmOptions slurm = SlurmOptions.DEFAULTS;
        private Duration pollInterval = Duration.ofSeconds(2);

        private Builder(List<String> command) {
            super(command);
        }

        /** Partition, time limit, account and resources of every job (default: Slurm's defaults). */
        public Builder slurm(SlurmOptions options) {
            this.slurm = Objects.requireNonNull(options, "slurm options");
            return this;
        }

        /** How often the jobs' states are read with squeue (default 2 s). */
        public Builder pollInterval(Duration interval) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("poll interval must be positive, got " + interval);
            }
            this.pollInterval = interval;
            return this;
        }

        /** The executor with these settings. */
        public SlurmExecutor build() {
            return new SlurmExecutor(this);
        }
    }
}
