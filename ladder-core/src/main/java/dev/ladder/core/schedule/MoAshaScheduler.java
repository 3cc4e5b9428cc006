package dev.ladder.core.schedule;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.pareto.ParetoRanking;
import dev.ladder.core.search.QueuedSearcher;
import dev.ladder.core.search.Searcher;
import java.util.Arrays;
import java.util.Optional;

/**
 * MO-ASHA: ASHA (the thesis, Algorithm 3) whose rungs rank by several objectives, after
 * Schmucker, Donini, Perrone, Zafar, Archambeau, "Multi-objective multi-fidelity hyperparameter optimization
 * with application to fairness" (NeurIPS 2020 workshop): a rung's entries are ordered by non-dominated
 * sorting, ties within a front broken by NSGA-II's crowding distance so that the promoted set spreads along
 * the front ({@link dev.ladder.core.pareto.ParetoRanking}); infeasible results rank after every feasible one.
 * PROMOTION pauses trials at each rung and resumes the best waiting entry of the top floor(n/eta);
 * STOPPING lets a trial go on past a rung only while it ranks in the top 1/eta there.
 * A pure function of the seed and the calls it receives. Invariants: a trial is promoted at most once out of
 * each rung, never out of the top rung, and never while a feasible entry of its rung is passed over.
 */
public final class MoAshaScheduler implements Scheduler {
    private final QueuedSearcher searcher;
    private final Metric metric;
    private final RungScheduler.Type type;
    private final long eta;
    private final long[] levels;
    private final MoRung[] rungs;
    /** Per trial id: the index of the rung it is heading to (-1: unknown trial). */
    private int[] targetOf = new int[0];

    /** MO-ASHA over rungs r_min * eta^k up to r_max, ranking by {@code metric}'s objectives (and its constraint, if any), promotion or stopping {@code type}. */
    public MoAshaScheduler(Searcher searcher, Metric metric, long minResource, long maxResource, long eta,
                           RungScheduler.Type type) {
        this.searcher = QueuedSearcher.of(searcher);
        this.metric = metric;
        this.type = type;
        this.eta = eta;
        this.levels = RungLevels.of(minResource, maxResource, eta);
        this.rungs = new MoRung[levels.length];
        int k = metric.objectives().size();
        for (int i = 0; i < levels.length; i++) {
            rungs[i] = new MoRung(levels[i], k);
        }
    }

    @Override
    public Metric metric() {
        return metric;
    }

    /** The rung levels, lowest first; a copy. */
    public long[] levels() {
        return levels.clone();
    }

