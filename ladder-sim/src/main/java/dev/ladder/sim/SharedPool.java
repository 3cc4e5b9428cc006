package dev.ladder.sim;

import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.RungScheduler;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.share.AshaDemand;
import dev.ladder.core.share.FairShare;
import dev.ladder.core.share.ParallelTraining;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Several experiments sharing one pool of slots in simulated time, after L. Li, "Towards Efficient Automated
 * Machine Learning", PhD thesis, CMU, 2020 (CMU-ML-20-104), sections 3.5.2 and 3.5.3. Each experiment is a
 * rung scheduler with a trial limit n over a {@link Blackbox}; it arrives at its own time. Whenever something
 * happens the {@link Policy} divides the slots over the experiments present, given their demands
 * ({@link AshaDemand}: the slots their jobs hold plus kappa |S|), and free slots go one job at a time to the
 * experiment furthest below its allocation (ties by key), as a {@code ladder worker} picks its next lease.
 * Events at the same time are handled as one group before slots are given out. Jobs are never preempted: an experiment above its allocation gives slots back as its jobs end. A job
 * gets {@link ParallelTraining#slotsFor} slots of what is free for its experiment and trains speedup(k) times
 * faster, reporting at every resource of its window as {@link SimulatedExecutor} does.
 *
 * <p>It drives the schedulers itself instead of running a {@code Tuner} per experiment over a
 * {@link SimulatedExecutor}: a tuner owns its executor's slots and ends when it has no work and no job, while
 * here an experiment's share may fall to zero and rise again. A run is a pure function of its arguments.
 * Invariants: at most {@code capacity} slots are busy; a trial runs at most one job at a time.
 */
public final class SharedPool {

    /** How the slots are divided among the experiments present. */
    public enum Policy {
        /** {@link FairShare#allocate}: weighted water-filling over the demands. */
        FAIR_SHARE,
        /** In order of arrival (ties by key), each takes all it demands of what is left. */
        FIFO,
        /** A fixed 1/m of the pool for each of the m experiments of the run, present or not, whatever they demand. */
        STATIC
    }

    /**
     * One experiment: a unique key, its weight, when it arrives (simulated seconds), its scheduler, its trial
     * limit n, the blackbox it trains on, the seed of its curves and how many slots its jobs get.
     */
    public record Tenant(String key, double weight, double arrival, RungScheduler scheduler, int trials, Blackbox blackbox,
                         long seed, ParallelTraining parallel) {
        /** Rejects a null key, scheduler, blackbox or parallel training, naming the experiment. */
        public Tenant {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(scheduler, "experiment '" + key + "': scheduler");
            Objects.requireNonNull(blackbox, "experiment '" + key + "': blackbox");
            Objects.requireNonNull(parallel, "experiment '" + key + "': parallel training (ParallelTraining.NONE for one slot a job)");
            if (!(arrival >= 0) || Double.isInfinite(arrival)) {
                throw new IllegalArgumentException("experiment '" + key + "': arrival must be a time >= 0, got " + arrival);
            }
            if (trials < 1) {
                throw new IllegalArgumentException("experiment '" + key + "': trials must be at least 1, got " + trials);
            }
            new FairShare.Demand(key, weight, 0); // checks the weight, naming the experiment
        }
    }

    /** From {@code time} on (until the next step), the slots each experiment holds and is allocated, in the order of the tenants. */
    public record Step(double time, int[] busy, int[] allocated) {
    }

    /**
     * What a run did: per experiment its finish time (NaN if it never finished), the slot-seconds its jobs held,
     * the training they did (in seconds on one slot: the blackbox's time, before any speedup) and the best
     * final loss it found at its blackbox's maximum resource (NaN if none got there); the end (the last
     * finish) and the steps of the allocation over time.
     */
    public record Outcome(List<Tenant> tenants, int capacity, Policy policy, double[] finish, double[] slotSeconds,
                          double[] work, double[] bestAtMax, double end, List<Step> steps) {
        /** Training done over all slots, from time 0 to the last finish: below {@link #utilisation} when jobs run on several slots. */
        public double efficiency() {
            return end <= 0 ? 0 : Arrays.stream(work).sum() / (capacity * end);
        }

        /** Busy slots over all slots, from time 0 to the last finish. */
        public double utilisation() {
            return end <= 0 ? 0 : Arrays.stream(slotSeconds).sum() / (capacity * end);
        }
    }

    private record Event(double time, long seq, int tenant, Job job, long resource) {
    }

    private static final class Job {
        final Trial trial;
        final int slots;
        final double speedup;
        final double start;
        final double base;
        final long target;
        /** The blackbox's seconds up to the last resource reported (the base before the first). */
        double done;

        Job(Trial trial, int slots, double speedup, double start, double base, long target) {
            this.trial = trial;
            this.slots = slots;
            this.speedup = speedup;
            this.start = start;
            this.base = base;
            this.target = target;
            this.done = base;
        }
    }

    private static final class State {
        final Tenant t;
        final int index;
        final List<Trial> trials = new ArrayList<>();
        final List<Blackbox.LearningCurve> curves = new ArrayList<>();
        boolean present;
        boolean done;
        boolean blocked;
        int busy;
        int running;
        int allocated;
        double slotSeconds;
        double work;
        double bestAtMax = Double.NaN;
        double finish = Double.NaN;

        State(Tenant t, int index) {
            this.t = t;
            this.index = index;
        }
    }

    private final int capacity;
    private final Policy policy;
    private final List<Tenant> tenants;
    private final List<State> states = new ArrayList<>();
    private final PriorityQueue<Event> events = new PriorityQueue<>(
            Comparator.comparingDouble(Event::time).thenComparingLong(Event::seq));
    private final List<Step> steps = new ArrayList<>();
    private long seq;
    private double now;
    private int busy;
    private double lastChange;

    /** A pool of {@code capacity} (at least 1) slots shared by {@code tenants} as {@code policy} says. */
    public SharedPool(int capacity, Policy policy, List<Tenant> tenants) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the pool needs at least 1 slot, got " + capacity);
        }
        this.capacity = capacity;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.tenants = List.copyOf(tenants);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < this.tenants.size(); i++) {
            if (!keys.add(this.tenants.get(i).key())) {
                throw new IllegalArgumentException("experiment '" + this.tenants.get(i).key() + "' is given twice; keys must be unique");
            }
            states.add(new State(this.tenants.get(i), i));
            events.add(new Event(this.tenants.get(i).arrival(), seq++, i, null, 0));
        }
    }

    /** Runs until every experiment has finished; call once. */
    public Outcome run() {
        while (!events.isEmpty()) {
            advance(events.peek().time());
            while (!events.isEmpty() && events.peek().time() == now) { // what happens at one time is one group
                Event e = events.poll();
                State s = states.get(e.tenant());
                if (e.job() == null) {
                    s.present = true;
                } else {
                    report(s, e.job(), e.resource());
                    s.blocked = false; // its scheduler heard something: it may have work again
                }
            }
            dispatch();
        }
        double[] finish = states.stream().mapToDouble(s -> s.finish).toArray();
        double end = Arrays.stream(finish).filter(f -> !Double.isNaN(f)).max().orElse(now);
        return new Outcome(tenants, capacity, policy, finish, states.stream().mapToDouble(s -> s.slotSeconds).toArray(),
                states.stream().mapToDouble(s -> s.work).toArray(), states.stream().mapToDouble(s -> s.bestAtMax).toArray(), end, List.copyOf(steps));
    }

    /** Moves the clock, charging every busy slot for the time passed. */
    private void advance(double time) {
        for (State s : states) {
            s.slotSeconds += s.busy * (time - now);
        }
        now = time;
    }

    private void report(State s, Job job, long r) {
        Trial trial = job.trial;
        trial.setLastResource(r);
        Blackbox.LearningCurve curve = s.curves.get(trial.id());
        Result result = new Result(trial.id(), r, curve.metrics(r));
        s.work += curve.seconds(r) - job.done;
        job.done = curve.seconds(r);
        Decision d = s.t.scheduler().onResult(trial, result);
        long max = s.t.blackbox().maxResource();
        if (r >= max) {
            double loss = s.t.scheduler().metric().loss(result.value(s.t.scheduler().metric()));
            s.bestAtMax = Double.isNaN(s.bestAtMax) ? loss : Math.min(s.bestAtMax, loss);
        }
        TrialStatus end = d instanceof Decision.Pause ? TrialStatus.PAUSED
                : d instanceof Decision.Stop ? TrialStatus.STOPPED
                : r >= Math.min(job.target, max) ? TrialStatus.COMPLETED : null;
        if (end == null) {
            schedule(s, job, r + 1);
            return;
        }
        trial.setStatus(end, d.reason());
        s.busy -= job.slots;
        s.running--;
        busy -= job.slots;
        s.t.scheduler().onTrialEnd(trial);
    }

    /** Gives free slots to the experiments below their allocation, then records the step. */
    private void dispatch() {
        while (true) {
            allocate();
            State pick = null;
            for (State s : states) {
                if (s.present && !s.done && !s.blocked && s.allocated > s.busy && (pick == null
                        || s.allocated - s.busy > pick.allocated - pick.busy
                        || (s.allocated - s.busy == pick.allocated - pick.busy && s.t.key().compareTo(pick.t.key()) < 0))) {
                    pick = s;
                }
            }
            if (pick == null || busy >= capacity) {
                break;
            }
            if (!start(pick)) {
                pick.blocked = true;
            }
        }
        for (State s : states) {
            // nothing runs and nothing can start: no event will come for it again
            if (s.present && !s.done && s.running == 0 && (s.blocked || AshaDemand.pendingTasks(s.t.scheduler(), s.t.trials()) == 0)) {
                s.done = true;
                s.finish = now;
            }
        }
        allocate();
        int[] held = states.stream().mapToInt(s -> s.busy).toArray();
        int[] given = states.stream().mapToInt(s -> s.allocated).toArray();
        Step last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
        if (last == null || !Arrays.equals(last.busy(), held) || !Arrays.equals(last.allocated(), given)) {
            if (last != null && last.time() == now) {
                steps.set(steps.size() - 1, new Step(now, held, given));
            } else {
                steps.add(new Step(now, held, given));
            }
        }
    }

    /** Starts the next job of {@code s}; false when its scheduler has nothing to run now. */
    private boolean start(State s) {
        RungScheduler scheduler = s.t.scheduler();
        int pending = AshaDemand.pendingTasks(scheduler, s.t.trials());
        int next = s.trials.size();
        var suggestion = scheduler.suggest(next, next < s.t.trials());
        if (suggestion.isEmpty()) {
            return false;
        }
        Trial trial;
        if (suggestion.get() instanceof Suggestion.Start st) {
            trial = new Trial(next, st.config());
            s.trials.add(trial);
            s.curves.add(s.t.blackbox().curve(st.config(), Seeds.mix(s.t.seed(), next)));
        } else {
            trial = s.trials.get(((Suggestion.Resume) suggestion.get()).trialId());
        }
        int free = Math.min(capacity - busy, s.allocated - s.busy);
        int k = s.t.parallel().slotsFor(Math.max(1, pending), free);
        Blackbox box = s.t.blackbox();
        long from = trial.lastResource();
        double base = from < box.minResource() ? 0 : s.curves.get(trial.id()).seconds(from);
        Job job = new Job(trial, k, s.t.parallel().speedup().of(k), now, base, suggestion.get().resource());
        trial.setStatus(TrialStatus.RUNNING, "");
        s.busy += k;
        s.running++;
        busy += k;
        long first = Math.max(from + 1, box.minResource());
        if (first > Math.min(job.target, box.maxResource())) {
            throw new IllegalStateException("experiment '" + s.t.key() + "': trial " + trial.id() + " was given a job from "
                    + from + " to " + job.target + ", which holds no resource of " + box.name());
        }
        schedule(s, job, first);
        return true;
    }

    private void schedule(State s, Job job, long r) {
        double t = job.start + (s.curves.get(job.trial.id()).seconds(r) - job.base) / job.speedup;
        events.add(new Event(Math.max(now, t), seq++, s.index, job, r));
    }

    /** Sets every experiment's allocation under the policy. */
    private void allocate() {
        List<State> present = states.stream().filter(s -> s.present && !s.done).toList();
        for (State s : states) {
            s.allocated = 0;
        }
        switch (policy) {
            case FAIR_SHARE -> {
                int[] slots = FairShare.allocate(capacity, present.stream().map(this::demand).toList());
                for (int i = 0; i < slots.length; i++) {
                    present.get(i).allocated = slots[i];
                }
            }
            case FIFO -> {
                int left = capacity;
                List<State> byArrival = present.stream().sorted(Comparator.comparingDouble((State s) -> s.t.arrival())
                        .thenComparing(s -> s.t.key())).toList();
                for (State s : byArrival) {
                    s.allocated = Math.min(left, demand(s).maxSlots());
                    left -= s.allocated;
                }
            }
            case STATIC -> {
                List<State> byKey = states.stream().sorted(Comparator.comparing(s -> s.t.key())).toList();
                for (int i = 0; i < byKey.size(); i++) {
                    State s = byKey.get(i);
                    int share = capacity / byKey.size() + (i < capacity % byKey.size() ? 1 : 0);
                    s.allocated = s.present && !s.done ? share : 0;
                }
            }
        }
    }

    private FairShare.Demand demand(State s) {
        return AshaDemand.of(s.t.key(), s.t.weight(), s.t.scheduler(), s.t.trials(), s.t.parallel().kappa(), s.busy);
    }
}
