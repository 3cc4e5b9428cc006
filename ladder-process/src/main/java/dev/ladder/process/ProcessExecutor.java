package dev.ladder.process;

import dev.ladder.core.tune.Executor;
import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.TrialEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs each job as one operating-system process started from a command template, never through a
 * shell, and turns its {@code LADDER_REPORT} lines into {@link TrialEvent.Reported} events (the process
 * protocol of DESIGN.md; see {@code docs/process-trials.md}). Restarts follow Determined's
 * {@code max_restarts}.
 *
 * <p>Invariants:
 * <ul>
 * <li>Every started job posts exactly one final event, {@link TrialEvent.Ended} or
 *     {@link TrialEvent.Failed} (none once {@link #close()} has begun), after its process tree has
 *     ended; so one trial never has two processes at once. When Ladder's own files fail (the trial's
 *     log folder cannot be made, a log line cannot be written) the tree is ended and the final event
 *     is {@link TrialEvent.StorageFailed}: the tuner pauses the experiment, the trial does not fail.</li>
 * <li>A job's failure message starts with {@code trial N:} and names the cause (exit code and last
 *     stderr lines, timeout, malformed line, a process ignoring SIGTERM, a program that cannot be
 *     started).</li>
 * <li>A report is posted and the executor waits for the tuner's reply before it handles the next
 *     report line; meanwhile the process keeps running and its output keeps being read into the logs
 *     (report lines are queued). When the reply is false the process tree is ended: at once with
 *     SIGTERM when the job had not reached its target resource, otherwise after it had the grace
 *     period to exit by itself; SIGKILL follows the grace period.</li>
 * <li>At most {@link #slots()} jobs run at once (the tuner never starts more); each job uses one
 *     thread to watch its process and one per output stream.</li>
 * <li>A failed job is started again up to {@code maxRestarts} times from the last resource the tuner
 *     accepted, unless the program cannot be started or the tuner had already ended the job.</li>
 * </ul>
 */
public final class ProcessExecutor implements Executor {
    private final Settings settings;
    private final int workers;
    private final Set<JobRunner> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private ProcessExecutor(Builder b) {
        this.workers = b.workers;
        this.settings = new Settings(new CommandTemplate(b.command), b.resourceName, Map.copyOf(b.environment),
                b.workingDir, b.logRoot, b.reportTimeout, b.jobTimeout, b.gracePeriod, b.maxRestarts);
    }

    /** One worker, defaults for everything else. */
    public ProcessExecutor(List<String> command) {
        this(builder(command));
    }

    /** Runs {@code command} on {@code workers} (at least 1) trial processes at a time, defaults for everything else. */
    public ProcessExecutor(List<String> command, int workers) {
        this(builder(command).workers(workers));
    }

    /** Settings for the command {@code command} (an argv list with {@code {name}} placeholders). */
    public static Builder builder(List<String> command) {
        return new Builder(command);
    }

    @Override
    public int slots() {
        return workers;
    }

    @Override
    public void start(Job job, Consumer<TrialEvent> events) {
        if (closed) {
            throw new IllegalStateException("process executor is closed; cannot start trial " + job.trialId());
        }
        Watchdog.ensureRunning(); // before the first trial process exists
        JobRunner runner = new JobRunner(settings, job, events, active::remove);
        active.add(runner);
        Thread t = new Thread(runner, "ladder-process-trial-" + job.trialId());
        t.setDaemon(true);
        runner.thread = t;
        t.start();
    }

    /**
     * Ends (SIGKILL) every process that carries {@code LADDER_EXPERIMENT_DIR} of this experiment and
     * another {@code LADDER_OWNER} than this JVM, and waits until none is left (Linux; elsewhere nothing).
     */
    @Override
    public void endStaleJobs(Path checkpointRoot) {
        StaleProcesses.end(checkpointRoot);
    }

    /**
     * Ends every running process tree (SIGTERM, SIGKILL after the grace period) and waits for the jobs' threads, so
     * that nothing of them touches a folder after it returns; their jobs post nothing more.
     */
    @Override
    public void close() {
        closed = true;
        List<JobRunner> runners = new ArrayList<>(active);
        List<Thread> killers = new ArrayList<>();
        for (JobRunner r : runners) {
            Thread k = new Thread(r::cancel, "ladder-process-close-" + r.job.trialId());
            k.setDaemon(true);
            k.start();
            killers.add(k);
        }
        for (Thread k : killers) {
            try {
                k.join(settings.gracePeriod().toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (JobRunner r : runners) { // a runner still starting (making its folders) is done before close returns
            Thread t = r.thread;
            if (t == null || t == Thread.currentThread()) {
                continue;
            }
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "ProcessExecutor" + settings.template() + " on " + workers + " workers";
    }

    /** What every job shares. */
    record Settings(CommandTemplate template, String resourceName, Map<String, String> environment, Path workingDir,
                    Path logRoot, Duration reportTimeout, Duration jobTimeout, Duration gracePeriod, int maxRestarts) {
    }

    /**
     * The folder that holds the experiment's {@code trial-N} checkpoint folders: the parent of the
     * job's {@code trial-N} folder, which is the job's checkpoint folder or one of its ancestors.
     */
    static Path checkpointRoot(Job job) {
        Path dir = job.checkpointDir().toAbsolutePath().normalize();
        String trial = "trial-" + job.trialId();
        for (Path p = dir; p.getParent() != null; p = p.getParent()) {
            if (p.getFileName().toString().equals(trial)) {
                return p.getParent();
            }
        }
        return dir.getParent() != null ? dir.getParent() : dir;
    }

    /** Settings of a process executor; every default sits next to its field. */
    public static final class Builder extends CommandBuilder<Builder> {
        private Duration reportTimeout; // null: no timeout
        private Duration jobTimeout; // null: no limit
        private int maxRestarts = 0;

        private Builder(List<String> command) {
            super(command);
        }

        /**
         * A job fails when its process prints no report for this long: from its start to the first
         * report, between reports, and from the last report to its exit; time spent waiting for the
         * tuner's reply does not count (default: no timeout).
         */
        public Builder reportTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("report timeout must be positive, got " + timeout);
            }
            this.reportTimeout = timeout;
            return this;
        }

        /**
         * A job fails when its process runs longer than this, however regularly it reports (default: no
         * limit); a restart gets the same time again.
         */
        public Builder jobTimeout(Duration timeout) {
            if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
                throw new IllegalArgumentException("job timeout must be positive, got " + timeout);
            }
            this.jobTimeout = timeout;
            return this;
        }

        /** How often a failed job is started again, from its last accepted resource, before it fails (default 0). */
        public Builder maxRestarts(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("max restarts must not be negative, got " + n);
            }
            this.maxRestarts = n;
            return this;
        }

        /** The executor with these settings. */
        public ProcessExecutor build() {
            return new ProcessExecutor(this);
        }
    }
}
