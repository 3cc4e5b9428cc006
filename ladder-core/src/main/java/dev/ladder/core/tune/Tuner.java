package dev.ladder.core.tune;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Suggestion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The single-threaded event loop: asks the scheduler for work while a worker is free, hands it to
 * the executor, feeds every event back to the scheduler, writes the journal and enforces the stop
 * criteria. Executors post events from their threads; only this loop changes trials.
 */
public final class Tuner {
    private final Scheduler scheduler;
    private final Executor executor;
    private final Clock clock;
    private final StopCriteria stop;
    private final int maxFailures;
    private final List<TunerListener> listeners;
    private final Path outputDir;
    private final String experiment;
    private final EventLog externalLog;
    private final Path externalCheckpoints;
    private final boolean resume;
    private final CheckpointPolicy checkpointPolicy;
    private volatile boolean pauseRequested;

    private final BlockingQueue<TrialEvent> queue = new LinkedBlockingQueue<>();
    private final Map<Integer, Trial> trials = new LinkedHashMap<>();
    private final Map<Integer, Long> jobTarget = new HashMap<>();
    /** Resumes asked for trials whose previous job is still ending; each holds a worker slot. */
    private final Map<Integer, Suggestion.Resume> deferred = new HashMap<>();
    /** How a running job ends when its objective returns: the pause, stop, failure or suspension decided for it. */
    private final Map<Integer, JobEnding> endings = new HashMap<>();
    private final Set<Integer> running = new HashSet<>();

    private EventLog log;
    private Journal journal;
    private ResultsCsv csv;
    private Path checkpointRoot;
    private long startNanos;
    private long totalResource;
    private int failures;
    private String stopReason;
    /** True once a pause was asked for: running jobs are suspended rather than stopped. */
    private boolean suspending;
    private TuningResult.Best best;
    private Checkpoints checkpoints;

