package dev.ladder.core.schedule;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.Searcher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * RUSH: Zappella, Salinas, Archambeau, "A resource-efficient method for repeated HPO and NAS problems",
 * AutoML workshop at ICML 2021 (arXiv:2103.16111), section "Our Solution: RUSH" (the algorithm box), made
 * asynchronous as an extension of the rung engine {@link RungScheduler}: it adds the arms, keeps the
 * thresholds and overrides two hooks, {@link #decideAtRung} (a trial worse than the threshold stops) and
 * {@link #mayPromote} (nor is it promoted); the rungs and every trial's place in them stay the engine's.
 * A task of a sequence first starts the transferred arms A* (the best configurations of earlier tasks,
 * see {@link TaskStore}), in order, at the bottom rung and trains each to r_max; its value at the first
 * report at or above each rung level makes that level's threshold (the best transferred value there).
 * Every other trial then follows ASHA (or asynchronous Hyperband with promotion) and must,
 * besides ASHA's top-1/eta rule, be at least as good as the threshold of a rung to continue past it
 * (the paper's {@code r_i < max(min(r* + 1, n/eta^(k+1)), 1)}): in the stopping variant a trial worse than
 * the threshold is stopped where ASHA would let it continue; in the promotion variant a trial that pauses
 * at a rung worse than its threshold is stopped at once, since it can never be promoted, and a
 * promotion proposed for a trial that paused before the threshold was known and is worse than it now is
 * vetoed (the trial stays paused and the choice of work starts over). Ties pass. Before a rung's threshold
 * is known the plain rule applies.
 *
 * <p>Invariants: a non-transferred trial never continues (stopping) or is promoted (promotion) out of
 * a rung where its value is worse than the threshold known at that moment; transferred arms are never
 * paused or stopped by this scheduler; with no transferred arms every answer equals the plain
 * scheduler's (the rule never fires). Every decision costs the plain scheduler's O(log n) plus
 * O(number of rungs), amortised (a vetoed promotion retires its entry for good).
 *
 * <p>Rules where the text is silent: transferred arms are trials of the new task (they take the first
 * trial ids and count towards a trial cap) but do not enter the rungs, so the rungs
 * rank the new configurations exactly as plain ASHA would; the arms still reach the searcher's
 * {@code onResult} and {@code onTrialEnd}. A threshold only tightens as more arms reach a level;
 * decisions already taken are not revisited. The task's best configuration ({@link #bestConfig}) is
 * the best value, ties to the lower trial id, among the trials' first reports at or above the highest
 * rung level any trial reached, transferred arms included, so an arm that stays best is not added twice.
 *
 * <p>The variant {@link #inRungs} follows the algorithm box literally ({@code A_s^0 = A_new ∪ A*}): the
 * transferred arms are the first configurations ASHA starts (in order, at the bottom rung)
 * and are ordinary trials of its rungs, paused, promoted or stopped by ASHA's rule like any other. The
 * threshold of a rung is the best value a transferred arm recorded at that rung so far (an arm that is
 * never promoted past rung k gives no threshold above k), and every trial, transferred or not, that is
 * worse than it at a rung is stopped (stopping) or never promoted (promotion); ties pass, and before a
 * rung has a threshold the plain ASHA rule applies. With no transferred arms it decides exactly as ASHA.
 * The invariants above hold for it with "transferred arms are never paused or stopped" dropped and
 * "non-transferred trial" read as "trial".
 */
public final class RushScheduler extends RungScheduler {
    private final List<Config> arms;
    private final long[] levels;
    /** Non-null in the {@link #inRungs} variant: the searcher the rung engine draws from, arms first. */
    private final ArmsFirst armsFirst;
    /** The plain scheduler RUSH extends, as its own toString names it, and its extra settings. */
    private final String base;
    private final String baseSettings;

    /** Per level: the best (smallest) loss of a transferred arm there, NaN while none reached it, and that arm. */
    private final double[] threshold;
    /** Thresholds bind from this rung on; below it ASHA alone decides. */
    private final int firstThresholdRung;
    private final int[] thresholdArm;

    private final BitSet armIds = new BitSet();
    private int startedArms;
    /** Per trial: how many levels it has passed (its first report at or above each is recorded). */
    private int[] passed = new int[0];

    /** The first reports at the highest level reached so far: {loss, trial id} with the trial's config. */
    private int topLevel = -1;
    private final List<TopEntry> topEntries = new ArrayList<>();
    private int vetoes;

    private record TopEntry(double loss, int trialId, Config config) {
    }

    /** Proposes the transferred arms, in order, before the given searcher's configurations; forwards everything else. */
    private static final class ArmsFirst implements Searcher {
        private final List<Config> arms;
        private final Searcher searcher;
        private int served;

        ArmsFirst(List<Config> arms, Searcher searcher) {
            this.arms = arms;
            this.searcher = Objects.requireNonNull(searcher, "searcher");
        }

        @Override
        public Optional<Config> next(int trialId) {
            return served < arms.size() ? Optional.of(arms.get(served++)) : searcher.next(trialId);
        }

        @Override
        public void onResult(Trial trial, Result result) {
            searcher.onResult(trial, result);
        }

        @Override
        public void onTrialEnd(Trial trial) {
            searcher.onTrialEnd(trial);
        }

        @Override
        public void onEnqueued(int trialId, Config config) {
            searcher.onEnqueued(trialId, config);
        }

        @Override
        public void observePrior(List<dev.ladder.core.PriorTrial> prior) {
            searcher.observePrior(prior);
        }

        @Override
        public void exclude(int trialId) {
            searcher.exclude(trialId);
        }

        @Override
        public String toString() {
            return searcher.toString();
        }
    }

    /**
     * RUSH over ASHA between {@code minResource} and {@code maxResource}: {@code type} PROMOTION (the
     * thesis's ASHA) or STOPPING; {@code transferredArms} A* in the order they are started (duplicates
     * are dropped; empty gives plain ASHA).
     */
    public RushScheduler(Searcher searcher, Metric metric, long minResource, long maxResource, long eta,
                         RungScheduler.Type type, List<Config> transferredArms) {
        this(searcher, metric, AshaScheduler.settings(minResource, maxResource, eta, Objects.requireNonNull(type, "type")),
                distinct(transferredArms), null, 0, (type == Type.PROMOTION ? Schedulers.ASHA : Schedulers.ASHA_STOPPING).name(), "");
    }

    /**
     * RUSH as in the algorithm box: the transferred arms {@code transferredArms} (duplicates dropped) are
     * started first, in order, at the bottom rung of ASHA between {@code minResource} and
     * {@code maxResource} ({@code type} PROMOTION or STOPPING) and take part in its rungs like any trial;
     * a rung's threshold is the best value a transferred arm recorded there so far. Empty gives plain ASHA.
     */
    public static RushScheduler inRungs(Searcher searcher, Metric metric, long minResource, long maxResource, long eta,
                                        RungScheduler.Type type, List<Config> transferredArms) {
        return inRungs(searcher, metric, minResource, maxResource, eta, type, transferredArms, 0);
    }

    /**
     * {@link #inRungs} whose thresholds bind only from rung {@code firstThresholdRung} on (0: every rung,
     * as in the poster): below it the plain ASHA rule decides. On LCBench, where the first epoch ranks
     * configurations poorly, 1 keeps accuracy that a first-rung threshold loses (docs/results.md).
     */
    public static RushScheduler inRungs(Searcher searcher, Metric metric, long minResource, long maxResource, long eta,
                                        RungScheduler.Type type, List<Config> transferredArms, int firstThresholdRung) {
        if (firstThresholdRung < 0) {
            throw new IllegalArgumentException("the first threshold rung must be at least 0, got " + firstThresholdRung);
        }
        List<Config> arms = distinct(transferredArms);
        ArmsFirst first = new ArmsFirst(arms, searcher);
        return new RushScheduler(first, metric, AshaScheduler.settings(minResource, maxResource, eta,
                Objects.requireNonNull(type, "type")), arms, first, firstThresholdRung,
                (type == Type.PROMOTION ? Schedulers.ASHA : Schedulers.ASHA_STOPPING).name(), "");
    }

    /**
     * RUSH over asynchronous Hyperband with promotion (brackets as in {@link AsyncHyperbandScheduler}):
     * a trial of bracket s meets the thresholds from rung s on. The stopping type is not offered yet.
     */
    public static RushScheduler hyperband(Searcher searcher, Metric metric, long minResource, long maxResource, long eta,
                                          RungScheduler.BracketSelection selection, boolean rungsPerBracket, long seed,
                                          List<Config> transferredArms) {
        Settings settings = AsyncHyperbandScheduler.settings(minResource, maxResource, eta, Type.PROMOTION, selection,
                rungsPerBracket, seed);
        return new RushScheduler(searcher, metric, settings, distinct(transferredArms), null, 0, Schedulers.ASYNC_HYPERBAND.name(),
                AsyncHyperbandScheduler.bracketsText(settings.bracketStart().length, selection, rungsPerBracket));
    }

    private static List<Config> distinct(List<Config> transferredArms) {
        Objects.requireNonNull(transferredArms, "transferred arms");
        transferredArms.forEach(c -> Objects.requireNonNull(c, "transferred arm"));
        return List.copyOf(new LinkedHashSet<>(transferredArms));
    }

    private RushScheduler(Searcher searcher, Metric metric, Settings settings, List<Config> arms, ArmsFirst armsFirst,
                          int firstThresholdRung, String base, String baseSettings) {
        super(searcher, Objects.requireNonNull(metric, "metric"), settings);
        this.firstThresholdRung = firstThresholdRung;
        this.arms = arms;
        this.armsFirst = armsFirst;
        this.base = base;
        this.baseSettings = baseSettings;
        this.levels = levels();
        this.threshold = new double[levels.length];
        this.thresholdArm = new int[levels.length];
        Arrays.fill(threshold, Double.NaN);
        Arrays.fill(thresholdArm, -1);
    }

    /** The transferred arms A*, in the order they are started. */
    public List<Config> transferredArms() {
        return arms;
    }

    /** True for the {@link #inRungs} variant, whose transferred arms are trials of ASHA's rungs. */
    public boolean armsInRungs() {
        return armsFirst != null;
    }

    /** The thresholds known so far: rung level to the best transferred arm's metric value there. */
    public Map<Long, Double> thresholds() {
        Map<Long, Double> m = new LinkedHashMap<>();
        for (int k = 0; k < levels.length; k++) {
            if (!Double.isNaN(threshold[k])) {
                m.put(levels[k], metric().loss(threshold[k])); // loss() is its own inverse
            }
        }
        return Collections.unmodifiableMap(m);
    }

    /** The task's best configuration so far: the best value at the highest rung level reached (ties: lower trial id). */
    public Optional<Config> bestConfig() {
        List<Config> best = bestConfigs(1);
        return best.isEmpty() ? Optional.empty() : Optional.of(best.get(0));
    }

    /** The {@code k} best distinct configurations at the highest rung level reached, best first (for {@link TaskStore#finishTask}). */
    public List<Config> bestConfigs(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("the number of best configurations must be at least 1, got " + k);
        }
        List<TopEntry> sorted = new ArrayList<>(topEntries);
        sorted.sort(Comparator.comparingDouble(TopEntry::loss).thenComparingInt(TopEntry::trialId));
        LinkedHashSet<Config> distinct = new LinkedHashSet<>();
        for (TopEntry e : sorted) {
            if (distinct.size() == k) {
                break;
            }
            distinct.add(e.config());
        }
        return List.copyOf(distinct);
    }

    /** How many promotions the rung engine proposed and the threshold vetoed. */
    int vetoes() {
        return vetoes;
    }

    /** The default variant starts the arms first, outside the rungs, to r_max; then the rung engine chooses. */
    @Override
    public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
        if (armsFirst == null && mayStartNew && startedArms < arms.size()) {
            armIds.set(nextTrialId);
            return Optional.of(new Suggestion.Start(arms.get(startedArms++), levels[levels.length - 1]));
        }
        int served = armsFirst == null ? 0 : armsFirst.served;
        Optional<Suggestion> s = super.suggest(nextTrialId, mayStartNew);
        if (armsFirst != null && armsFirst.served > served) {
            armIds.set(nextTrialId); // a transferred arm, started as an ordinary trial of the bottom rung
            startedArms++;
        }
        return s;
    }

    /** Thresholds and the task's best take every report first, so a rung's decision sees this one too. */
    @Override
    public Decision onResult(Trial trial, Result result) {
        grow(trial.id());
        record(trial, result.resource(), metric().rankLoss(result));
        return super.onResult(trial, result); // an arm outside the rungs is unknown there: CONTINUE
    }

    /** A trial worse than the rung's threshold stops where ASHA would let it continue or wait for promotion. */
    @Override
    protected Decision decideAtRung(Entry e, Decision ruled) {
        int k = e.rung();
        if (!worse(e.loss(), k)) {
            return ruled;
        }
        if (ruled instanceof Decision.Pause p) {
            return Decision.stop(p.reason() + "; " + thresholdReason(e.loss(), k) + ", so it is never promoted");
        }
        if (ruled instanceof Decision.Continue) {
            return Decision.stop("at rung " + k + " (r=" + levels[k] + "): " + thresholdReason(e.loss(), k)
                    + ", continuing needs at least as good");
        }
        return ruled;
    }

    /** A trial that paused before its rung's threshold was known, and is worse than it, stays paused. */
    @Override
    protected boolean mayPromote(int trialId, int rung, double loss) {
        if (worse(loss, rung)) {
            vetoes++;
            return false;
        }
        return true;
    }

    /** True when {@code loss} is worse than the known threshold of level {@code k}; ties and unknown thresholds pass. */
    private boolean worse(double loss, int k) {
        return k >= firstThresholdRung && !Double.isNaN(threshold[k]) && loss > threshold[k];
    }

    private String thresholdReason(double loss, int k) {
        return metric().name() + " " + metric().loss(loss) + " is worse than the best transferred configuration's "
                + metric().loss(threshold[k]) + " (trial " + thresholdArm[k] + ") at r=" + levels[k];
    }

    /** Records the trial's first report at or above each level it passes: thresholds (arms) and the task's best. */
    private void record(Trial trial, long resource, double loss) {
        int id = trial.id();
        while (passed[id] < levels.length && resource >= levels[passed[id]]) {
            int k = passed[id]++;
            if (armIds.get(id) && (Double.isNaN(threshold[k]) || loss < threshold[k])) {
                threshold[k] = loss;
                thresholdArm[k] = id;
            }
            if (k > topLevel) {
                topLevel = k;
                topEntries.clear();
            }
            if (k == topLevel) {
                topEntries.add(new TopEntry(loss, id, trial.config()));
            }
        }
    }

    private void grow(int id) {
        if (id >= passed.length) {
            passed = Arrays.copyOf(passed, Math.max(id + 1, passed.length * 2));
        }
    }

    @Override
    public String toString() {
        String armsPart = ", arms=" + arms.size() + (firstThresholdRung > 0 ? ", thresholds from rung " + firstThresholdRung : "");
        return (armsFirst == null ? "rush(" : "rush-in-rungs(") + base + ", " + settingsText(baseSettings + armsPart) + ")";
    }
}