    @Override
    public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
        if (type == RungScheduler.Type.PROMOTION) {
            for (int k = levels.length - 2; k >= 0; k--) {
                int[] c = rungs[k].promotable(eta);
                if (c != null) {
                    rungs[k].markGone(c[0]);
                    targetOf[c[0]] = k + 1;
                    searcher.onPending(c[0], levels[k + 1]);
                    return Optional.of(new Suggestion.Resume(c[0], levels[k + 1], "promoted from rung " + k + " (r=" + levels[k]
                            + "): rank " + (c[1] + 1) + " of " + c[2] + " by front and crowding, top " + c[2] / eta + " promotable"));
                }
            }
        }
        if (!mayStartNew) {
            return Optional.empty();
        }
        Optional<Config> config = searcher.next(nextTrialId);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        remember(nextTrialId);
        searcher.onPending(nextTrialId, levels[0]);
        long target = type == RungScheduler.Type.PROMOTION ? levels[0] : levels[levels.length - 1];
        return Optional.of(new Suggestion.Start(config.get(), target));
    }

    @Override
    public Decision onResult(Trial trial, Result result) {
        searcher.onResult(trial, result);
        int id = trial.id();
        int k = id < targetOf.length ? targetOf[id] : -1;
        if (k < 0 || k >= levels.length || result.resource() < levels[k]) {
            return Decision.CONTINUE;
        }
        if (rungs[k].contains(id)) {
            return Decision.CONTINUE;
        }
        double[] losses = metric.losses(result.metrics());
        double violation = metric.violation(result.metrics());
        Decision stopped = null; // the stop taken at a lower rung this report reached
        while (true) { // recorded at every rung the report reached, lowest first, as RungScheduler does
            MoRung rung = rungs[k];
            if (k == levels.length - 1) {
                rung.add(id, losses, violation);
                return stopped != null ? stopped : Decision.CONTINUE; // the top rung: the job ends here
            }
            Decision d;
            if (type == RungScheduler.Type.PROMOTION) {
                rung.add(id, losses, violation);
                // it waits for its rank at the next sort
                d = Decision.pause("reached rung " + k + " (r=" + levels[k] + "), " + rung.size() + " entries"
                        + infeasible(violation) + "; promotion needs the top " + rung.size() / eta + " by front and crowding");
            } else {
                int[] placed = rung.place(losses, violation, eta);
                rung.add(id, losses, violation);
                int rank = placed[0];
                int size = placed[1];
                d = stopped != null ? stopped : rank * eta < size ? Decision.CONTINUE
                        : Decision.stop("at rung " + k + " (r=" + levels[k] + "): rank " + (rank + 1)
                        + (placed[2] == ParetoRanking.AT_LEAST ? " or lower" : "") + " of " + size
                        + " by front and crowding" + infeasible(violation) + ", continuing needs top 1/" + eta);
                stopped = d instanceof Decision.Stop ? d : null;
            }
            boolean pastNext = result.resource() >= levels[k + 1];
            if (type == RungScheduler.Type.PROMOTION) {
                if (!pastNext) {
                    return d;
                }
                rung.markGone(id); // it is past this rung already: it waits at the next one
                targetOf[id] = ++k;
            } else {
                targetOf[id] = ++k;
                if (!pastNext) {
                    if (d instanceof Decision.Continue) {
                        searcher.onPending(id, levels[k]);
                    }
                    return d;
                }
            }
        }
    }

    @Override
    public void onTrialEnd(Trial trial) {
        searcher.onTrialEnd(trial);
        int id = trial.id();
        if (type == RungScheduler.Type.PROMOTION && id < targetOf.length && targetOf[id] >= 0
                && (trial.status() == TrialStatus.FAILED || trial.status() == TrialStatus.STOPPED)) {
            for (int k = 0; k <= targetOf[id] && k < rungs.length; k++) {
                rungs[k].markGone(id); // a trial that cannot run again is never promoted
            }
        }
    }

    @Override
    public Optional<QueuedSearcher> queuedSearcher() {
        return Optional.of(searcher);
    }

    /** Takes the trial out of every rung (each re-ranks without it at its next sort) and out of the scheduler. */
    @Override
    public void exclude(int trialId) {
        searcher.exclude(trialId);
        if (trialId >= targetOf.length || targetOf[trialId] < 0) {
            return;
        }
        for (MoRung rung : rungs) {
            rung.remove(trialId);
        }
        targetOf[trialId] = -1;
    }

    /** The configurations a free worker could be given now by promotion (0 for the stopping type); read only. */
    public int promotable() {
        int n = 0;
        for (int k = 0; type == RungScheduler.Type.PROMOTION && k < rungs.length - 1; k++) {
            n += rungs[k].promotableCount(eta);
        }
        return n;
    }

    private String infeasible(double violation) {
        return violation > 0 ? " (infeasible: " + metric.constraint() + " " + violation + ")" : "";
    }

    private void remember(int id) {
        if (id >= targetOf.length) {
            int old = targetOf.length;
            targetOf = Arrays.copyOf(targetOf, Math.max(id + 1, old * 2));
            Arrays.fill(targetOf, old, targetOf.length, -1);
        }
        targetOf[id] = 0;
    }

    @Override
    public String toString() {
        return (type == RungScheduler.Type.PROMOTION ? "mo-asha" : "mo-asha-stopping") + "(levels=" + RungLevels.toString(levels)
                + ", eta=" + eta + ", objectives=" + metric.objectives().stream().map(m -> m.name() + " " + m.mode().name().toLowerCase()).toList()
                + (metric.constraint() != null ? ", constraint=" + metric.constraint() : "") + ", searcher=" + searcher + ")";
    }
}