    private Tuner(Builder b) {
        this.scheduler = Objects.requireNonNull(b.scheduler, "a scheduler is required");
        this.executor = b.executor != null ? b.executor
                : new InProcessExecutor(Objects.requireNonNull(b.objective, "an objective or an executor is required"), b.workers);
        this.clock = executor.clock();
        this.stop = b.stop;
        this.maxFailures = b.maxFailures;
        this.listeners = List.copyOf(b.listeners);
        this.outputDir = b.outputDir;
        this.experiment = b.experiment;
        this.externalLog = b.log;
        this.externalCheckpoints = b.checkpoints;
        this.resume = b.resume;
        this.checkpointPolicy = b.checkpointPolicy;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the experiment to its end (or until {@link #pause()}) and returns its outcome. When Ladder's
     * own storage fails (a full disk, an unwritable folder, a store that stays unreachable) it throws
     * {@link LadderIoFailure} after ending the session as a crash would, but cleanly: no trial is failed
     * for it, and resuming once the cause is fixed goes on.
     */
    public TuningResult run() {
        try {
            return session();
        } catch (RuntimeException e) {
            LadderIoFailure io = LadderIoFailure.of(e);
            if (io == null) {
                throw e;
            }
            throw abandon(io);
        }
    }

    /**
     * Ends a session whose own storage failed: running jobs end (their trials stay as the journal has
     * them), nothing more is written, the log lets go of what it holds if it still can (a store's
     * lease), and listeners hear why. Resume then recovers as after a crash.
     */
    private LadderIoFailure abandon(LadderIoFailure failure) {
        executor.close();
        if (journal != null) {
            journal.abandon();
        }
        if (csv != null) {
            csv.discard(); // its buffered rows belong to a group the journal may not have
        }
        if (log != null) {
            try {
                log.close();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        listeners.forEach(l -> l.onStorageFailure(failure));
        return failure;
    }

    private TuningResult session() {
        RunFolder folder = openFiles();
        log.onPauseRequest(this::pause);
        log.onNote(note -> listeners.forEach(l -> l.onNote(note)));
        startNanos = clock.nanoTime();
        try {
            JournalReplay replay = new JournalReplay(scheduler);
            long recorded = log.read(replay);
            log.repair().ifPresent(note -> listeners.forEach(l -> l.onNote(note)));
            if (recorded > 0 && !resume) {
                throw new IllegalArgumentException("experiment '" + experiment + "' already exists (" + recorded
                        + " events); resume it or choose another name");
            }
            journal = new Journal(log, recorded);
            checkpoints = new Checkpoints(checkpointRoot, executor.keepsCheckpoints(), checkpointPolicy, scheduler.metric(), journal);
            if (recorded == 0) {
                journal.write("experiment", "name", experiment, "scheduler", scheduler.toString(),
                        "metric", scheduler.metric().name(), "mode", scheduler.metric().mode().name().toLowerCase(),
                        "workers", executor.slots(), "stop", stopDescription());
            } else {
                executor.endStaleJobs(checkpointRoot); // no process of an earlier owner may run beside a restarted job
                restore(replay);
            }
            loop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopReason = "interrupted";
        } catch (RuntimeException | Error e) {
            executor.close();
            if (LadderIoFailure.of(e) == null) { // after a storage failure run() lets go of the log
                try {
                    if (journal != null) {
                        journal.close(); // what was journaled before the error is kept
                    }
                    log.close(); // releases what the log holds (a store lease); what was committed stays
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing); // the first failure is the one to report
                }
            }
            throw e;
        } finally {
            executor.close();
        }
        Duration elapsed = Duration.ofNanos(clock.nanoTime() - startNanos);
        if (!suspending) {
            trials.values().forEach(t -> checkpoints.collect(t, true));
        }
        journal.write(suspending ? "paused" : "finish", "reason", stopReason, "trials", trials.size(),
                "total_resource", totalResource,
                "best_trial", best == null ? null : best.trialId(), "best_value", best == null ? null : best.value());
        commit();
        journal.close();
        log.close();
        if (csv != null) {
            csv.close();
        }
        if (folder.temporary()) {
            checkpoints.deleteAll(); // the caller asked for no files
            trials.values().forEach(t -> t.setCheckpoint(null));
        }
        TuningResult result = new TuningResult(experiment, List.copyOf(trials.values()), Optional.ofNullable(best),
                stopReason, elapsed, totalResource, Optional.ofNullable(folder.dir()));
        listeners.forEach(l -> l.onEnd(result));
        return result;
    }

    /**
     * Asks the experiment to pause: no new job starts, each running job is asked to end at its next
     * report (its result still goes to the scheduler) and keeps its checkpoint, and {@link #run()} returns
     * with stop reason "paused". Resuming runs those jobs again up to where they were headed. Safe to
     * call from any thread, e.g. a signal handler.
     */
    public void pause() {
        pauseRequested = true;
    }

    /**
     * Continues from a replayed journal: jobs that were running when the last process died end as
     * decided, if their ending was journaled, or run again from their checkpoint (from scratch without
     * one; their reports up to the last recorded resource are ignored); suspended jobs run again.
     */
    private void restore(JournalReplay replay) {
        trials.putAll(replay.trials());
        totalResource = replay.totalResource;
        failures = replay.failures;
        best = replay.best;
        for (Trial t : trials.values()) {
            Double value = replay.lastValue.get(t.id());
            if (value != null) {
                checkpoints.report(t.id(), t.lastResource(), value);
            }
        }
        checkpoints.restore(trials, replay.latestCheckpoints, replay.bestCheckpoints);
        journal.write("resumed", "events", replay.events(), "open_jobs", replay.openJobs.keySet(),
                "suspended", replay.suspended.keySet());
        if (best != null) {
            checkBudgets(best.value(), scheduler.metric());
        }
        for (Map.Entry<Integer, Long> job : replay.openJobs.entrySet()) {
            Trial trial = trials.get(job.getKey());
            running.add(trial.id());
            jobTarget.put(trial.id(), job.getValue());
            Suggestion.Resume resume = replay.deferred.get(trial.id());
            if (resume != null) {
                deferred.put(trial.id(), resume);
            }
            JobEnding ending = replay.endings.get(trial.id());
            if (ending != null) {
                endJob(trial, ending, false); // its folder was never sealed: the restore deleted it
            } else {
                running.remove(trial.id());
                restart(trial, job.getValue(), "its job was lost when the previous process ended");
            }
        }
        replay.suspended.forEach((id, target) -> restart(trials.get(id), target, "the experiment resumed"));
    }

    /** Runs a job the scheduler counts as running again, up to its target, from its checkpoint. */
    private void restart(Trial trial, long target, String reason) {
        if (stopReason != null) {
            journal.write("suspend", "trial", trial.id(), "resource", target, "reason", "experiment ended: " + stopReason);
            trial.setStatus(TrialStatus.PAUSED, "experiment ended: " + stopReason);
            return;
        }
        journal.write("restart", "trial", trial.id(), "from", trial.lastResource(), "resource", target,
                "checkpoint", trial.checkpoint().isPresent(), "reason", reason);
        launch(trial, new Suggestion.Resume(trial.id(), target, reason));
    }

    private void loop() throws InterruptedException {
        while (true) {
            checkPause();
            checkWallTime(); // also when no event came before the deadline
            if (stopReason == null) {
                fillWorkers();
            }
            commit();
            if (running.isEmpty() && deferred.isEmpty()) {
                if (stopReason == null) {
                    stopReason = trials.isEmpty() ? "the scheduler suggested no trial" : "no more work: the scheduler has nothing to run";
                }
                return;
            }
            // the events that arrived together form a group: journaled together, then acted on
            List<Runnable> replies = new ArrayList<>();
            for (TrialEvent event = nextEvent(); event != null; event = queue.poll()) {
                checkPause();
                checkWallTime(); // an event past the deadline is handled as after the stop
                handle(event, replies);
            }
            commit();
            replies.forEach(Runnable::run);
        }
    }

    /**
     * Hands the current group of events to the journal's writer, with what must wait until it is
     * durable: deleting the checkpoint folders it made unneeded, appending its rows to results.csv.
     */
    private void commit() {
        List<Runnable> afterDurable = new ArrayList<>(2);
        Runnable deletes = checkpoints.takeDoomed();
        if (deletes != null) {
            afterDurable.add(deletes);
        }
        if (csv != null) {
            List<String> rows = csv.take();
            if (!rows.isEmpty()) {
                afterDurable.add(() -> csv.append(rows));
            }
        }
        journal.flush(afterDurable);
    }

    /** The next event, waiting at most until the wall-time limit (null when it passed first). */
    private TrialEvent nextEvent() throws InterruptedException {
        long left = stop.maxWallTime() == null || stopReason != null ? Long.MAX_VALUE
                : stop.maxWallTime().toNanos() - (clock.nanoTime() - startNanos);
        return clock.next(queue, left);
    }

    private void fillWorkers() {
        while (running.size() + deferred.size() < executor.slots()) {
            boolean mayStart = stop.maxTrials() == null || trials.size() < stop.maxTrials();
            Optional<Suggestion> s = scheduler.suggest(trials.size(), mayStart);
            if (s.isEmpty()) {
                journal.write("idle", "next", trials.size(), "may_start", mayStart); // replay repeats this call too
                return;
            }
            if (s.get() instanceof Suggestion.Start start) {
                if (!mayStart) {
                    throw new IllegalStateException(scheduler + " started a trial although it was told not to");
                }
                Trial trial = new Trial(trials.size(), start.config());
                trials.put(trial.id(), trial);
                journal.write("start", "trial", trial.id(), "resource", start.resource(), "config", start.config().asMap());
                launch(trial, start);
            } else if (s.get() instanceof Suggestion.Resume resume) {
                Trial trial = trials.get(resume.trialId());
                if (trial == null || (trial.status() != TrialStatus.PAUSED && !isPausing(trial))) {
                    throw new IllegalStateException(scheduler + " asked to resume trial " + resume.trialId()
                            + " which is " + (trial == null ? "unknown" : trial.status()));
                }
                journal.write("resume", "trial", trial.id(), "from", trial.lastResource(), "resource", resume.resource(),
                        "reason", resume.reason(), "next", trials.size(), "may_start", mayStart);
                if (running.contains(trial.id())) {
                    deferred.put(trial.id(), resume); // its job is still saving its checkpoint
                } else {
                    launch(trial, resume);
                }
            }
        }
    }

    private void checkPause() {
        if (pauseRequested && stopReason == null) {
            stopReason = "paused";
            suspending = true;
        }
    }

    private boolean isPausing(Trial trial) {
        JobEnding e = endings.get(trial.id());
        return running.contains(trial.id()) && e != null && e.status() == TrialStatus.PAUSED;
    }

    private void launch(Trial trial, Suggestion s) {
        Path dir = checkpoints.open(trial, journal.lastSeq());
        trial.setStatus(TrialStatus.RUNNING, s instanceof Suggestion.Resume r ? r.reason() : "");
        running.add(trial.id());
        endings.remove(trial.id());
        jobTarget.put(trial.id(), s.resource());
        listeners.forEach(l -> l.onTrialStart(trial, s));
        commit(); // the start is written before the job runs
        executor.start(new Job(trial.id(), trial.config(), trial.lastResource(), s.resource(), dir), queue::add);
    }

    /** Handles one event; the answer to a report is added to {@code replies}, to be sent once the group is written. */
    private void handle(TrialEvent event, List<Runnable> replies) {
        Trial trial = trials.get(event.trialId());
        if (event instanceof TrialEvent.Reported r) {
            boolean goOn = onReport(trial, r);
            replies.add(() -> r.reply().send(goOn));
        } else if (event instanceof TrialEvent.Ended e) {
            JobEnding ending = endings.get(trial.id());
            if (ending == null) { // it returned without being told to: only right once its target is reached
                long target = jobTarget.get(trial.id());
                ending = trial.lastResource() >= target || e.programEnd() ? new JobEnding(TrialStatus.COMPLETED, "finished")
                        : new JobEnding(TrialStatus.FAILED, "trial " + trial.id() + ": its job ended "
                        + (e.lastReported() < 0 ? "without any report" : "at resource " + trial.lastResource())
                        + " before reaching its target resource " + target);
            }
            endJob(trial, ending, e.lastReported() <= trial.lastResource());
        } else if (event instanceof TrialEvent.Failed f) {
            endJob(trial, new JobEnding(TrialStatus.FAILED, f.message()), false);
        } else if (event instanceof TrialEvent.StorageFailed f) {
            throw f.failure(); // not the trial's fault: the session ends unwritten, the trial resumes later
        }
    }

    /** Records a report, asks the scheduler and says whether the job goes on. */
    private boolean onReport(Trial trial, TrialEvent.Reported r) {
        if (endings.containsKey(trial.id())) {
            return false; // its job was told to end already
        }
        if (r.resource() <= trial.lastResource()) {
            journal.write("ignored", "trial", trial.id(), "resource", r.resource(),
                    "reason", "already reported up to " + trial.lastResource());
            return true;
        }
        Metric metric = scheduler.metric();
        long target = jobTarget.get(trial.id());
        String problem = r.resource() > target
                ? "trial " + trial.id() + " reported resource " + r.resource() + ", above its job's target " + target
                : checkMetrics(r, metric);
        if (problem != null) {
            JobEnding failed = new JobEnding(TrialStatus.FAILED, problem);
            endings.put(trial.id(), failed);
            journal.write("invalid", "trial", trial.id(), "resource", r.resource(), "reason", problem, "then", failed.asMap());
            return false;
        }
        totalResource += r.resource() - trial.lastResource();
        trial.setLastResource(r.resource());
        Result result = new Result(trial.id(), r.resource(), r.metrics());
        best = TuningResult.Best.update(best, trial, result, metric);
        checkpoints.report(trial.id(), r.resource(), result.value(metric));
        boolean asked = stopReason == null || suspending; // a pause still lets the scheduler see every result
        Decision decision = asked ? scheduler.onResult(trial, result) : Decision.stop(stopReason);
        if (decision instanceof Decision.Pause p) {
            endings.put(trial.id(), new JobEnding(TrialStatus.PAUSED, p.reason()));
        } else if (decision instanceof Decision.Stop s) {
            endings.put(trial.id(), new JobEnding(TrialStatus.STOPPED, s.reason()));
        } else if (r.resource() >= target) {
            endings.put(trial.id(), new JobEnding(TrialStatus.COMPLETED, "reached resource " + r.resource()));
        }
        checkBudgets(result.value(metric), metric);
        if (stopReason != null && !endings.containsKey(trial.id())) {
            endings.put(trial.id(), suspending ? JobEnding.suspend("experiment paused")
                    : new JobEnding(TrialStatus.STOPPED, "experiment ended: " + stopReason));
        }
        JobEnding then = endings.get(trial.id());
        double seconds = seconds();
        journal.write("result", "trial", trial.id(), "resource", r.resource(), "metrics", new TreeMap<>(r.metrics()),
                "decision", decision.name(), "reason", decision.reason(), "by", asked ? "scheduler" : "tuner",
                "then", then == null ? null : then.asMap(), "seconds", seconds);
        if (csv != null) {
            csv.write(result, trial.config(), metric.name(), seconds);
        }
        listeners.forEach(l -> l.onResult(trial, result, decision, best));
        return then == null;
    }

    private static String checkMetrics(TrialEvent.Reported r, Metric metric) {
        Double v = r.metrics().get(metric.name());
        if (v == null) {
            return "reported no '" + metric.name() + "' at resource " + r.resource() + " (it reported " + r.metrics().keySet() + ")";
        }
        for (Map.Entry<String, Double> e : r.metrics().entrySet()) {
            if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                return "metric '" + e.getKey() + "' is " + e.getValue() + " at resource " + r.resource();
            }
        }
        return null;
    }

    /**
     * Ends {@code trial}'s job as {@code ending} says; {@code trusted}: its checkpoint folder holds nothing
     * past the trial's last recorded resource, so it becomes the trial's latest checkpoint.
     */
    private void endJob(Trial trial, JobEnding ending, boolean trusted) {
        running.remove(trial.id());
        endings.remove(trial.id());
        if (ending.status() == TrialStatus.FAILED) {
            checkpoints.discard(trial);
        } else {
            checkpoints.seal(trial, trusted);
        }
        if (ending.suspends()) { // the scheduler still counts it as running: no end for it
            trial.setStatus(TrialStatus.PAUSED, ending.reason());
            journal.write("suspend", "trial", trial.id(), "resource", jobTarget.get(trial.id()), "reason", ending.reason(),
                    "checkpoint", checkpointOf(trial), "checkpoint_resource", checkpointResource(trial));
            listeners.forEach(l -> l.onTrialEnd(trial));
            return;
        }
        TrialStatus status = ending.status();
        String reason = ending.reason();
        trial.setStatus(status, reason);
        journal.write("end", "trial", trial.id(), "status", status.name(), "resource", trial.lastResource(), "reason", reason,
                "checkpoint", checkpointOf(trial), "checkpoint_resource", checkpointResource(trial));
        checkpoints.collect(trial, false);
        scheduler.onTrialEnd(trial);
        listeners.forEach(l -> l.onTrialEnd(trial));
        if (status == TrialStatus.FAILED && ++failures >= maxFailures && stopReason == null) {
            stopReason = failures + " trials failed (max failures " + maxFailures + "); last: trial " + trial.id() + ": " + reason;
        }
        Suggestion.Resume resume = deferred.remove(trial.id());
        if (resume != null) {
            jobTarget.put(trial.id(), resume.resource());
            if (stopReason == null && status == TrialStatus.PAUSED) {
                launch(trial, resume);
            } else { // asked for before the experiment ended: it runs when the experiment resumes
                trial.setStatus(TrialStatus.PAUSED, "experiment ended: " + stopReason);
                journal.write("suspend", "trial", trial.id(), "resource", resume.resource(),
                        "reason", "experiment ended: " + stopReason);
            }
        }
    }

    private String checkpointOf(Trial trial) {
        return trial.checkpoint().map(checkpoints::relative).orElse(null);
    }

    private Long checkpointResource(Trial trial) {
        return checkpoints.latest(trial.id()).map(Checkpoints.Saved::resource).orElse(null);
    }

    private void checkBudgets(double value, Metric metric) {
        if (stopReason != null) {
            return;
        }
        if (stop.targetValue() != null && !metric.better(stop.targetValue(), value)) {
            stopReason = "target " + metric.name() + " " + stop.targetValue() + " reached: " + value;
        } else if (stop.maxTotalResource() != null && totalResource >= stop.maxTotalResource()) {
            stopReason = "max total resource " + stop.maxTotalResource() + " used";
        }
    }

    private void checkWallTime() {
        if (stopReason == null && stop.maxWallTime() != null
                && clock.nanoTime() - startNanos >= stop.maxWallTime().toNanos()) {
            stopReason = "max wall time " + stop.maxWallTime() + " reached";
        }
    }

    private double seconds() {
        return (clock.nanoTime() - startNanos) / 1e9;
    }

    private Map<String, Object> stopDescription() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_trials", stop.maxTrials());
        m.put("max_wall_time_s", stop.maxWallTime() == null ? null : stop.maxWallTime().toMillis() / 1000.0);
        m.put("max_total_resource", stop.maxTotalResource());
        m.put("target_value", stop.targetValue());
        m.put("max_failures", maxFailures);
        return m;
    }

    private RunFolder openFiles() {
        log = externalLog; // first: should the folders fail, run() still lets go of what the log holds (a lease)
        RunFolder f = externalLog != null ? RunFolder.of(externalLog, externalCheckpoints)
                : outputDir == null ? RunFolder.none() : RunFolder.open(outputDir, experiment, resume);
        log = f.log();
        csv = f.csv();
        checkpointRoot = f.checkpoints();
        return f;
    }

    /** Settings of a run; every default sits next to its field. */
    public static final class Builder {
        private Scheduler scheduler;
        private Objective objective;
        /** Trials run at once in this JVM when no executor is given; the CLI's default too. */
        public static final int DEFAULT_WORKERS = 1;
        private Executor executor;
        private int workers = DEFAULT_WORKERS;
        private boolean workersGiven;
        private StopCriteria stop = StopCriteria.NONE;
        private int maxFailures = 10;
        private final List<TunerListener> listeners = new ArrayList<>();
        private Path outputDir;
        private String experiment = "experiment";
        private EventLog log;
        private Path checkpoints;
        private boolean resume;
        private CheckpointPolicy checkpointPolicy = CheckpointPolicy.all();

        public Builder scheduler(Scheduler scheduler) { this.scheduler = scheduler; return this; }

        /** The function to tune, run in this JVM on {@link #workers} threads. */
        public Builder objective(Objective objective) { this.objective = objective; return this; }

        /** Runs jobs elsewhere (processes, a simulator); replaces {@link #objective}. */
        public Builder executor(Executor executor) { this.executor = executor; return this; }

        /** Threads for {@link #objective} (default {@link #DEFAULT_WORKERS}); an executor has its own, so both is an error. */
        public Builder workers(int workers) { this.workers = workers; this.workersGiven = true; return this; }

        public Builder stop(StopCriteria stop) { this.stop = Objects.requireNonNull(stop); return this; }

        public Builder maxTrials(int n) { return stop(stop.withMaxTrials(n)); }

        public Builder maxWallTime(Duration d) { return stop(stop.withMaxWallTime(d)); }

        public Builder maxTotalResource(long r) { return stop(stop.withMaxTotalResource(r)); }

        public Builder targetValue(double v) { return stop(stop.withTargetValue(v)); }

        /** The experiment ends once this many trials have failed (default 10). */
        public Builder maxFailures(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max failures must be at least 1, got " + n);
            }
            this.maxFailures = n;
            return this;
        }

        public Builder listener(TunerListener l) { listeners.add(l); return this; }

        /** Writes {@code dir/name/events.jsonl}, {@code results.csv} and {@code checkpoints/}. */
        public Builder output(Path dir, String name) {
            ExperimentName.check(name);
            this.outputDir = dir;
            this.experiment = name;
            return this;
        }

        /**
         * Journals to {@code log} (a database, say) and keeps checkpoints under {@code checkpoints};
         * replaces {@link #output}. The experiment's name is {@code name}.
         */
        public Builder log(EventLog log, Path checkpoints, String name) {
            output(null, name);
            this.log = Objects.requireNonNull(log);
            this.checkpoints = Objects.requireNonNull(checkpoints);
            return this;
        }

        /**
         * Continues the experiment already in the journal: its events are replayed into the (fresh)
         * scheduler, which must be built as the original was; stop criteria are this builder's, so
         * raising max trials extends a finished experiment.
         */
        public Builder resume() { this.resume = true; return this; }

        /** Which checkpoints to keep (default {@link CheckpointPolicy#all()}). */
        public Builder checkpoints(CheckpointPolicy policy) { this.checkpointPolicy = Objects.requireNonNull(policy); return this; }

        public Tuner build() {
            if (executor != null && workersGiven) {
                throw new IllegalArgumentException("Tuner.Builder: workers(" + workers + ") and executor(" + executor
                        + ") both given; an executor runs its own workers, so give the number to it");
            }
            return new Tuner(this);
        }

        public TuningResult run() { return build().run(); }
    }
}
