package dev.ladder.core.tune;

import dev.ladder.core.Best;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.journal.ExperimentState;
import dev.ladder.core.journal.JobEnding;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.core.journal.JournalEvent.CheckpointRef;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.space.SearchSpace;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The single-threaded event loop: asks the scheduler for work while a worker is free, hands it to
 * the executor, feeds every event back to the scheduler and enforces the stop criteria. Every change
 * of the experiment is a journal event: the loop builds it, applies it to the {@link ExperimentState}
 * and hands it to the journal's writer, so a resume that applies the same events is in the same state.
 * Executors post events from their threads; only this loop changes trials.
 */
public final class Tuner {
    private final Scheduler scheduler;
    private final Metric metric;
    private final Executor executor;
    private final Clock clock;
    private final List<TunerListener> listeners;
    private final Session.Where where;
    private final CheckpointPolicy checkpointPolicy;
    private final Stopping stop;
    private final List<Config> enqueued;
    private final List<PriorData> priors;

    private final BlockingQueue<TrialEvent> queue = new LinkedBlockingQueue<>();
    private Session session;
    private ExperimentState state;
    private Checkpoints checkpoints;

    private Tuner(Builder b) {
        this.scheduler = Objects.requireNonNull(b.scheduler, "a scheduler is required");
        this.metric = scheduler.metric();
        this.executor = b.executor != null ? b.executor
                : new InProcessExecutor(Objects.requireNonNull(b.objective, "an objective or an executor is required"), b.workers);
        this.clock = executor.clock();
        this.stop = new Stopping(b.stop, b.maxFailures, clock);
        this.listeners = List.copyOf(b.listeners);
        this.where = new Session.Where(b.log, b.checkpoints, b.outputDir, b.experiment, b.resume, b.resultsTable);
        this.checkpointPolicy = b.checkpointPolicy;
        this.enqueued = List.copyOf(b.enqueued);
        this.priors = List.copyOf(b.priors);
    }

    /** A builder: a scheduler and an objective (or an executor) are required, everything else has a default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs the experiment to its end (or until {@link #pause()}) and returns its outcome. When Ladder's
     * own storage fails (a full disk, an unwritable folder, a store that stays unreachable) it throws
     * {@link LadderIoFailure} after ending the session as a crash would, but cleanly: no trial is failed
     * for it, running jobs end (their trials stay as the journal has them), and resuming once the cause
     * is fixed goes on.
     */
    public TuningResult run() {
        try {
            return runSession();
        } catch (RuntimeException e) {
            LadderIoFailure io = LadderIoFailure.of(e);
            if (io == null) {
                throw e;
            }
            executor.close();
            if (session != null) {
                session.abandon(io);
            }
            listeners.forEach(l -> l.onStorageFailure(io));
            throw io;
        }
    }

    /**
     * Asks the experiment to pause: no new job starts, each running job is asked to end at its next
     * report (its result still goes to the scheduler) and keeps its checkpoint, and {@link #run()} returns
     * with stop reason "paused". Resuming runs those jobs again up to where they were headed. Safe to
     * call from any thread, e.g. a signal handler.
     */
    public void pause() {
        stop.requestPause();
    }

    /**
     * Excludes trial {@code trialId} from the rankings (it stays in the journal): an {@code exclude} event,
     * journaled by the loop; the scheduler drops it from its rungs, the best leaves it out, a job it runs
     * stops at its next report. Safe to call from any thread while the tuner runs; a trial it does not know
     * gets a note and nothing else.
     */
    public void exclude(int trialId, String reason) {
        queue.add(new TrialEvent.Exclude(trialId, Objects.requireNonNull(reason, "reason")));
    }

