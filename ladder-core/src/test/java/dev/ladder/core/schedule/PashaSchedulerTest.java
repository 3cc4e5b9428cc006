package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PashaSchedulerTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();
    static final Metric LOSS = Metric.minimize("loss");
    /** Trial i has config {i: i}, so the losses below belong to known trials. */
    static final Searcher NUMBERED = id -> Optional.of(Config.of(Map.of("i", id)));

    /** Drives a scheduler by hand: each job reports the resources it is told, in the order the test says. */
    static final class Hand {
        final Scheduler s;
        final Map<Integer, Trial> trials = new HashMap<>();
        final Map<Integer, Long> target = new HashMap<>();

        Hand(Scheduler s) {
            this.s = s;
        }

        String next() {
            Suggestion sug = s.suggest(trials.size(), true).orElseThrow();
            Trial t;
            if (sug instanceof Suggestion.Start st) {
                t = new Trial(trials.size(), st.config());
                trials.put(t.id(), t);
            } else {
                t = trials.get(((Suggestion.Resume) sug).trialId());
                assertThat(t.status()).isEqualTo(TrialStatus.PAUSED);
            }
            t.setStatus(TrialStatus.RUNNING, "");
            target.put(t.id(), sug.resource());
            return (sug instanceof Suggestion.Start ? "start " : "resume ") + t.id() + "@" + sug.resource();
        }

        Decision report(int id, long r, double value) {
            Trial t = trials.get(id);
            assertThat(t.status()).as("trial %d", id).isEqualTo(TrialStatus.RUNNING);
            t.setLastResource(r);
            Decision d = s.onResult(t, new Result(id, r, Map.of(s.metric().name(), value)));
            TrialStatus end = d instanceof Decision.Pause ? TrialStatus.PAUSED
                    : d instanceof Decision.Stop ? TrialStatus.STOPPED : r >= target.get(id) ? TrialStatus.COMPLETED : null;
            if (end != null) {
                t.setStatus(end, d.reason());
                s.onTrialEnd(t);
            }
            return d;
        }
    }

    static PashaScheduler pasha(long min, long max, long eta, Double epsilon) {
        return new PashaScheduler(NUMBERED, LOSS, min, max, eta, epsilon);
    }

    @Test
    void startsWithTwoRungsAndDescribesItself() {
        PashaScheduler auto = new PashaScheduler(new RandomSearcher(SPACE, 4), LOSS, 1, 81, 3, null);
        assertThat(auto.levels()).containsExactly(1, 3, 9, 27, 81);
        assertThat(auto.currentMaxResource()).isEqualTo(3);
        assertThat(auto.epsilon()).isZero();
        assertThat(auto).hasToString("pasha(levels=[1, 3, 9, 27, 81], eta=3, epsilon=auto, searcher=random(seed=4))");
        PashaScheduler fixed = new PashaScheduler(new RandomSearcher(SPACE, 4), LOSS, 1, 10, 3, 0.5);
        assertThat(fixed).hasToString("pasha(levels=[1, 3, 9, 10], eta=3, epsilon=0.5, searcher=random(seed=4))");
        assertThat(fixed.epsilon()).isEqualTo(0.5);
        assertThat(pasha(5, 5, 2, null).currentMaxResource()).isEqualTo(5);
        assertThatThrownBy(() -> pasha(1, 9, 3, -0.1)).hasMessageContaining("epsilon must be at least 0");
        assertThatThrownBy(() -> pasha(1, 9, 3, Double.NaN)).hasMessageContaining("epsilon must be at least 0");
        assertThatThrownBy(() -> pasha(1, 9, 1, null)).hasMessageContaining("eta");
    }

    /**
     * Rungs 1, 2, 4, 8 (eta 2), so the current top starts at 2. Rung 0: t0 0.25, t1 0.5, t2 0.75, t3 0.375;
     * t0 reaches r=2 with 0.125, then t3 with {@code t3AtTop}. Below, t0 (0.25) is better than t3 (0.375) by 0.125.
     */
    static Hand twoAtTheTop(PashaScheduler p, double t3AtTop, List<String> log) {
        Hand h = new Hand(p);
        log.add(h.next());
        log.add(h.next());
        h.report(0, 1, 0.25);
        h.report(1, 1, 0.5);
        log.add(h.next());                                   // rung 0 of 2: top 1 is t0
        Decision first = h.report(0, 2, 0.125);
        assertThat(first).isInstanceOf(Decision.Pause.class);
        assertThat(first.reason()).contains("reached rung 1 (r=2): rank 1 of 1, the current maximum resource");
        log.add(h.next());
        h.report(2, 1, 0.75);                                // rung 0 of 3: top 1 is t0, promoted already
        log.add(h.next());
        h.report(3, 1, 0.375);                               // rung 0 of 4: top 2 are t0 and t3
        log.add(h.next());
        log.add(h.report(3, 2, t3AtTop).reason());
        return h;
    }

    @Test
    void doesNotGrowWhileTheTopTwoRungsRankAlike() {
        PashaScheduler p = pasha(1, 8, 2, null);
        List<String> log = new ArrayList<>();
        Hand h = twoAtTheTop(p, 0.1875, log);                // t0 before t3 at r=1 and at r=2
        assertThat(log).containsExactly("start 0@1", "start 1@1", "resume 0@2", "start 2@1", "start 3@1", "resume 3@2",
                "reached rung 1 (r=2): rank 2 of 2, the current maximum resource; rungs 0 and 1 rank their 2 common trials"
                        + " alike within epsilon 0.0, so the maximum stays (it may grow later)");
        assertThat(p.currentMaxResource()).isEqualTo(2);
        assertThat(h.next()).isEqualTo("start 4@1");         // nothing to promote: rung 1 is the top
        assertThat(h.trials.get(3).status()).isEqualTo(TrialStatus.PAUSED);
    }

    @Test
    void growsOneRungWhenTheTopTwoRungsDisagreeAndThenPromotesFromTheOldTop() {
        PashaScheduler p = pasha(1, 8, 2, null);
        List<String> log = new ArrayList<>();
        Hand h = twoAtTheTop(p, 0.0625, log);                // t3 before t0 at r=2, after it at r=1
        assertThat(log.get(log.size() - 1)).isEqualTo("reached rung 1 (r=2): rank 1 of 2; rungs 0 and 1 disagree: trial 3"
                + " ranks 1 at r=2 but its value at r=1 (0.375) differs from the one ranked 1 there (0.25, trial 0) by more"
                + " than epsilon 0.0; maximum resource raised to 4, promotion needs top 1");
        assertThat(p.currentMaxResource()).isEqualTo(4);
        assertThat(h.next()).isEqualTo("resume 3@4");        // rung 1 is below the top now: its best is promoted
        Decision d = h.report(3, 4, 0.03);
        assertThat(d.reason()).contains("reached rung 2 (r=4): rank 1 of 1, the current maximum resource");
        assertThat(p.currentMaxResource()).isEqualTo(4);     // one member: nothing to compare
    }

    @Test
    void softRankingTiesValuesWithinEpsilon() {
        // the disagreement above is 0.375 - 0.25 = 0.125 at r=1: tolerated by epsilon 0.125 (inclusive), not by 0.12
        PashaScheduler tolerant = pasha(1, 8, 2, 0.125);
        twoAtTheTop(tolerant, 0.0625, new ArrayList<>());
        assertThat(tolerant.currentMaxResource()).isEqualTo(2);
        PashaScheduler strict = pasha(1, 8, 2, 0.12);
        twoAtTheTop(strict, 0.0625, new ArrayList<>());
        assertThat(strict.currentMaxResource()).isEqualTo(4);
    }

    @Test
    void maximisingAMetricRanksTheSameWay() {
        for (double t3AtTop : new double[] {0.1875, 0.0625}) {
            PashaScheduler min = pasha(1, 8, 2, null);
            List<String> minLog = new ArrayList<>();
            twoAtTheTop(min, t3AtTop, minLog);
            PashaScheduler max = new PashaScheduler(NUMBERED, Metric.maximize("loss"), 1, 8, 2, null);
            Hand h = new Hand(max);
            List<String> maxLog = new ArrayList<>();
            maxLog.add(h.next());
            maxLog.add(h.next());
            h.report(0, 1, -0.25);
            h.report(1, 1, -0.5);
            maxLog.add(h.next());
            h.report(0, 2, -0.125);
            maxLog.add(h.next());
            h.report(2, 1, -0.75);
            maxLog.add(h.next());
            h.report(3, 1, -0.375);
            maxLog.add(h.next());
            maxLog.add(h.report(3, 2, -t3AtTop).reason().replace("(-", "("));
            assertThat(maxLog).isEqualTo(minLog);
            assertThat(max.currentMaxResource()).isEqualTo(min.currentMaxResource());
        }
    }

    @Test
    void twoRungsAreAshaAndTheLastRungCompletes() {
        PashaScheduler p = pasha(1, 2, 2, null);             // rungs 1 and 2: the maximum is r_max from the start
        Hand h = new Hand(p);
        h.next();
        h.next();
        h.report(0, 1, 0.5);
        h.report(1, 1, 0.25);
        assertThat(h.next()).isEqualTo("resume 1@2");
        assertThat(h.report(1, 2, 0.0625)).isEqualTo(Decision.CONTINUE);
        assertThat(h.trials.get(1).status()).isEqualTo(TrialStatus.COMPLETED);
        assertThat(p.currentMaxResource()).isEqualTo(2);
    }

    /**
     * Rungs 2, 4, 8, 16: the window of the automatic epsilon is (2, 4]. Trials 0 and 1 report every epoch:
     * r=1 t0 worse (0.5 vs 0.4), r=2 t0 better (0.3 vs 0.305), r=3 t0 worse again (0.25 vs 0.22): the pair
     * flipped and flipped back, with gap 0.03 at r=3 and again at r=4 (0.2 vs 0.17).
     */
    static List<String> flipAndFlipBack(PashaScheduler p) {
        Hand h = new Hand(p);
        List<String> log = new ArrayList<>();
        log.add(h.next());
        log.add(h.next());
        h.report(0, 1, 0.5);
        h.report(0, 2, 0.3);
        h.report(1, 1, 0.4);
        h.report(1, 2, 0.305);
        log.add(h.next());                                   // t0 is the best of 2 at r=2
        h.report(0, 3, 0.25);
        h.report(0, 4, 0.2);
        log.add(h.next());
        h.report(2, 1, 0.9);
        h.report(2, 2, 0.8);
        log.add(h.next());
        h.report(3, 1, 0.7);
        h.report(3, 2, 0.7);
        log.add(h.next());                                   // top 2 of 4 at r=2: t0 (promoted) and t1
        h.report(1, 3, 0.22);
        log.add("epsilon " + p.epsilon());
        log.add(h.report(1, 4, 0.17).reason());
        return log;
    }

    @Test
    void epsilonIsEstimatedFromPairsThatFlipAndFlipBack() {
        PashaScheduler auto = pasha(2, 16, 2, null);
        List<String> log = flipAndFlipBack(auto);
        assertThat(log.subList(0, 6)).containsExactly("start 0@2", "start 1@2", "resume 0@4", "start 2@2", "start 3@2",
                "resume 1@4");
        assertThat(Double.parseDouble(log.get(6).substring("epsilon ".length()))).isCloseTo(0.03, within(1e-12));
        assertThat(auto.epsilon()).isCloseTo(0.03, within(1e-12));
        // at r=4 t1 ranks before t0, at r=2 after it, but only by 0.005: within the estimated noise
        assertThat(log.get(7)).contains("rank their 2 common trials alike within epsilon 0.03");
        assertThat(auto.currentMaxResource()).isEqualTo(4);
        // the same events with epsilon 0 grow the maximum
        PashaScheduler exact = pasha(2, 16, 2, 0.0);
        assertThat(flipAndFlipBack(exact).get(7)).contains("rungs 0 and 1 disagree: trial 1 ranks 1 at r=4");
        assertThat(exact.currentMaxResource()).isEqualTo(8);
    }

    @Test
    void noiseCountsOnlyFlipsThatFlipBackAndTakesThe90thPercentile() {
        PashaNoise noise = new PashaNoise(2, 4);
        // a flip without a flip back: t0 - t1 is +, -, -
        noise.add(0, 1, 0.5);
        noise.add(0, 2, 0.3);
        noise.add(0, 3, 0.25);
        noise.add(1, 1, 0.4);
        noise.add(1, 2, 0.35);
        noise.add(1, 3, 0.3);
        assertThat(noise.distanceCount()).isZero();
        assertThat(noise.epsilon()).isZero();
        // five pairs far apart from each other (base 10 g) that flip and flip back with gaps 0.1 .. 0.5 at r=3
        PashaNoise five = new PashaNoise(2, 4);
        for (int g = 0; g < 5; g++) {
            double base = 10 * g;
            double gap = 0.1 * (g + 1);
            five.add(2 * g, 1, base);
            five.add(2 * g, 2, base + 1);
            five.add(2 * g + 1, 1, base + 0.5);
            five.add(2 * g + 1, 2, base + 0.5);
        }
        for (int g = 0; g < 5; g++) {
            five.add(2 * g, 3, 10 * g);
            five.add(2 * g + 1, 3, 10 * g + 0.1 * (g + 1));
        }
        assertThat(five.distanceCount()).isEqualTo(5);
        // numpy.percentile([0.1, 0.2, 0.3, 0.4, 0.5], 90) = 0.4 + 0.6 * 0.1
        assertThat(five.epsilon()).isCloseTo(0.46, within(1e-12));
        five.add(0, 3, 123);                                 // not above its last report: ignored
        assertThat(five.epsilon()).isCloseTo(0.46, within(1e-12));
        five.window(4, 8);                                   // the maximum grew: no pairs yet, epsilon kept
        assertThat(five.distanceCount()).isZero();
        assertThat(five.epsilon()).isCloseTo(0.46, within(1e-12));
    }

    /** The incremental estimate equals the rule computed from scratch after every report. */
    @Property(tries = 300)
    void noiseAgreesWithTheRuleComputedFromScratch(@ForAll long seed, @ForAll @IntRange(min = 2, max = 7) int trials,
                                                   @ForAll boolean coarse) {
        SplittableRandom rng = new SplittableRandom(seed);
        long low = 2;
        long high = 5;
        PashaNoise noise = new PashaNoise(low, high);
        Map<Integer, TreeMap<Long, Double>> curves = new HashMap<>();
        long[] next = new long[trials];
        double expected = 0;
        for (int step = 0; step < trials * 6; step++) {
            int t = rng.nextInt(trials);
            if (next[t] >= 6) {
                continue;
            }
            long r = next[t] += 1 + (rng.nextInt(4) == 0 ? 1 : 0);  // sometimes a resource is skipped
            double v = coarse ? rng.nextInt(4) : rng.nextDouble();
            curves.computeIfAbsent(t, k -> new TreeMap<>()).put(r, v);
            noise.add(t, r, v);
            List<Double> distances = new ArrayList<>();
            for (int a = 0; a < trials; a++) {
                for (int b = a + 1; b < trials; b++) {
                    Double d = fromScratch(curves.get(a), curves.get(b), low, high);
                    if (d != null) {
                        distances.add(d);
                    }
                }
            }
            if (!distances.isEmpty()) {
                Collections.sort(distances);
                double pos = 0.9 * (distances.size() - 1);
                int k = (int) Math.floor(pos);
                expected = k + 1 < distances.size() ? distances.get(k) + (pos - k) * (distances.get(k + 1) - distances.get(k))
                        : distances.get(k);
            }
            assertThat(noise.distanceCount()).isEqualTo(distances.size());
            assertThat(noise.epsilon()).isEqualTo(expected);
        }
    }

    /** The pair's distance by the rule, read literally: latest common resource in the window, then scan back. */
    static Double fromScratch(TreeMap<Long, Double> a, TreeMap<Long, Double> b, long low, long high) {
        if (a == null || b == null) {
            return null;
        }
        Long at = null;
        for (long r : a.keySet()) {
            if (r > low && r <= high && b.containsKey(r)) {
                at = r;
            }
        }
        if (at == null) {
            return null;
        }
        double d = a.get(at) - b.get(at);
        if (d == 0) {
            return null;
        }
        boolean opposite = false;
        for (long r : a.headMap(at, false).descendingKeySet()) {
            if (!b.containsKey(r)) {
                continue;
            }
            double e = a.get(r) - b.get(r);
            if (e != 0 && (e > 0) != (d > 0)) {
                opposite = true;
            } else if (e != 0 && opposite) {
                return Math.abs(d);
            }
        }
        return null;
    }

    /**
     * The soft-ranking comparison, kept up to date as members arrive (with an epsilon that may move between
     * arrivals, as the estimate does), equals Syne Tune's grouping computed from scratch: each position's
     * group below holds the values within epsilon of the one ranked there.
     */
    @Property(tries = 400)
    void softRankingAgreesWithGroupsOfSimilarValues(@ForAll long seed, @ForAll @IntRange(min = 1, max = 14) int m,
                                                   @ForAll @IntRange(min = 0, max = 8) int sixteenths,
                                                   @ForAll boolean correlated, @ForAll boolean moving) {
        SplittableRandom rng = new SplittableRandom(seed);
        PashaTopRung top = new PashaTopRung();
        double[] atTop = new double[m];
        double[] below = new double[m];
        List<Integer> members = new ArrayList<>();
        for (int n = 0; n < m; n++) {
            int id = rng.nextInt(1000);
            while (members.contains(id)) {
                id = rng.nextInt(1000);
            }
            members.add(id);
            below[n] = rng.nextInt(8) / 8.0;
            atTop[n] = correlated && rng.nextInt(4) > 0 ? below[n] : rng.nextInt(8) / 8.0;
            // exact, like the values: no rounding decides a case
            double epsilon = (moving ? rng.nextInt(9) : sixteenths) / 16.0;
            PashaTopRung.Disagreement d = top.enter(id, atTop[n], below[n], epsilon);
            assertThat(d == null).as("after %d members", n + 1).isEqualTo(agreeByGroups(members, atTop, below, epsilon));
            if (d != null) {
                assertThat(Math.abs(d.lossBelow() - d.rankedLossBelow())).isGreaterThan(epsilon);
                assertThat(d.lossBelow()).isEqualTo(below[members.indexOf(d.trialId())]);
                assertThat(d.rankedLossBelow()).isEqualTo(below[members.indexOf(d.trialBelow())]);
                assertThat(d.position()).isBetween(0, n);
            }
        }
        assertThat(top.size()).isEqualTo(m);
    }

    static boolean agreeByGroups(List<Integer> members, double[] atTop, double[] below, double epsilon) {
        int m = members.size();
        List<Integer> byTop = new ArrayList<>();
        List<Integer> byBelow = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            byTop.add(i);
            byBelow.add(i);
        }
        byTop.sort((x, y) -> atTop[x] != atTop[y] ? Double.compare(atTop[x], atTop[y])
                : Integer.compare(members.get(x), members.get(y)));
        byBelow.sort((x, y) -> Double.compare(below[x], below[y]));
        for (int i = 0; i < m; i++) {
            Set<Integer> group = new HashSet<>();
            double v = below[byBelow.get(i)];
            for (int j = i; j < m && below[byBelow.get(j)] <= v + epsilon; j++) {
                group.add(byBelow.get(j));
            }
            for (int j = i; j >= 0 && below[byBelow.get(j)] >= v - epsilon; j--) {
                group.add(byBelow.get(j));
            }
            if (!group.contains(byTop.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Losses u + 1/r plus noise that reorders trials from one resource to the next; coarse values tie often. */
    static SchedulerDriver.Curve noisy(long seed, double amplitude, boolean coarse) {
        return (trial, r) -> {
            double u = new SplittableRandom(seed * 31 + trial).nextDouble();
            double n = new SplittableRandom(seed * 1_000_003 + trial * 1009L + r).nextDouble();
            double v = u + 1.0 / r + amplitude * n;
            return coarse ? Math.round(v * 8) / 8.0 : v;
        };
    }

    static final long[][] SETTINGS = {{1, 27, 3}, {1, 81, 3}, {1, 16, 2}, {2, 20, 3}};

    static PashaScheduler random(long seed, int setting, Double epsilon) {
        long[] s = SETTINGS[setting];
        return new PashaScheduler(new RandomSearcher(SPACE, seed), LOSS, s[0], s[1], s[2], epsilon);
    }

    @Property(tries = 80)
    void everyPromotionTakesAnUnpromotedEntryFromTheTopOfItsRungAndTheMaximumGrowsExactlyOnADisagreement(
            @ForAll @IntRange(min = 1, max = 6) int workers, @ForAll @IntRange(min = 1, max = 150) int trials,
            @ForAll long seed, @ForAll boolean coarse, @ForAll @IntRange(min = 0, max = 3) int setting,
            @ForAll @DoubleRange(min = 0, max = 0.5) double amplitude, @ForAll boolean auto) {
        PashaScheduler p = random(seed, setting, auto ? null : amplitude / 4);
        long eta = SETTINGS[setting][2];
        long[] levels = p.levels();
        Map<Long, List<double[]>> rungs = new HashMap<>();     // level -> {loss, id}
        Set<String> promoted = new HashSet<>();
        Map<Integer, Long> pausedAt = new HashMap<>();
        Map<Long, Map<Integer, Double>> atLevel = new HashMap<>(); // level -> trial -> loss there
        long[] max = {p.currentMaxResource()};
        assertThat(max[0]).isEqualTo(levels[Math.min(1, levels.length - 1)]);
        new SchedulerDriver(p).run(workers, trials, noisy(seed, amplitude, coarse), seed, new SchedulerDriver.Observer() {
            @Override
            public void decided(Trial t, Result r, Decision d) {
                assertThat(r.resource()).as("reported beyond the maximum").isLessThanOrEqualTo(max[0]);
                int at = java.util.Arrays.binarySearch(levels, r.resource());
                if (at >= 0) {
                    atLevel.computeIfAbsent(r.resource(), x -> new HashMap<>()).putIfAbsent(t.id(), r.value(LOSS));
                }
                long now = p.currentMaxResource();
                int k = java.util.Arrays.binarySearch(levels, max[0]);
                if (now != max[0]) {
                    assertThat(now).isEqualTo(levels[k + 1]);
                    if (r.resource() == max[0]) {
                        assertThat(d.reason()).contains(" disagree: ").endsWith("maximum resource raised to " + now
                                + ", promotion needs top " + (rungs.getOrDefault(r.resource(), List.of()).size() + 1) / eta);
                    } else {
                        // between arrivals only a smaller estimate of the noise can reveal a disagreement
                        assertThat(auto).as("grew without an arrival at the top").isTrue();
                        assertThat(r.resource()).isGreaterThan(levels[k - 1]).isLessThan(max[0]);
                        assertThat(d).isEqualTo(Decision.CONTINUE);
                    }
                    max[0] = now;
                    k++;
                }
                if (k < levels.length - 1) {
                    // as Syne Tune after every report: the current top two rungs rank alike within epsilon
                    Map<Integer, Double> top = atLevel.getOrDefault(levels[k], Map.of());
                    List<Integer> members = new ArrayList<>(top.keySet());
                    double[] atTop = new double[members.size()];
                    double[] below = new double[members.size()];
                    for (int i = 0; i < members.size(); i++) {
                        atTop[i] = top.get(members.get(i));
                        below[i] = atLevel.get(levels[k - 1]).get(members.get(i));
                    }
                    assertThat(agreeByGroups(members, atTop, below, p.epsilon()))
                            .as("top rung r=%d of %d members after a report at %d, epsilon %s", levels[k], members.size(),
                                    r.resource(), p.epsilon()).isTrue();
                }
                if (d instanceof Decision.Pause) {
                    rungs.computeIfAbsent(r.resource(), x -> new ArrayList<>()).add(new double[] {r.value(LOSS), t.id()});
                    pausedAt.put(t.id(), r.resource());
                } else if (d instanceof Decision.Continue && r.resource() == max[0]) {
                    assertThat(max[0]).as("only r_max completes").isEqualTo(levels[levels.length - 1]);
                }
            }

            @Override
            public void resumed(Suggestion.Resume s, Map<Integer, Trial> all) {
                assertThat(s.resource()).isLessThanOrEqualTo(max[0]);
                long from = pausedAt.get(s.trialId());
                assertThat(from).isLessThan(max[0]);
                assertThat(promoted.add(from + "#" + s.trialId())).as("promoted twice out of " + from).isTrue();
                List<double[]> rung = rungs.get(from);
                double loss = rung.stream().filter(e -> e[1] == s.trialId()).findFirst().orElseThrow()[0];
                long better = rung.stream().filter(e -> e[0] < loss || (e[0] == loss && e[1] < s.trialId())).count();
                assertThat(better).as("rank at r=" + from + " among " + rung.size()).isLessThan(rung.size() / eta);
            }
        });
        assertThat(p.epsilon()).isGreaterThanOrEqualTo(0);
    }

    @Property(tries = 30)
    void aLargeFixedEpsilonNeverGrowsBeyondTwoRungs(@ForAll @IntRange(min = 1, max = 5) int workers,
                                                    @ForAll @IntRange(min = 1, max = 200) int trials, @ForAll long seed,
                                                    @ForAll @IntRange(min = 0, max = 3) int setting) {
        PashaScheduler p = random(seed, setting, 1e9);
        long start = p.currentMaxResource();
        SchedulerDriver driver = new SchedulerDriver(p);
        driver.run(workers, trials, noisy(seed, 0.5, false), seed, new SchedulerDriver.Observer() { });
        assertThat(p.currentMaxResource()).isEqualTo(start).isEqualTo(p.levels()[1]);
        assertThat(driver.trials.values()).allSatisfy(t -> assertThat(t.lastResource()).isLessThanOrEqualTo(start));
    }

    @Test
    void noisyCurvesMakeTheMaximumGrowAndWithoutToleranceItGrowsToTheTop() {
        PashaScheduler auto = random(3, 0, null);            // rungs 1, 3, 9, 27
        new SchedulerDriver(auto).run(4, 300, noisy(3, 0.5, false), 3, new SchedulerDriver.Observer() { });
        assertThat(auto.currentMaxResource()).isGreaterThan(3);
        assertThat(auto.epsilon()).isPositive();              // the noise was measured ...
        PashaScheduler exact = random(3, 0, 0.0);
        SchedulerDriver driver = new SchedulerDriver(exact);
        driver.run(4, 300, noisy(3, 0.5, false), 3, new SchedulerDriver.Observer() { });
        assertThat(exact.currentMaxResource()).isEqualTo(27); // ... and tolerated: without it every reordering grows
        assertThat(driver.trials.values()).anySatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED));
    }

    @Property(tries = 60)
    void replayingTheEventsIntoAFreshSchedulerGivesTheSameAnswers(
            @ForAll @IntRange(min = 1, max = 5) int workers, @ForAll @IntRange(min = 1, max = 100) int trials,
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 3) int setting, @ForAll boolean auto,
            @ForAll boolean coarse) {
        Double epsilon = auto ? null : 0.05;
        PashaScheduler first = random(seed, setting, epsilon);
        SchedulerDriver driver = new SchedulerDriver(first);
        driver.run(workers, trials, noisy(seed, 0.3, coarse), seed, new SchedulerDriver.Observer() { });
        PashaScheduler fresh = random(seed, setting, epsilon);
        assertThat(SchedulerDriver.replay(driver.log, fresh)).isEqualTo(driver.log);
        assertThat(fresh.currentMaxResource()).isEqualTo(first.currentMaxResource());
        assertThat(fresh.epsilon()).isEqualTo(first.epsilon());
    }

    static void checkRun(TuningResult r, QuadraticObjective q, PashaScheduler p) {
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isZero();
        assertThat(r.trials()).hasSize(60);
        assertThat(r.totalResource()).isEqualTo(q.epochsTrained.get());   // every epoch reported once: no retraining
        List<List<Long>> resumed = q.resumedFrom.values().stream().filter(l -> l.size() > 1).toList();
        assertThat(resumed).isNotEmpty().allSatisfy(l -> {
            assertThat(l.get(0)).isZero();
            assertThat(l.subList(1, l.size())).isSubsetOf(1L, 3L, 9L).doesNotHaveDuplicates();
        });
        assertThat(r.trials()).allSatisfy(t -> assertThat(t.lastResource()).isLessThanOrEqualTo(p.currentMaxResource()));
    }

    @Test
    void runsThroughTheTunerAndStaysAtTwoRungsWhileRankingsNeverChange() {
        // without noise every trial keeps its rank at every resource: the maximum stays at the second rung
        PashaScheduler p = new PashaScheduler(new RandomSearcher(SPACE, 8), LOSS, 1, 27, 3, null);
        QuadraticObjective q = new QuadraticObjective(0);
        TuningResult r = Tuner.builder().scheduler(p).objective(q).workers(3).maxTrials(60).run();
        checkRun(r, q, p);
        assertThat(p.currentMaxResource()).isEqualTo(3);
        assertThat(r.countByStatus().get(TrialStatus.COMPLETED)).isZero();
        assertThat(r.trials()).anySatisfy(t -> assertThat(t.lastResource()).isEqualTo(3));
    }

    @Test
    void runsThroughTheTunerAndGrowsWhenRankingsChange() {
        PashaScheduler p = new PashaScheduler(new RandomSearcher(SPACE, 8), LOSS, 1, 27, 3, null);
        QuadraticObjective q = new QuadraticObjective(0.05);
        TuningResult r = Tuner.builder().scheduler(p).objective(q).workers(3).maxTrials(60).run();
        checkRun(r, q, p);
        assertThat(p.currentMaxResource()).isGreaterThan(3);
        assertThat(r.trials()).anySatisfy(t -> assertThat(t.lastResource()).isGreaterThan(3));
        assertThat(r.trials()).allSatisfy(t -> {
            if (t.status() == TrialStatus.COMPLETED) {
                assertThat(t.lastResource()).isEqualTo(27);
            }
        });
    }
}
