package dev.ladder.core.schedule;

import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Runs a scheduler against simulated workers without threads: jobs advance one epoch at a time in an
 * order drawn from a seeded generator, so several workers interleave as they would for real. Every
 * call and its answer is logged, so a run can be replayed into a fresh scheduler.
 */
final class SchedulerDriver {
    interface Curve {
        double value(int trial, long resource);
    }

    /** What the scheduler answered: a suggestion, a decision or nothing (onTrialEnd). */
    sealed interface Call {
        record Suggest(int nextId, boolean mayStart, Optional<Suggestion> answer) implements Call { }
        record Report(int trial, long resource, double value, Decision answer) implements Call { }
        record End(int trial, TrialStatus status) implements Call { }
    }

    /** Hooks for invariant checks: called right after the scheduler answered. */
    interface Observer {
        default void resumed(Suggestion.Resume r, Map<Integer, Trial> trials) { }
        default void decided(Trial t, Result r, Decision d) { }
    }

    final List<Call> log = new ArrayList<>();
    final Map<Integer, Trial> trials = new HashMap<>();

    private final Scheduler scheduler;
    private final String metric;

    SchedulerDriver(Scheduler scheduler) {
        this.scheduler = scheduler;
        this.metric = scheduler.metric().name();
    }

    void run(int workers, int maxTrials, Curve curve, long orderSeed, Observer observer) {
        SplittableRandom order = new SplittableRandom(orderSeed);
        List<int[]> running = new ArrayList<>(); // {trial id}
        Map<Integer, Long> target = new HashMap<>();
        while (true) {
            while (running.size() < workers) {
                int nextId = trials.size();
                boolean mayStart = trials.size() < maxTrials;
                Optional<Suggestion> s = scheduler.suggest(nextId, mayStart);
                log.add(new Call.Suggest(nextId, mayStart, s));
                if (s.isEmpty()) {
                    break;
                }
                Trial t;
                if (s.get() instanceof Suggestion.Start start) {
                    t = new Trial(nextId, start.config());
                    trials.put(nextId, t);
                } else {
                    Suggestion.Resume r = (Suggestion.Resume) s.get();
                    t = trials.get(r.trialId());
                    if (t == null || t.status() != TrialStatus.PAUSED) {
                        throw new AssertionError("resume of trial " + r.trialId() + " which is " + (t == null ? "unknown" : t.status()));
                    }
                    observer.resumed(r, trials);
                }
                t.setStatus(TrialStatus.RUNNING, "");
                target.put(t.id(), s.get().resource());
                running.add(new int[] {t.id()});
            }
            if (running.isEmpty()) {
                return;
            }
            int pick = order.nextInt(running.size());
            Trial t = trials.get(running.get(pick)[0]);
            long r = t.lastResource() + 1;
            double v = curve.value(t.id(), r);
            t.setLastResource(r);
            Result result = new Result(t.id(), r, Map.of(metric, v));
            Decision d = scheduler.onResult(t, result);
            log.add(new Call.Report(t.id(), r, v, d));
            observer.decided(t, result, d);
            TrialStatus end = d instanceof Decision.Pause ? TrialStatus.PAUSED
                    : d instanceof Decision.Stop ? TrialStatus.STOPPED
                    : r >= target.get(t.id()) ? TrialStatus.COMPLETED : null;
            if (end != null) {
                running.remove(pick);
                t.setStatus(end, d.reason());
                scheduler.onTrialEnd(t);
                log.add(new Call.End(t.id(), end));
            }
        }
    }

    /** Feeds the logged calls into {@code fresh} and returns the answers it gives, in order. */
    static List<Call> replay(List<Call> log, Scheduler fresh) {
        Map<Integer, Trial> trials = new HashMap<>();
        List<Call> answers = new ArrayList<>();
        String metric = fresh.metric().name();
        for (Call c : log) {
            if (c instanceof Call.Suggest s) {
                Optional<Suggestion> a = fresh.suggest(s.nextId(), s.mayStart());
                a.filter(x -> x instanceof Suggestion.Start).ifPresent(x ->
                        trials.put(s.nextId(), new Trial(s.nextId(), ((Suggestion.Start) x).config())));
                answers.add(new Call.Suggest(s.nextId(), s.mayStart(), a));
            } else if (c instanceof Call.Report r) {
                Trial t = trials.get(r.trial());
                t.setLastResource(r.resource());
                answers.add(new Call.Report(r.trial(), r.resource(), r.value(),
                        fresh.onResult(t, new Result(r.trial(), r.resource(), Map.of(metric, r.value())))));
            } else if (c instanceof Call.End e) {
                Trial t = trials.get(e.trial());
                t.setStatus(e.status(), "");
                fresh.onTrialEnd(t);
                answers.add(e);
            }
        }
        return answers;
    }
}