    private TuningResult runSession() {
        session = Session.open(where, metric);
        state = session.state;
        session.log().onNote(note -> listeners.forEach(l -> l.onNote(note)));
        session.log().onPauseRequest(this::pause);
        session.log().onExcludeRequest(this::exclude);
        stop.start();
        try {
            long recorded = session.replay(new JournalReplay(scheduler, state), note -> listeners.forEach(l -> l.onNote(note)));
            if (recorded > 0 && !where.resume()) {
                throw new IllegalArgumentException("experiment '" + where.experiment() + "' already exists (" + recorded
                        + " events); resume it or choose another name");
            }
            checkpoints = session.checkpoints(executor.keepsCheckpoints(), checkpointPolicy, metric);
            state.onTrialEnd(this::trialEnded);
            if (recorded == 0) {
                session.record(new JournalEvent.Experiment(where.experiment(), scheduler.toString(), metric, executor.slots(), stop.limits()));
            } else {
                executor.endStaleJobs(session.folder.checkpoints()); // no process of an earlier owner may run beside a restarted job
                restore();
            }
            warmStart();
            loop();
            session.sync(); // what runs once durable (answers of an executor whose jobs outlive the tuner) runs before it closes
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.stop("interrupted");
        } catch (RuntimeException | Error e) {
            executor.close();
            if (LadderIoFailure.of(e) == null) { // after a storage failure run() abandons the session
                session.closeAfter(e);
            }
            throw e;
        } finally {
            executor.close();
        }
        return finish();
    }

    /** Records how the session ended, closes the files and tells the listeners. */
    private TuningResult finish() {
        Duration elapsed = Duration.ofNanos(stop.elapsedNanos());
        if (!stop.suspending()) {
            state.trials().values().forEach(t -> checkpoints.collect(t, true));
        }
        Optional<Best> best = state.best();
        JournalEvent.Summary summary = new JournalEvent.Summary(stop.reason(), state.trials().size(), state.totalResource(),
                best.map(Best::trialId).orElse(null), best.map(Best::value).orElse(null));
        session.record(stop.suspending() ? new JournalEvent.Paused(summary) : new JournalEvent.Finish(summary));
        session.close();
        TuningResult result = new TuningResult(where.experiment(), List.copyOf(state.trials().values()), best, stop.reason(),
                elapsed, state.totalResource(), Optional.ofNullable(session.folder.dir()), state.front());
        listeners.forEach(l -> l.onEnd(result));
        return result;
    }

    /**
     * Continues from a replayed journal: jobs that were running when the last process died end as
     * decided, if their ending was journaled, or run again from their checkpoint (from scratch without
     * one; their reports up to the last recorded resource are ignored); suspended jobs run again.
     */
    private void restore() {
        for (Trial t : state.trials().values()) {
            Double value = state.lastValue(t.id());
            if (value != null) {
                checkpoints.report(t.id(), t.lastResource(), value);
            }
        }
        List<Integer> open = state.openJobs().keySet().stream().sorted().toList();
        List<Integer> attached = new ArrayList<>();
        for (int id : open) { // an executor whose jobs outlive the tuner may still run them
            Trial trial = state.trial(id);
            Job job = new Job(id, trial.config(), trial.lastResource(), state.openJobs().get(id),
                    checkpoints.adopt(id, state.jobSeq(id)));
            if (executor.reattach(job, queue::add)) {
                attached.add(id);
            } else {
                checkpoints.discard(trial); // nothing to seal: restore() deletes its folder
            }
        }
        checkpoints.restore();
        List<Integer> suspended = List.copyOf(state.suspended().keySet());
        session.record(new JournalEvent.Resumed(state.events(), open, suspended));
        state.best().ifPresent(b -> stop.afterResult(b.value(), state.totalResource(), metric));
        for (int id : open) {
            if (attached.contains(id)) {
                continue; // its reports and end come from the executor
            }
            Trial trial = state.trial(id);
            JobEnding ending = state.ending(id);
            if (ending != null) {
                endJob(trial, ending, false); // its folder was never sealed: the restore deleted it
            } else {
                restart(trial, state.openJobs().get(id), "its job was lost when the previous process ended");
            }
        }
        suspended.forEach(id -> restart(state.trial(id), state.suspended().get(id), "the experiment resumed"));
    }

