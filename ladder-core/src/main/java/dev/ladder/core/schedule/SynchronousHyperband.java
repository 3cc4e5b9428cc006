package dev.ladder.core.schedule;

import dev.ladder.core.search.QueuedSearcher;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.search.Searcher;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Synchronous Hyperband and synchronous Successive Halving: L. Li, "Towards Efficient Automated Machine
 * Learning", PhD thesis, Carnegie Mellon University, 2020 (CMU-ML-20-104; "the thesis"), section
 * 2.3.2 Algorithm 1 and section 3.3.1 Algorithm 2, parallelised as the "synchronous SHA" of 3.3.1
 * (as in synchronous BOHB): the surviving configurations of a rung are spread over the workers, a
 * rung waits for all its trials, and a new bracket opens when a worker is free and no open bracket
 * has a job.
 *
 * <p>Brackets open in the order s = 0, 1, ..., s_max, 0, 1, ... (for {@link #sha} always the same s).
 * A bracket starts its n configurations at r_0; each pauses at its rung; once all n_i slots of rung
 * i are done the top floor(n_i / eta) by loss (ties: lower trial id first) become promotions to
 * rung i+1, handed out by {@link #suggest} before anything else of younger brackets; trials of the
 * top rung continue to their target and complete.
 *
 * <p>Invariants: a trial is promoted only out of a rung whose every slot is done, and only when it
 * ranks in that rung's top floor(n_i / eta); a failed, stopped or short-ended trial fills its slot
 * with the worst value and is never promoted; at most one open bracket is still taking new
 * configurations (a new bracket opens only when no open one has a job); every decision costs
 * O(log brackets) plus one O(n_i log n_i) sort per completed rung.
 *
 * <p>Rules where the text is silent: the rungs are {@link RungLevels} (r_min * eta^k below R, then R),
 * the same levels as ASHA's for the same resource range, so s_max is their number minus one; when
 * R / r_min is not a power of eta, R is one rung above the last power (1, 3, 9, 27, 52 for R = 52), as
 * ASHA's top rung is. A bracket that gets fewer configurations than
 * planned (the searcher ran out, or {@code mayStartNew} turned false) closes its base rung with the
 * m it has; then every rung holds max(1, floor(n_i / eta)) slots of the rung below, which equals
 * Algorithm 1 for full brackets and lets the best of a short bracket still reach R.
 */
public final class SynchronousHyperband implements Scheduler {

    /** One rung of a bracket plan: {@code configs} configurations trained to {@code resource}. */
    public record RungSize(long resource, long configs) {
        @Override
        public String toString() {
            return configs + "@" + resource;
        }
    }

    /** The plan of one bracket type: early-stopping rate {@code s} and its rungs, lowest first. */
    public record Bracket(int s, List<RungSize> rungs) {
        /** Copies the rungs; a bracket has at least one. */
        public Bracket {
            rungs = List.copyOf(rungs);
            if (rungs.isEmpty()) {
                throw new IllegalArgumentException("bracket s=" + s + " has no rung");
            }
        }

        /** n: the configurations the bracket starts. */
        public long configs() {
            return rungs.get(0).configs();
        }

        /** r_0: the resource every configuration of the bracket gets first. */
        public long resource() {
            return rungs.get(0).resource();
        }
    }

    private final QueuedSearcher searcher;
    private final Metric metric;
    private final long eta;
    private final List<Bracket> plans;
    private final String description;

    /** Trials of open brackets that the bracket still tracks. */
    private final Map<Integer, SyncBracket> members = new HashMap<>();
    /** Open brackets that have a job (a promotion or a start), oldest first. */
    private final NavigableSet<SyncBracket> ready = new TreeSet<>(Comparator.comparingLong(b -> b.number));
    private long opened;

    private SynchronousHyperband(Searcher searcher, Metric metric, long eta, List<Bracket> plans, String description) {
        this.searcher = QueuedSearcher.of(searcher);
        this.metric = Objects.requireNonNull(metric, "metric");
        this.eta = eta;
        this.plans = List.copyOf(plans);
        this.description = description;
    }

    /** Hyperband (Algorithm 1) with r_min = 1: resources 1 .. {@code maxResource}. */
    public static SynchronousHyperband hyperband(Searcher searcher, Metric metric, long maxResource, long eta) {
        return hyperband(searcher, metric, 1, maxResource, eta);
    }

    /** Hyperband (Algorithm 1) with resources in units of {@code minResource}: R / r_min plays the role of R. */
    public static SynchronousHyperband hyperband(Searcher searcher, Metric metric, long minResource,
                                                 long maxResource, long eta) {
        List<Bracket> plans = hyperbandBrackets(minResource, maxResource, eta);
        String desc = "hyperband(" + (minResource == 1 ? "" : "r_min=" + minResource + ", ") + "R=" + maxResource
                + ", eta=" + eta + ", brackets=" + plans.stream()
                .map(b -> b.rungs().get(0).toString()).collect(Collectors.joining(", ", "[", "]"));
        return new SynchronousHyperband(searcher, metric, eta, plans, desc);
    }

    /**
     * Successive Halving (Algorithm 2): brackets of early-stopping rate {@code s} with {@code n}
     * configurations starting at r_0 = r_min * eta^s, opened one after another.
     */
    public static SynchronousHyperband sha(Searcher searcher, Metric metric, long n, long minResource,
                                           long maxResource, long eta, int s) {
        Bracket plan = shaBracket(n, minResource, maxResource, eta, s);
        String desc = "sha(n=" + n + ", r=" + minResource + ", R=" + maxResource + ", eta=" + eta + ", s=" + s
                + ", rungs=" + plan.rungs();
        return new SynchronousHyperband(searcher, metric, eta, List.of(plan), desc);
    }

    /**
     * Algorithm 1's brackets s = 0..s_max, where s_max + 1 is the number of {@link RungLevels} and B = (s_max + 1) R:
     * n = ceil((B / R) eta^(s_max - s) / (s_max - s + 1)), rung i has floor(n eta^-i) configurations
     * at level s + i. All in exact integer arithmetic.
     */
    public static List<Bracket> hyperbandBrackets(long minResource, long maxResource, long eta) {
        long[] levels = RungLevels.of(minResource, maxResource, eta);
        int sMax = levels.length - 1;
        List<Bracket> brackets = new ArrayList<>();
        for (int s = 0; s <= sMax; s++) {
            int j = sMax - s;
            BigInteger num = BigInteger.valueOf(sMax + 1).multiply(BigInteger.valueOf(eta).pow(j));
            BigInteger den = BigInteger.valueOf(j + 1);
            BigInteger n = num.add(den).subtract(BigInteger.ONE).divide(den);
            if (n.bitLength() > 63) {
                throw new IllegalArgumentException("hyperband: bracket s=" + s + " would start " + n + " configurations;"
                        + " R / r_min = " + maxResource + " / " + minResource + " is too large for eta = " + eta);
            }
            brackets.add(plan(n.longValue(), levels, eta, s));
        }
        return List.copyOf(brackets);
    }

    /**
     * Algorithm 2's bracket: rung i in 0..s_max - s has floor(n eta^-i) configurations at
     * level s + i of {@link RungLevels} (the last is R); fails unless n >= eta^(s_max - s), so that at
     * least one configuration is allocated R.
     */
    public static Bracket shaBracket(long n, long minResource, long maxResource, long eta, int s) {
        long[] levels = RungLevels.of(minResource, maxResource, eta);
        int sMax = levels.length - 1;
        if (s < 0 || s > sMax) {
            throw new IllegalArgumentException("sha: early-stopping rate s = " + s + " is outside 0..s_max = " + sMax
                    + " (s_max + 1 = the rungs " + RungLevels.toString(levels) + ")");
        }
        long needed = pow(eta, sMax - s);
        if (n < needed) {
            throw new IllegalArgumentException("sha: n = " + n + " configurations is below eta^(s_max - s) = "
                    + eta + "^" + (sMax - s) + " = " + needed + ", so no configuration would be allocated R = "
                    + maxResource + " (Algorithm 2 asserts this; rungs " + RungLevels.toString(levels) + ", s_max = "
                    + sMax + ", s = " + s + ")");
        }
        return plan(n, levels, eta, s);
    }

    private static Bracket plan(long n, long[] levels, long eta, int s) {
        List<RungSize> rungs = new ArrayList<>();
        long divisor = 1;
        for (int i = 0; s + i < levels.length; i++) {
            rungs.add(new RungSize(levels[s + i], n / divisor));
            divisor = divisor > n / eta ? n + 1 : divisor * eta; // past n every further rung holds n / divisor = 0 anyway
        }
        return new Bracket(s, rungs);
    }

    /** s_max: the number of {@link RungLevels} for the range, minus one (the rungs ASHA uses for the same range). */
    static int sMax(long minResource, long maxResource, long eta) {
        return RungLevels.of(minResource, maxResource, eta).length - 1;
    }

    private static long pow(long base, int exp) {
        long p = 1;
        for (int i = 0; i < exp; i++) {
            p = Math.multiplyExact(p, base);
        }
        return p;
    }

    /** The bracket types, in the order they open (one for {@link #sha}). */
    public List<Bracket> brackets() {
        return plans;
    }

    /**
     * A promotion of the oldest open bracket that has one, else a new configuration for the oldest
     * bracket still filling its base rung, else (when {@code mayStartNew}) a new bracket. Within one
     * bracket promotions and new starts never compete: its base rung fills before any promotion.
     * When no new configuration may or can be had, a filling bracket closes its base rung for good.
     */
    @Override
    public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
        while (!ready.isEmpty()) {
            SyncBracket b = ready.first();
            if (b.hasPromotion()) {
                SyncBracket.Promotion p = b.nextPromotion();
                refresh(b);
                searcher.onPending(p.trialId(), p.resource());
                return Optional.of(new Suggestion.Resume(p.trialId(), p.resource(), p.reason()));
            }
            if (mayStartNew) {
                Optional<Config> config = searcher.next(nextTrialId);
                if (config.isPresent()) {
                    return Optional.of(start(b, nextTrialId, config.get()));
                }
            }
            b.closeBase(); // the searcher ran out or the trial cap is reached: complete with what it has
            refresh(b);
        }
        if (!mayStartNew) {
            return Optional.empty();
        }
        Optional<Config> config = searcher.next(nextTrialId);
        if (config.isEmpty()) {
            return Optional.empty();
        }
        Bracket plan = plans.get((int) (opened % plans.size()));
        SyncBracket b = new SyncBracket(opened++, plan, eta, members::remove);
        return Optional.of(start(b, nextTrialId, config.get()));
    }

    private Suggestion start(SyncBracket b, int trialId, Config config) {
        b.start(trialId);
        members.put(trialId, b);
        refresh(b);
        searcher.onPending(trialId, b.baseResource());
        return new Suggestion.Start(config, b.baseResource());
    }

    private void refresh(SyncBracket b) {
        if (b.hasJob()) {
            ready.add(b);
        } else {
            ready.remove(b);
        }
    }

    @Override
    public Decision onResult(Trial trial, Result result) {
        searcher.onResult(trial, result);
        SyncBracket b = members.get(trial.id());
        if (b == null) {
            return Decision.CONTINUE;
        }
        Decision d = b.onResult(trial.id(), result, metric);
        refresh(b);
        return d;
    }

    @Override
    public void onTrialEnd(Trial trial) {
        searcher.onTrialEnd(trial);
        TrialStatus status = trial.status();
        if (status == TrialStatus.PAUSED || !status.isFinal()) {
            return;
        }
        SyncBracket b = members.get(trial.id());
        if (b != null) {
            b.onDead(trial.id()); // a trial still tracked that cannot run again: worst value, never promoted
            refresh(b);
        }
    }

    @Override
    public Optional<QueuedSearcher> queuedSearcher() {
        return Optional.of(searcher);
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public String toString() {
        return description + ", searcher=" + searcher + ")";
    }
}
