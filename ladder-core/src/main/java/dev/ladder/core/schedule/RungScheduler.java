package dev.ladder.core.schedule;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.search.Searcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The rung bookkeeping shared by the asynchronous successive-halving family (ASHA with promotion or
 * stopping, asynchronous Hyperband, the adaptive defaults). Brackets differ only in the rung a new
 * trial enters at; they share one rung system or keep one each. Every decision costs O(log n) in the
 * size of the rungs it touches plus O(number of rungs); nothing scans all trials.
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

    private final Searcher searcher;
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

    /** The settings of a rung scheduler; subclasses fill them from their own parameters. */
    protected record Settings(Type type, long minResource, Long maxResource, long eta, long[] levels,
                              int[] bracketStart, long[] bracketCap, double[] bracketWeight,
                              BracketSelection selection, long seed, boolean systemPerBracket) {
    }

    protected RungScheduler(Searcher searcher, Metric metric, Settings s) {
        this.searcher = searcher;
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

    public Type type() {
        return type;
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
        int b = mayStartNew ? chooseBracket() : -1;
        if (b >= 0) {
            Suggestion promotion = type == Type.PROMOTION ? promote(b) : null;
            if (promotion != null) {
                return Optional.of(promotion);
            }
            Optional<Config> config = searcher.next(nextTrialId);
            if (config.isPresent()) {
                remember(nextTrialId, b, bracketStart[b]);
                startedInBracket[b]++;
                long target = type == Type.PROMOTION ? level(bracketStart[b])
                        : maxResource == null ? Long.MAX_VALUE : maxResource;
                return Optional.of(new Suggestion.Start(config.get(), target));
            }
        }
        if (type == Type.PROMOTION) {
            for (int other = 0; other < bracketStart.length; other++) {
                Suggestion promotion = promote(other);
                if (promotion != null) {
                    return Optional.of(promotion);
                }
            }
        }
        return Optional.empty();
    }

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
        double loss = metric.loss(result.value(metric));
        rung.add(id, loss);
        if (isTop(k)) {
            return Decision.CONTINUE; // the top rung: the job ends here and the trial is complete
        }
        int rank = rung.rank(id, loss);
        int size = rung.size();
        if (type == Type.PROMOTION) {
            return Decision.pause(bracketLabel(id) + "reached rung " + k + " (r=" + rung.level + "): rank " + (rank + 1)
                    + " of " + size + ", promotion needs top " + size / eta);
        }
        targetOf[id] = k + 1;
        if (rank * eta < size) {
            return Decision.CONTINUE;
        }
        return Decision.stop(bracketLabel(id) + "at rung " + k + " (r=" + rung.level + "): rank " + (rank + 1) + " of "
                + size + ", continuing needs top 1/" + eta);
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

    /** ASHA's get_job within bracket b: the best promotable entry from the highest rung down. */
    private Suggestion promote(int b) {
        List<Rung> system = systems.get(systemOf(b));
        int highest = maxResource != null ? levels.size() - 2 : system.size() - 1;
        for (int k = Math.min(highest, system.size() - 1); k >= bracketStart[b]; k--) {
            Rung.Candidate c = system.get(k).promotable(eta);
            if (c != null) {
                system.get(k).markPromoted(c.trialId());
                targetOf[c.trialId()] = k + 1;
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
            Arrays.fill(targetOf, old, n, -1);
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

    protected final String describe(String name, String extra) {
        String lv = maxResource == null ? levels.get(0) + " * " + eta + "^k, no maximum" : RungLevels.toString(levels());
        return name + "(levels=" + lv + ", eta=" + eta + extra + ", searcher=" + searcher + ")";
    }

    protected final int[] bracketStarts() {
        return bracketStart.clone();
    }

    protected final long[] bracketCaps() {
        return bracketCap == null ? null : bracketCap.clone();
    }
}