    /**
     * Hands the scheduler the prior data and enqueued configurations the journal does not hold yet, and
     * journals them (replay hands it those it holds): on a resume, those given again are neither fed twice
     * nor forgotten.
     */
    private void warmStart() {
        for (PriorData p : priors) {
            if (!state.priors().containsKey(p.sha256())) {
                scheduler.observePrior(p.trials());
                session.record(new JournalEvent.Prior(p.source(), p.sha256(), p.trials()));
            }
        }
        List<Config> fresh = new ArrayList<>(enqueued);
        state.enqueued().forEach(fresh::remove); // journaled before: replay enqueued them already
        if (!fresh.isEmpty()) {
            scheduler.enqueue(fresh);
            session.record(new JournalEvent.Enqueue(fresh, "Tuner.Builder.enqueue"));
        }
    }

    /** Journals the exclusion of a trial the experiment has and has not excluded yet. */
    private void exclude(TrialEvent.Exclude x) {
        if (state.trial(x.trialId()) == null) {
            listeners.forEach(l -> l.onNote("exclude: experiment " + where.experiment() + " has no trial " + x.trialId()));
            return;
        }
        if (!state.isExcluded(x.trialId())) {
            scheduler.exclude(x.trialId());
            session.record(new JournalEvent.Exclude(x.trialId(), x.reason()));
        }
    }

    /** Runs a job the scheduler counts as running again, up to its target, from its checkpoint. */
    private void restart(Trial trial, long target, String reason) {
        if (stop.stopped()) {
            session.record(new JournalEvent.Suspend(trial.id(), target, "experiment ended: " + stop.reason(), null));
            return;
        }
        session.record(new JournalEvent.Restart(trial.id(), trial.lastResource(), target, trial.checkpoint().isPresent(), reason));
        launch(trial, new Suggestion.Resume(trial.id(), target, reason));
    }

    private void loop() throws InterruptedException {
        while (true) {
            stop.check(); // also when no event came before the deadline
            if (!stop.stopped()) {
                fillWorkers();
            }
            session.commit();
            if (state.openJobs().isEmpty() && state.deferredCount() == 0) {
                stop.stop(state.trials().isEmpty() ? "the scheduler suggested no trial" : "no more work: the scheduler has nothing to run");
                return;
            }
            // the events that arrived together form a group: journaled together, then acted on
            List<Runnable> replies = new ArrayList<>();
            for (TrialEvent event = clock.next(queue, stop.waitNanos()); event != null; event = queue.poll()) {
                stop.check(); // an event past the deadline is handled as after the stop
                handle(event, replies);
            }
            if (executor.outlivesTuner() && !stop.stopped()) {
                fillWorkers(); // the next jobs ride on the same commit as the answers: one journal commit less per turn
            }
            commitThen(() -> replies.forEach(Runnable::run));
        }
    }

    /**
     * Hands the current group of events to the journal's writer and runs {@code action}: at once, or, for an
     * executor whose jobs outlive this process, once the group is durable (so no worker acts on an event a
     * crash could lose).
     */
    private void commitThen(Runnable action) {
        if (executor.outlivesTuner()) {
            session.commit(action);
        } else {
            session.commit();
            action.run();
        }
    }

    private void fillWorkers() {
        while (state.openJobs().size() + state.deferredCount() < executor.slots()) {
            int next = state.trials().size();
            boolean mayStart = stop.mayStart(next);
            Optional<Suggestion> s = scheduler.suggest(next, mayStart);
            if (s.isEmpty()) {
                session.record(new JournalEvent.Idle(next, mayStart)); // replay repeats this call too
                return;
            }
            if (s.get() instanceof Suggestion.Start start) {
                if (!mayStart) {
                    throw new IllegalStateException(scheduler + " started a trial although it was told not to");
                }
                session.record(new JournalEvent.Start(next, start.resource(), start.config()));
                launch(state.trial(next), start);
            } else if (s.get() instanceof Suggestion.Resume r) {
                Trial trial = state.trial(r.trialId());
                if (trial == null || (trial.status() != TrialStatus.PAUSED && !isPausing(trial))) {
                    throw new IllegalStateException(scheduler + " asked to resume trial " + r.trialId()
                            + " which is " + (trial == null ? "unknown" : trial.status()));
                }
                session.record(new JournalEvent.Resume(trial.id(), trial.lastResource(), r.resource(), r.reason(), next, mayStart));
                if (state.deferred(trial.id()) == null) { // else its job is still saving its checkpoint
                    launch(trial, r);
                }
            }
        }
    }

