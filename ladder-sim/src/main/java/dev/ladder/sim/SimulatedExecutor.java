package dev.ladder.sim;

import dev.ladder.core.tune.Clock;
import dev.ladder.core.tune.Executor;
import dev.ladder.core.tune.Job;
import dev.ladder.core.tune.TrialEvent;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Discrete-event simulation of {@code workers} workers training on a {@link Blackbox}: the tuner and its
 * schedulers run unchanged, and time is the blackbox's training time on a simulated clock, so hours of
 * tuning take milliseconds. A run is a pure function of the seeds (searcher, this executor's, the failure model's).
 *
 * <p>A job of trial i reports at every resource r from {@code max(resumeFrom + 1, minResource)} to
 * {@code min(maxResource, blackbox max)}, with the metrics of the trial's curve (drawn once per trial with
 * {@link #seedFor}), at {@code start + (seconds(r) - seconds(resumeFrom)) * slowdown} where seconds(0) = 0:
 * a resumed trial is charged only for the training it has not done yet. After each report it waits for the
 * tuner's answer: go on schedules the next report, or the end of the job after its last one; anything else
 * ends the job at the current time. A job whose window holds no resource of the blackbox fails at once.
 *
 * <p>Invariants: the clock never goes back; at most {@code workers} jobs and one job per trial run at once;
 * events at equal times are posted in the order they were scheduled; each call of {@link #awaitingEvent}
 * posts exactly one event (none only when nothing is pending). Use one executor per run: its clock goes on.
 */
public final class SimulatedExecutor implements Executor {
    private final Blackbox blackbox;
    private final int workers;
    private final long seed;
    private final FailureModel failures;

    private final PriorityQueue<SimEvent> pending = new PriorityQueue<>();
    private final Map<Integer, SimJob> running = new HashMap<>();
    private final Map<Integer, TrialState> trials = new HashMap<>();
    private double now;
    private long sequence;
    private long reports;

    /** A trial's learning curve and how many jobs it has had, kept while it may still be resumed. */
    private static final class TrialState {
        final Blackbox.LearningCurve curve;
        int segments;

        TrialState(Blackbox.LearningCurve curve) {
            this.curve = curve;
        }
    }

    /** Runs jobs on {@code blackbox} with {@code workers} (at least 1) simulated workers; {@code seed} picks each trial's curve seed ({@link #seedFor}); {@code failures} adds stragglers and drops. */
    public SimulatedExecutor(Blackbox blackbox, int workers, long seed, FailureModel failures) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        this.blackbox = Objects.requireNonNull(blackbox, "blackbox");
        this.workers = workers;
        this.seed = seed;
        this.failures = Objects.requireNonNull(failures, "failure model (use FailureModel.NONE)");
    }

    /** The seed of trial {@code trialId}'s learning curve (it selects a noisy blackbox's noise). */
    public long seedFor(int trialId) {
        return Seeds.mix(seed, trialId);
    }

    /** The simulated clock in seconds since the start. */
    public double now() {
        return now;
    }

    /** How many reports were delivered to the tuner. */
    public long reports() {
        return reports;
    }

    @Override
    public int slots() {
        return workers;
    }

    /** The simulated clock in nanoseconds. */
    public long nanoTime() {
        return Math.round(now * 1e9);
    }

    /** Simulated time: it moves to the next event whenever the tuner needs one, and never waits. */
    @Override
    public Clock clock() {
        return new Clock() {
            @Override
            public long nanoTime() {
                return SimulatedExecutor.this.nanoTime();
            }

            @Override
            public TrialEvent next(BlockingQueue<TrialEvent> queue, long timeoutNanos) {
                if (queue.isEmpty()) {
                    awaitingEvent();
                }
                TrialEvent e = queue.poll();
                if (e == null) {
                    throw new IllegalStateException(SimulatedExecutor.this + " is simulated but posted no event while "
                            + running.size() + " jobs run");
                }
                return e;
            }
        };
    }

    /** A simulation keeps no checkpoints: a million trials need no million folders. */
    @Override
    public boolean keepsCheckpoints() {
        return false;
    }

    @Override
    public void start(Job job, Consumer<TrialEvent> events) {
        if (running.size() >= workers) {
            throw new IllegalStateException("cannot start trial " + job.trialId() + ": all " + workers
                    + " simulated workers are busy");
        }
        if (running.containsKey(job.trialId())) {
            throw new IllegalStateException("cannot start trial " + job.trialId() + ": its previous job still runs");
        }
        TrialState state = trials.computeIfAbsent(job.trialId(),
                id -> new TrialState(blackbox.curve(job.config(), seedFor(id))));
        FailureModel.Fate fate = failures.fate(job.trialId(), state.segments++);
        long first = Math.max(job.resumeFrom() + 1, blackbox.minResource());
        long last = Math.min(job.maxResource(), blackbox.maxResource());
        double base = job.resumeFrom() < blackbox.minResource() ? 0 : state.curve.seconds(job.resumeFrom());
        SimJob sim = new SimJob(job, state.curve, Objects.requireNonNull(events, "events"), now, fate, last, base);
        running.put(job.trialId(), sim);
        if (first > last) {
            schedule(now, SimEvent.Kind.FAIL, sim, 0, "job from resource " + job.resumeFrom() + " to "
                    + job.maxResource() + " holds no resource level of blackbox " + blackbox.name() + " ("
                    + blackbox.minResource() + ".." + blackbox.maxResource() + ")");
        } else {
            scheduleReport(sim, first);
        }
    }

    /** Advances the clock to the earliest pending event and posts it. */
    public void awaitingEvent() {
        SimEvent e = pending.poll();
        if (e == null) {
            return; // nothing runs, or a report is still unanswered: the tuner names the problem
        }
        now = Math.max(now, e.time());
        SimJob sim = e.job();
        switch (e.kind()) {
            case REPORT -> {
                long r = e.resource();
                sim.reported = r;
                sim.awaitingAnswer = true; // before posting: the answer may come back inside accept
                reports++;
                sim.events.accept(new TrialEvent.Reported(sim.trialId(), r, sim.curve.metrics(r),
                        goOn -> answer(sim, r, goOn)));
            }
            case END -> {
                running.remove(sim.trialId());
                if (sim.reported >= blackbox.maxResource()) {
                    trials.remove(sim.trialId()); // trained to the end: it cannot be resumed
                }
                // the blackbox's last level ends the job even below its target: nothing is left to train
                sim.events.accept(new TrialEvent.Ended(sim.trialId(), sim.reported, sim.reported >= blackbox.maxResource()));
            }
            case FAIL -> {
                running.remove(sim.trialId());
                trials.remove(sim.trialId()); // a failed trial is never resumed
                sim.events.accept(new TrialEvent.Failed(sim.trialId(), e.message()));
            }
        }
    }

    private void answer(SimJob sim, long resource, boolean goOn) {
        if (!sim.awaitingAnswer || sim.reported != resource) {
            throw new IllegalStateException("trial " + sim.trialId() + ": a second answer to its report at " + resource);
        }
        sim.awaitingAnswer = false;
        if (goOn && resource < sim.last) {
            scheduleReport(sim, resource + 1);
        } else {
            schedule(now, SimEvent.Kind.END, sim, 0, null);
        }
    }

    /** Schedules the report at {@code resource}, or the job's drop when that comes first. */
    private void scheduleReport(SimJob sim, long resource) {
        double t = Math.max(now, sim.timeOf(resource, blackbox.name()));
        if (t > sim.dropAt) {
            schedule(Math.max(now, sim.dropAt), SimEvent.Kind.FAIL, sim, 0,
                    String.format(Locale.ROOT, "dropped at t=%.3fs (simulated failure)", sim.dropAt));
        } else {
            schedule(t, SimEvent.Kind.REPORT, sim, resource, null);
        }
    }

    private void schedule(double time, SimEvent.Kind kind, SimJob sim, long resource, String message) {
        pending.add(new SimEvent(time, sequence++, kind, sim, resource, message));
    }

    @Override
    public void close() {
        pending.clear();
        running.clear();
        trials.clear();
    }

    @Override
    public String toString() {
        return "simulated(" + blackbox.name() + ", workers=" + workers + ", seed=" + seed + ", " + failures + ")";
    }
}
