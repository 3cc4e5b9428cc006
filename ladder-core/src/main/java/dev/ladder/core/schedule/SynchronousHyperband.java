package dev.ladder.core.schedule;

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
 * <p>Rules where the text is silent: resources are r_min * eta^k, with the top rung of every bracket
 * set to R when R / r_min is not a power of eta (so the last rung always trains to R, as the text
 * intends; r_min * eta^(s_max) &lt; R otherwise). A bracket that gets fewer configurations than
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

    private final Searcher searcher;
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
        this.searcher = Objects.requireNonNull(searcher, "searcher");
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
     * Algorithm 1's brackets s = 0..s_max, where s_max = floor(log_eta(R / r_min)) and B = (s_max + 1) R:
     * n = ceil((B / R) eta^(s_max - s) / (s_max - s + 1)), rung i has floor(n eta^-i) configurations
     * at r_min eta^(s + i) (the last at R). All in exact integer arithmetic.
     */
    public static List<Bracket> hyperbandBrackets(long minResource, long maxResource, long eta) {
        int sMax = sMax(minResource, maxResource, eta);
        List<Bracket> brackets = new ArrayList<>();
        for (int s = 0; s <= sMax; s++) {
            int j = sMax - s;
            BigInteger num = BigInteger.valueOf(sMax + 1).multiply(BigInteger.valueOf(eta).pow(j));
            BigInteger den = BigInteger.valueOf(j + 1);
            long n = num.add(den).subtract(BigInteger.ONE).divide(den).longValueExact(); // <= eta^s_max <= R / r_min
            brackets.add(plan(n, minResource, maxResource, eta, s, sMax));
        }
        return List.copyOf(brackets);
    }

    /**
     * Algorithm 2's bracket: rung i in 0..s_max - s has floor(n eta^-i) configurations at
     * r_min eta^(s + i) (the last at R); fails unless n >= eta^(s_max - s), so that at least one
     * configuration is allocated R.
     */
    public static Bracket shaBracket(long n, long minResource, long maxResource, long eta, int s) {
        int sMax = sMax(minResource, maxResource, eta);
        if (s < 0 || s > sMax) {
            throw new IllegalArgumentException("sha: early-stopping rate s = " + s + " is outside 0..s_max = " + sMax
                    + " (s_max = floor(log_" + eta + "(" + maxResource + " / " + minResource + ")))");
        }
        long needed = pow(eta, sMax - s);
        if (n < needed) {
            throw new IllegalArgumentException("sha: n = " + n + " configurations is below eta^(s_max - s) = "
                    + eta + "^" + (sMax - s) + " = " + needed + ", so no configuration would be allocated R = "
                    + maxResource + " (Algorithm 2 asserts this; s_max = floor(log_" + eta + "(" + maxResource
                    + " / " + minResource + ")) = " + sMax + ", s = " + s + ")");
        }
        return plan(n, minResource, maxResource, eta, s, sMax);
    }

    private static Bracket plan(long n, long minResource, long maxResource, long eta, int s, int sMax) {
        List<RungSize> rungs = new ArrayList<>();
        for (int i = 0; i <= sMax - s; i++) {
            long resource = i == sMax - s ? maxResource : minResource * pow(eta, s + i);
            rungs.add(new RungSize(resource, n / pow(eta, i)));
        }
        return new Bracket(s, rungs);
    }

    /** floor(log_eta(R / r_min)) in integer arithmetic: the largest k with r_min eta^k <= R. */
    static int sMax(long minResource, long maxResource, long eta) {
        RungLevels.of(minResource, maxResource, eta); // validates the three numbers with the shared messages
        long ratio = maxResource / minResource; // r_min * x <= R  <=>  x <= floor(R / r_min) for integer x
        int k = 0;
        for (long p = 1; p <= ratio / eta; p *= eta) {
            k++;
        }
        return k;
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
    public Metric metric() {
        return metric;
    }

    @Override
    public String toString() {
        return description + ", searcher=" + searcher + ")";
    }
}