    private boolean isPausing(Trial trial) {
        JobEnding e = state.ending(trial.id());
        return state.openJobs().containsKey(trial.id()) && e != null && e.status() == TrialStatus.PAUSED;
    }

    /** Starts the job the last event opened for {@code trial}, once that event is handed to the writer. */
    private void launch(Trial trial, Suggestion s) {
        Path dir = checkpoints.open(trial, session.lastSeq());
        listeners.forEach(l -> l.onTrialStart(trial, s));
        Job job = new Job(trial.id(), trial.config(), trial.lastResource(), s.resource(), dir);
        commitThen(() -> executor.start(job, queue::add)); // the start is written before the job runs
    }

    /** Handles one event; the answer to a report is added to {@code replies}, to be sent once the group is written. */
    private void handle(TrialEvent event, List<Runnable> replies) {
        if (event instanceof TrialEvent.Exclude x) {
            exclude(x);
            return;
        }
        Trial trial = state.trial(event.trialId());
        if (event instanceof TrialEvent.Reported r) {
            boolean goOn = onReport(trial, r);
            replies.add(() -> r.reply().send(goOn));
        } else if (event instanceof TrialEvent.Ended e) {
            JobEnding ending = state.ending(trial.id());
            if (ending == null) { // it returned without being told to: only right once its target is reached
                long target = state.openJobs().get(trial.id());
                ending = trial.lastResource() >= target || e.programEnd() ? new JobEnding(TrialStatus.COMPLETED, "finished")
                        : new JobEnding(TrialStatus.FAILED, "trial " + trial.id() + ": its job ended "
                        + (e.lastReported() < 0 ? "without any report" : "at resource " + trial.lastResource())
                        + " before reaching its target resource " + target);
            }
            endJob(trial, ending, e.lastReported() <= trial.lastResource());
        } else if (event instanceof TrialEvent.Failed f) {
            endJob(trial, new JobEnding(TrialStatus.FAILED, f.message()), false);
        } else if (event instanceof TrialEvent.Lost l) {
            lost(trial, l.reason());
        } else if (event instanceof TrialEvent.StorageFailed f) {
            throw f.failure(); // not the trial's fault: the session ends unwritten, the trial resumes later
        }
    }

    /**
     * A job lost through no fault of its trial: its folder never counts; it ends as decided if it was told to
     * end, else it runs again from the trial's last recorded checkpoint.
     */
    private void lost(Trial trial, String reason) {
        if (!state.openJobs().containsKey(trial.id())) {
            return; // its end was handled already
        }
        JobEnding ending = state.ending(trial.id());
        if (ending != null) {
            endJob(trial, ending, false);
            return;
        }
        checkpoints.discard(trial);
        restart(trial, state.openJobs().get(trial.id()), reason);
    }

