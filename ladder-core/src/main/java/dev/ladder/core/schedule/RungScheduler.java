package dev.ladder.core.schedule;

import dev.ladder.core.search.QueuedSearcher;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.search.Searcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The rung engine shared by the asynchronous successive-halving family (ASHA with promotion or
 * stopping, asynchronous Hyperband, the adaptive defaults, RUSH, PASHA). Brackets differ only in the
 * rung a new trial enters at; they share one rung system or keep one each. Every decision costs
 * O(log n) in the size of the rungs it touches plus O(number of rungs); nothing scans all trials.
 *
 * <p>Variants change three things through protected hooks and keep no per-trial copy of the rungs:
 * {@link #decideAtRung} (may this trial go on from the rung it just reached), {@link #mayPromote} (may
 * this waiting entry be promoted) and {@link #topRung} (which rung no trial is promoted out of for now).
 * Invariants: a trial is promoted at most once out of each rung, only from the top floor(|rung|/eta) of
 * its rung at that moment and never out of {@link #topRung}; a hook may make a decision stricter (stop
 * instead of continue or pause, keep a trial paused instead of promoting it), never looser.
 */
public abstract class RungScheduler implements Scheduler {

    /** Promotion pauses trials at rungs and resumes the best; stopping lets trials run on unless they fall behind. */
    public enum Type { PROMOTION, STOPPING }

    /** How a new trial's bracket is chosen. */
    public enum BracketSelection {
        /** Brackets in turn, s = 0, 1, ..., as in Hyperband's loop (thesis 3.3.2, last paragraph). */
        LOOP,
        /** At random, with the bracket weights given (seeded). */
        SAMPLE,
        /** The bracket furthest below its share of trials (adaptive: each bracket has a trial cap). */
        PROPORTIONAL
    }

    private final QueuedSearcher searcher;
    private final Metric metric;
    private final Type type;
    private final long eta;
    private final Long maxResource;
    private final List<Long> levels = new ArrayList<>();
    private final int[] bracketStart;
    private final long[] bracketCap;
    private final double[] bracketWeight;
    private final BracketSelection selection;
    private final SplittableRandom bracketRng;
    private final List<List<Rung>> systems = new ArrayList<>();
    private final boolean systemPerBracket;
    private final long[] startedInBracket;
    private int loopPosition;
    /** Per trial id: its bracket, and the index of the rung it is heading to (-1: unknown trial). */
    private int[] bracketOf = new int[0];
    private int[] targetOf = new int[0];
    /** Per trial id: its loss at the last rung it was recorded at (NaN: none yet). */
    private double[] rungLoss = new double[0];
    /** Answered by {@link #promote} when {@link #mayPromote} refused its candidate: the choice starts over. */
    private static final Suggestion VETOED = new Suggestion.Resume(-1, 0, "vetoed");

    /**
     * A result just recorded at a rung below r_max: the trial, the rung's index and level, the trial's
     * loss there and at the rung it was recorded at before (NaN at its first rung), its rank (0 = best)
     * and the rung's size, itself included.
     */
    protected record Entry(int trialId, int rung, long level, double loss, double lossBelow, int rank, int size) {
    }

    /** The settings of a rung scheduler; subclasses fill them from their own parameters. */
    protected record Settings(Type type, long minResource, Long maxResource, long eta, long[] levels,
                              int[] bracketStart, long[] bracketCap, double[] bracketWeight,
                              BracketSelection selection, long seed, boolean systemPerBracket) {
    }

    /** A scheduler over the rungs and brackets {@code s} describes, proposing new configs from {@code searcher}. */
    protected RungScheduler(Searcher searcher, Metric metric, Settings s) {
        this.searcher = QueuedSearcher.of(searcher);
        this.metric = metric;
        this.type = s.type();
        this.eta = s.eta();
        this.maxResource = s.maxResource();
        long[] initial = s.levels() != null ? s.levels()
                : s.maxResource() != null ? RungLevels.of(s.minResource(), s.maxResource(), s.eta())
                : new long[] {checkedMin(s.minResource(), s.eta())};
        for (long l : initial) {
            levels.add(l);
        }
        this.bracketStart = s.bracketStart().clone();
        for (int b : bracketStart) {
            if (b < 0 || (maxResource != null && b >= levels.size())) {
                throw new IllegalArgumentException("bracket starting at rung " + b + " is outside the rungs " + levels);
            }
        }
        this.bracketCap = s.bracketCap() == null ? null : s.bracketCap().clone();
        this.bracketWeight = s.bracketWeight() == null ? null : s.bracketWeight().clone();
        this.selection = s.selection();
        this.bracketRng = new SplittableRandom(s.seed());
        this.systemPerBracket = s.systemPerBracket();
        this.startedInBracket = new long[bracketStart.length];
        for (int i = 0; i < (systemPerBracket ? bracketStart.length : 1); i++) {
            systems.add(new ArrayList<>());
        }
    }

    private static long checkedMin(long minResource, long eta) {
        RungLevels.of(minResource, minResource, eta); // validates both
        return minResource;
    }

    /** The rung levels (for an infinite horizon: those reached so far). */
    public long[] levels() {
        return levels.stream().mapToLong(Long::longValue).toArray();
    }

    /** PROMOTION (trials pause at rungs and are promoted later) or STOPPING (trials run on or are stopped at rungs). */
    public Type type() {
        return type;
    }

    @Override
    public Optional<QueuedSearcher> queuedSearcher() {
        return Optional.of(searcher);
    }

    @Override
    public Metric metric() {
        return metric;
    }

    /**
     * Hook, "may this trial continue": trial {@code e.trialId()} was just recorded at rung {@code e.rung()}
     * below r_max, and the rank rule {@code ruled} it: PAUSE (promotion: it waits to be promoted),
     * CONTINUE or STOP (stopping: top 1/eta or not). Returns the decision to give, {@code ruled} or a
     * stricter one. The default keeps {@code ruled}.
     */
    protected Decision decideAtRung(Entry e, Decision ruled) {
        return ruled;
    }

    /**
     * Hook, "may it be promoted" (promotion only): the best waiting entry of rung {@code rung}, trial
     * {@code trialId} with {@code loss} there, ranks in its top floor(|rung|/eta). False keeps it paused
     * for good: its entry leaves the waiting set and the choice of work starts over, bracket choice
     * included. The default allows every promotion.
     */
    protected boolean mayPromote(int trialId, int rung, double loss) {
        return true;
    }

    /**
     * Hook, "which rung is the top": the index of the highest rung trials run to for now; nothing is
     * promoted out of it. The default is the rung of r_max (no limit for an infinite horizon).
     */
    protected int topRung() {
        return maxResource != null ? levels.size() - 1 : Integer.MAX_VALUE;
    }

    @Override
    public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
        Optional<Suggestion> next;
        do {
            next = choose(nextTrialId, mayStartNew);
        } while (next == null);
        return next;
    }

    /** One choice of work: empty when there is none, null when a promotion was vetoed and the choice starts over. */
    private Optional<Suggestion> choose(int nextTrialId, boolean mayStartNew) {
        int b = mayStartNew ? chooseBracket() : -1;
        if (b >= 0) {
            Suggestion promotion = type == Type.PROMOTION ? promote(b) : null;
            if (promotion == VETOED) {
                return null;
            }
            if (promotion != null) {
                return Optional.of(promotion);
            }
            Optional<Config> config = searcher.next(nextTrialId);
            if (config.isPresent()) {
                remember(nextTrialId, b, bracketStart[b]);
                startedInBracket[b]++;
                searcher.onPending(nextTrialId, level(bracketStart[b]));
                long target = type == Type.PROMOTION ? level(bracketStart[b])
                        : maxResource == null ? Long.MAX_VALUE : maxResource;
                return Optional.of(new Suggestion.Start(config.get(), target));
            }
        }
        if (type == Type.PROMOTION) {
            for (int other = 0; other < bracketStart.length; other++) {
                Suggestion promotion = promote(other);
                if (promotion == VETOED) {
                    return null;
                }
                if (promotion != null) {
                    return Optional.of(promotion);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Records the trial at the rung it heads to once a report reaches that rung's level. A report may skip
     * past levels (reports at irregular amounts, docs/warm-starts.md "Any cost as the resource"): the trial's
     * value at a rung is always its first report at or past the rung's level, so such a report is recorded at
     * every rung it reached, lowest first, and the rung contents are a function of the reports alone. It is
     * judged at each in turn: promotion pauses it at the highest such rung it may wait in, stopping lets it go
     * on only while it passes the rule at each; the first stop is the decision (it is still recorded at the
     * rungs above that the report reached, where it is never promoted).
     */
    @Override
    public Decision onResult(Trial trial, Result result) {
        searcher.onResult(trial, result);
        int id = trial.id();
        int k = id < targetOf.length ? targetOf[id] : -1;
        if (k < 0 || result.resource() < level(k)) {
            return Decision.CONTINUE;
        }
        Rung rung = rung(bracketOf[id], k);
        if (rung.contains(id)) {
            return Decision.CONTINUE;
        }
        double loss = metric.rankLoss(result);
        Decision stopped = null; // the stop taken at a lower rung this report reached
        while (true) {
            rung.add(id, loss);
            double lossBelow = rungLoss[id];
            rungLoss[id] = loss;
            if (isTop(k)) {
                return stopped != null ? stopped : Decision.CONTINUE; // the top rung: the job ends here
            }
            boolean pastNext = result.resource() >= level(k + 1) && (type == Type.STOPPING || k + 1 <= topRung());
            Decision d;
            if (stopped != null) {
                d = stopped;
            } else {
                int rank = rung.rank(id, loss);
                int size = rung.size();
                Entry entry = new Entry(id, k, rung.level, loss, lossBelow, rank, size);
                d = type == Type.PROMOTION
                        ? stricter(entry, Decision.pause(bracketLabel(id) + "reached rung " + k + " (r=" + rung.level
                        + "): rank " + (rank + 1) + " of " + size + ", promotion needs top " + size / eta))
                        : rank * eta < size ? stricter(entry, Decision.CONTINUE)
                        : stricter(entry, Decision.stop(bracketLabel(id) + "at rung " + k + " (r=" + rung.level + "): rank "
                        + (rank + 1) + " of " + size + ", continuing needs top 1/" + eta));
            }
            if (d instanceof Decision.Stop) {
                stopped = d;
            }
            if (type == Type.PROMOTION) {
                if (!pastNext) {
                    if (stopped != null) {
                        rung.markPromoted(id);
                    }
                    return d;
                }
                rung.markPromoted(id); // it is past this rung already: it waits at the next one, or nowhere
                targetOf[id] = ++k;
            } else {
                targetOf[id] = ++k;
                if (!pastNext) {
                    if (d instanceof Decision.Continue) {
                        searcher.onPending(id, level(k));
                    }
                    return d;
                }
            }
            rung = rung(bracketOf[id], k);
        }
    }

    /**
     * Takes trial {@code trialId} out of every rung (each rung re-ranks its other entries as if it had never
     * been there, O(n log n) in the rung's size: exclusions are rare) and out of the scheduler: it is never
     * promoted, and its later reports get CONTINUE and enter no rung.
     */
    @Override
    public void exclude(int trialId) {
        searcher.exclude(trialId);
        if (!isKnown(trialId)) {
            return;
        }
        List<Rung> system = systems.get(systemOf(bracketOf[trialId]));
        for (Rung r : system) {
            r.remove(trialId);
        }
        targetOf[trialId] = -1;
    }

    /** The hook's decision, checked: it may stop where the rank rule pauses or continues, and nothing else. */
    private Decision stricter(Entry entry, Decision ruled) {
        Decision d = Objects.requireNonNull(decideAtRung(entry, ruled), "decideAtRung");
        if (d.getClass() != ruled.getClass() && !(d instanceof Decision.Stop)) {
            throw new IllegalStateException(getClass().getName() + ".decideAtRung turned " + ruled.name() + " into "
                    + d.name() + " for trial " + entry.trialId() + " at rung " + entry.rung() + "; a hook may only stop");
        }
        return d;
    }

    @Override
    public void onTrialEnd(Trial trial) {
        searcher.onTrialEnd(trial);
        int id = trial.id();
        if (type == Type.PROMOTION && id < targetOf.length && targetOf[id] >= 0
                && (trial.status() == TrialStatus.FAILED || trial.status() == TrialStatus.STOPPED)) {
            List<Rung> system = systems.get(systemOf(bracketOf[id]));
            for (int k = bracketStart[bracketOf[id]]; k <= targetOf[id] && k < system.size(); k++) {
                system.get(k).markPromoted(id); // a trial that cannot run again is never promoted
            }
        }
    }

    /**
     * ASHA's get_job within bracket b: the best promotable entry from the rung below {@link #topRung} down;
     * null when there is none, {@link #VETOED} when {@link #mayPromote} refused it (it is retired).
     */
    private Suggestion promote(int b) {
        List<Rung> system = systems.get(systemOf(b));
        int highest = (int) Math.min(topRung() - 1L, system.size() - 1);
        for (int k = highest; k >= bracketStart[b]; k--) {
            Rung.Candidate c = system.get(k).promotable(eta);
            if (c != null) {
                system.get(k).markPromoted(c.trialId());
                if (!mayPromote(c.trialId(), k, c.loss())) {
                    return VETOED;
                }
                targetOf[c.trialId()] = k + 1;
                searcher.onPending(c.trialId(), level(k + 1));
                return new Suggestion.Resume(c.trialId(), level(k + 1), bracketLabel(c.trialId()) + "promoted from rung " + k
                        + " (r=" + level(k) + "): rank " + (c.rank() + 1) + " of " + c.size() + ", top " + c.size() / eta
                        + " promotable");
            }
        }
        return null;
    }

    private int chooseBracket() {
        int n = bracketStart.length;
        switch (selection) {
            case LOOP -> {
                for (int i = 0; i < n; i++) {
                    int b = (loopPosition + i) % n;
                    if (hasRoom(b)) {
                        loopPosition = (b + 1) % n;
                        return b;
                    }
                }
                return -1;
            }
            case SAMPLE -> {
                double total = 0;
                for (int b = 0; b < n; b++) {
                    total += hasRoom(b) ? bracketWeight[b] : 0;
                }
                if (total <= 0) {
                    return -1;
                }
                double u = bracketRng.nextDouble() * total;
                int last = -1;
                for (int b = 0; b < n; b++) {
                    if (hasRoom(b)) {
                        last = b;
                        u -= bracketWeight[b];
                        if (u < 0) {
                            return b;
                        }
                    }
                }
                return last;
            }
            default -> {
                int best = -1;
                for (int b = 0; b < n; b++) {
                    // smallest started/cap first, compared exactly by cross-multiplication
                    if (hasRoom(b) && (best < 0 || startedInBracket[b] * bracketCap[best] < startedInBracket[best] * bracketCap[b])) {
                        best = b;
                    }
                }
                return best;
            }
        }
    }

    private boolean hasRoom(int b) {
        return bracketCap == null || startedInBracket[b] < bracketCap[b];
    }

    private void remember(int id, int bracket, int target) {
        if (id >= targetOf.length) {
            int n = Math.max(id + 1, targetOf.length * 2);
            int old = targetOf.length;
            targetOf = Arrays.copyOf(targetOf, n);
            bracketOf = Arrays.copyOf(bracketOf, n);
            rungLoss = Arrays.copyOf(rungLoss, n);
            Arrays.fill(targetOf, old, n, -1);
            Arrays.fill(rungLoss, old, n, Double.NaN);
        }
        bracketOf[id] = bracket;
        targetOf[id] = target;
    }

    private int systemOf(int bracket) {
        return systemPerBracket ? bracket : 0;
    }

    private Rung rung(int bracket, int k) {
        List<Rung> system = systems.get(systemOf(bracket));
        while (system.size() <= k) {
            system.add(new Rung(level(system.size()), type == Type.PROMOTION));
        }
        return system.get(k);
    }

    private long level(int k) {
        while (levels.size() <= k) { // only an infinite horizon grows
            long last = levels.get(levels.size() - 1);
            levels.add(last > Long.MAX_VALUE / eta ? Long.MAX_VALUE : last * eta);
        }
        return levels.get(k);
    }

    private boolean isTop(int k) {
        return maxResource != null && k == levels.size() - 1;
    }

    private String bracketLabel(int id) {
        return bracketStart.length > 1 ? "bracket " + bracketOf[id] + ": " : "";
    }

    /** {@code name(levels=..., eta=...<extra>, searcher=...)}: the text of {@code toString} and the journal's header. */
    protected final String describe(String name, String extra) {
        return name + "(" + settingsText(extra) + ")";
    }

    /** "levels=..., eta=..." then {@code extra}, then the searcher: the body of {@link #describe}. */
    protected final String settingsText(String extra) {
        String lv = maxResource == null ? levels.get(0) + " * " + eta + "^k, no maximum" : RungLevels.toString(levels());
        return "levels=" + lv + ", eta=" + eta + extra + ", searcher=" + searcher;
    }

    /**
     * The configurations a free worker could be given now by promotion: in every rung below
     * {@link #topRung}, the waiting entries ranked in its top floor(|rung|/eta) (0 for the stopping type).
     * An upper bound for variants whose {@link #mayPromote} may still refuse some. With {@link #started}
     * it gives the stack S of pending tasks of thesis 3.5.3 (see {@code dev.ladder.core.share.AshaDemand}).
     * Read only: it changes no state and no later decision.
     */
    public int promotable() {
        if (type != Type.PROMOTION) {
            return 0;
        }
        int count = 0;
        for (int s = 0; s < systems.size(); s++) {
            List<Rung> system = systems.get(s);
            int lowest = systemPerBracket ? bracketStart[s] : Arrays.stream(bracketStart).min().orElse(0);
            int highest = (int) Math.min(topRung() - 1L, system.size() - 1);
            for (int k = lowest; k <= highest; k++) {
                count += system.get(k).promotableCount(eta);
            }
        }
        return count;
    }

    /** How many new configurations this scheduler has started, over all brackets. */
    public long started() {
        long n = 0;
        for (long s : startedInBracket) {
            n += s;
        }
        return n;
    }

    /** True when the trial was started by this scheduler (a trial it does not know gets CONTINUE and no rung). */
    protected final boolean isKnown(int trialId) {
        return trialId < targetOf.length && targetOf[trialId] >= 0;
    }

    /** The lowest rung of each bracket, by bracket; a copy. */
    protected final int[] bracketStarts() {
        return bracketStart.clone();
    }

    /** How many configs each bracket may start (null: no cap); a copy. */
    protected final long[] bracketCaps() {
        return bracketCap == null ? null : bracketCap.clone();
    }
}