    /** Records a report, asks the scheduler and says whether the job goes on. */
    private boolean onReport(Trial trial, TrialEvent.Reported r) {
        if (state.ending(trial.id()) != null) {
            return false; // its job was told to end already
        }
        if (r.resource() <= trial.lastResource()) {
            session.record(new JournalEvent.Ignored(trial.id(), r.resource(), "already reported up to " + trial.lastResource()));
            return true;
        }
        long target = state.openJobs().get(trial.id()); // a report past it is judged there and ends the job
        String problem = Reports.problem(r, metric);
        if (problem != null) {
            session.record(new JournalEvent.Invalid(trial.id(), r.resource(), problem, new JobEnding(TrialStatus.FAILED, problem)));
            return false;
        }
        Result result = new Result(trial.id(), r.resource(), r.metrics()); // an immutable copy: the writer encodes it later
        String excluded = state.excluded().get(trial.id());
        // a pause still lets the scheduler see every result; an excluded trial's results it never sees
        boolean asked = (!stop.stopped() || stop.suspending()) && excluded == null;
        Decision decision = asked ? scheduler.onResult(trial, result)
                : Decision.stop(excluded != null ? "excluded: " + excluded : stop.reason());
        JobEnding then = decision instanceof Decision.Pause ? new JobEnding(TrialStatus.PAUSED, decision.reason())
                : decision instanceof Decision.Stop ? new JobEnding(TrialStatus.STOPPED, decision.reason())
                : r.resource() >= target ? new JobEnding(TrialStatus.COMPLETED, "reached resource " + r.resource()) : null;
        double value = result.value(metric);
        // an infeasible or excluded trial's value never reaches the target
        stop.afterResult(excluded == null && metric.feasible(result.metrics()) ? value : Double.NaN,
                state.totalResource() + r.resource() - trial.lastResource(), metric);
        if (stop.stopped() && then == null) {
            then = stop.suspending() ? JobEnding.suspend("experiment paused")
                    : new JobEnding(TrialStatus.STOPPED, "experiment ended: " + stop.reason());
        }
        double seconds = stop.elapsedNanos() / 1e9;
        session.record(new JournalEvent.Result(trial.id(), r.resource(), result.metrics(), decision.name(), decision.reason(), asked, then, seconds));
        checkpoints.report(trial.id(), r.resource(), value);
        session.resultRow(result, trial.config(), metric.name(), seconds);
        Best best = state.best().orElse(null); // none while every result so far is infeasible
        listeners.forEach(l -> l.onResult(trial, result, decision, best));
        return then == null;
    }

    /**
     * Ends {@code trial}'s job as {@code ending} says; {@code trusted}: its checkpoint folder holds nothing
     * past the trial's last recorded resource, so it becomes the trial's latest checkpoint.
     */
    private void endJob(Trial trial, JobEnding ending, boolean trusted) {
        CheckpointRef checkpoint = ending.status() == TrialStatus.FAILED ? checkpoints.discard(trial)
                : checkpoints.seal(trial, trusted);
        if (ending.suspends()) { // the scheduler still counts it as running: no end for it
            session.record(new JournalEvent.Suspend(trial.id(), state.openJobs().get(trial.id()), ending.reason(), checkpoint));
            listeners.forEach(l -> l.onTrialEnd(trial));
            return;
        }
        Suggestion.Resume deferred = state.deferred(trial.id());
        session.record(new JournalEvent.End(trial.id(), ending.status(), trial.lastResource(), ending.reason(), checkpoint));
        if (ending.status() == TrialStatus.FAILED) {
            stop.afterFailure(state.failures(), trial.id(), ending.reason());
        }
        if (deferred != null) { // the end made it run again (ExperimentState): now or when the experiment resumes
            if (!stop.stopped() && ending.status() == TrialStatus.PAUSED) {
                launch(trial, deferred);
            } else {
                session.record(new JournalEvent.Suspend(trial.id(), deferred.resource(), "experiment ended: " + stop.reason(), null));
            }
        }
    }

    /** What an end means besides the journal: the checkpoint policy, the scheduler and the listeners hear it. */
    private void trialEnded(Trial trial) {
        checkpoints.collect(trial, false);
        scheduler.onTrialEnd(trial);
        listeners.forEach(l -> l.onTrialEnd(trial));
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
        private boolean resultsTable = true;
        private final List<Config> enqueued = new ArrayList<>();
        private final List<PriorData> priors = new ArrayList<>();

        /** Decides which configs run and how far (required), e.g. {@code Schedulers.asha().build(searcher, metric)}; it also names the metric. */
        public Builder scheduler(Scheduler scheduler) { this.scheduler = scheduler; return this; }

        /** The function to tune, run in this JVM on {@link #workers} threads. */
        public Builder objective(Objective objective) { this.objective = objective; return this; }

        /** Runs jobs elsewhere (processes, a simulator); replaces {@link #objective}. */
        public Builder executor(Executor executor) { this.executor = executor; return this; }

        /** Threads for {@link #objective} (default {@link #DEFAULT_WORKERS}); an executor has its own, so both is an error. */
        public Builder workers(int workers) { this.workers = workers; this.workersGiven = true; return this; }

        /** Replaces all stop criteria at once (default none: the run ends when the scheduler has nothing left to run). */
        public Builder stop(StopCriteria stop) { this.stop = Objects.requireNonNull(stop); return this; }

        /** Starts at most {@code n} trials (at least 1); paused ones may still be promoted afterwards, so ASHA finishes its rungs. */
        public Builder maxTrials(int n) { return stop(stop.withMaxTrials(n)); }

        /** Ends the experiment after {@code d} (positive) of wall time, stopping running trials at their next report. */
        public Builder maxWallTime(Duration d) { return stop(stop.withMaxWallTime(d)); }

        /** Ends the experiment once the resource of all results adds up to {@code r} (at least 1), stopping running trials. */
        public Builder maxTotalResource(long r) { return stop(stop.withMaxTotalResource(r)); }

        /** Ends the experiment at the first result as good as {@code v} (in the metric's direction), stopping running trials. */
        public Builder targetValue(double v) { return stop(stop.withTargetValue(v)); }

        /** The experiment ends once this many trials have failed (default 10). */
        public Builder maxFailures(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("max failures must be at least 1, got " + n);
            }
            this.maxFailures = n;
            return this;
        }

        /** Adds a listener, called on the tuner's thread in event order; any number, called in the order added. */
        public Builder listener(TunerListener l) { listeners.add(l); return this; }

        /** Writes {@code dir/name/events.jsonl}, {@code results.csv} (see {@link #resultsTable}) and {@code checkpoints/}. */
        public Builder output(Path dir, String name) {
            ExperimentName.check(name);
            this.outputDir = dir;
            this.experiment = name;
            return this;
        }

        /**
         * Whether {@link #output} also writes {@code results.csv}, a row per result (default true). The
         * journal holds every result anyway ({@code ladder export --format csv} rebuilds the table), so a
         * simulation of millions of results may leave the table out and write half the bytes.
         */
        public Builder resultsTable(boolean write) { this.resultsTable = write; return this; }

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

        /**
         * Runs {@code configs} first, in order, before the searcher's own (warm start, as Optuna's
         * enqueue_trial). Each must lie in {@code space}: an error names the config and the parameter. They
         * are journaled, so a resume neither runs them twice nor forgets those not started yet (give the same
         * list on resume: configs already journaled are not added again).
         */
        public Builder enqueue(SearchSpace space, List<Config> configs) {
            enqueued.addAll(WarmStart.checked(space, configs, "enqueued"));
            return this;
        }

        /** As {@link #enqueue(SearchSpace, List)}, for configs given one by one. */
        public Builder enqueue(SearchSpace space, Config... configs) {
            return enqueue(space, List.of(configs));
        }

        /**
         * Prior data (an earlier experiment's or a CSV's trials, {@link PriorData}) for the searchers that learn
         * (gp, mobster, kde) before their first suggestion; journaled once (by its content hash).
         */
        public Builder prior(PriorData prior) {
            priors.add(Objects.requireNonNull(prior, "prior"));
            return this;
        }

        /** The tuner; fails when both {@link #workers} and {@link #executor} were given. */
        public Tuner build() {
            if (executor != null && workersGiven) {
                throw new IllegalArgumentException("Tuner.Builder: workers(" + workers + ") and executor(" + executor
                        + ") both given; an executor runs its own workers, so give the number to it");
            }
            return new Tuner(this);
        }

        /** Builds the tuner and runs it to its end: {@code build().run()}. */
        public TuningResult run() { return build().run(); }
    }
}
