package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Invariants of the asynchronous rung schedulers, checked against a brute-force model of every rung. */
class RungSchedulerPropertiesTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();
    static final Metric LOSS = Metric.minimize("loss");

    static Scheduler create(String name, long seed, int trials) {
        RandomSearcher searcher = new RandomSearcher(SPACE, seed);
        SchedulerSpec spec = SchedulerSpec.of(name.replace("-sample", "").replace("-per-bracket", "")).maxResource(27L)
                // sha's n defaults to the smallest valid bracket; adaptive needs a trial per bracket
                .trials(name.equals("sha") ? null : name.equals("adaptive") ? Math.max(trials, 5) : trials);
        if (name.contains("-sample") || name.contains("-per-bracket")) {
            spec = spec.brackets(name.contains("-sample") ? RungScheduler.BracketSelection.SAMPLE
                    : RungScheduler.BracketSelection.LOOP).rungsPerBracket(name.contains("-per-bracket")).seed(seed);
        }
        return spec.build(searcher, LOSS);
    }

    /** Losses from a seeded table; with {@code coarse} many values tie. */
    static SchedulerDriver.Curve curve(long seed, boolean coarse) {
        return (trial, r) -> {
            double u = new SplittableRandom(seed * 31 + trial).nextDouble();
            double v = u + 1.0 / r;
            return coarse ? Math.round(v * 4) / 4.0 : v;
        };
    }

    @Provide
    Arbitrary<String> promoting() {
        return Arbitraries.of("asha", "async-hyperband", "async-hyperband-sample", "async-hyperband-per-bracket", "adaptive");
    }

    @Property(tries = 80)
    void everyPromotionTakesAnUnpromotedEntryFromTheTopOfItsRung(
            @ForAll("promoting") String name, @ForAll @IntRange(min = 1, max = 6) int workers,
            @ForAll @IntRange(min = 1, max = 150) int trials, @ForAll long seed, @ForAll boolean coarse) {
        Map<String, List<double[]>> rungs = new HashMap<>(); // key: bracket label + level -> {loss, id}
        Set<String> promoted = new HashSet<>();
        Map<Integer, String> pausedAt = new HashMap<>();
        long eta = name.equals("adaptive") ? 4 : 3;
        int[] promotions = {0};
        new SchedulerDriver(create(name, seed, trials)).run(workers, trials, curve(seed, coarse), seed, new SchedulerDriver.Observer() {
            @Override
            public void decided(Trial t, Result r, Decision d) {
                if (d instanceof Decision.Pause p) {
                    boolean ownRungs = name.equals("adaptive") || name.endsWith("per-bracket");
                    String key = (ownRungs ? bracketLabel(p.reason()) : "") + "@" + r.resource();
                    rungs.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {r.value(LOSS), t.id()});
                    pausedAt.put(t.id(), key);
                }
            }

            @Override
            public void resumed(Suggestion.Resume s, Map<Integer, Trial> trials) {
                String key = pausedAt.get(s.trialId());
                assertThat(promoted.add(key + "#" + s.trialId())).as("promoted twice out of " + key).isTrue();
                List<double[]> rung = rungs.get(key);
                double loss = rung.stream().filter(e -> e[1] == s.trialId()).findFirst().orElseThrow()[0];
                long better = rung.stream().filter(e -> e[0] < loss || (e[0] == loss && e[1] < s.trialId())).count();
                assertThat(better).as("rank in " + key + " of size " + rung.size()).isLessThan(rung.size() / eta);
                promotions[0]++;
            }
        });
        if (trials >= 27 && workers == 1 && name.equals("asha")) {
            assertThat(promotions[0]).isPositive();
        }
    }

    static String bracketLabel(String reason) {
        return reason.startsWith("bracket ") ? reason.substring(0, reason.indexOf(':')) : "";
    }

    @Property(tries = 60)
    void stoppingAshaContinuesExactlyTheTopThirdOfEachRung(
            @ForAll @IntRange(min = 1, max = 6) int workers, @ForAll @IntRange(min = 1, max = 200) int trials,
            @ForAll long seed, @ForAll boolean coarse) {
        Map<Long, List<double[]>> rungs = new HashMap<>();
        Set<Long> levels = Set.of(1L, 3L, 9L);
        new SchedulerDriver(create("asha-stopping", seed, trials)).run(workers, trials, curve(seed, coarse), seed,
                new SchedulerDriver.Observer() {
                    @Override
                    public void decided(Trial t, Result r, Decision d) {
                        if (!levels.contains(r.resource())) {
                            assertThat(d).isEqualTo(Decision.CONTINUE);
                            return;
                        }
                        List<double[]> rung = rungs.computeIfAbsent(r.resource(), k -> new ArrayList<>());
                        double loss = r.value(LOSS);
                        rung.add(new double[] {loss, t.id()});
                        long better = rung.stream().filter(e -> e[0] < loss || (e[0] == loss && e[1] < t.id())).count();
                        boolean top = better * 3 < rung.size();
                        assertThat(d instanceof Decision.Continue).as("rank %d of %d", better, rung.size()).isEqualTo(top);
                    }
                });
    }

    @Provide
    Arbitrary<String> anyName() {
        return Arbitraries.of("fifo", "sha", "hyperband", "asha", "asha-stopping", "async-hyperband", "async-hyperband-sample",
                "async-hyperband-per-bracket", "async-hyperband-stopping", "adaptive", "median");
    }

    @Property(tries = 60)
    void replayingTheEventsIntoAFreshSchedulerGivesTheSameAnswers(
            @ForAll("anyName") String name, @ForAll @IntRange(min = 1, max = 5) int workers,
            @ForAll @IntRange(min = 1, max = 100) int trials, @ForAll long seed) {
        SchedulerDriver driver = new SchedulerDriver(create(name, seed, trials));
        driver.run(workers, trials, curve(seed, true), seed, new SchedulerDriver.Observer() { });
        assertThat(SchedulerDriver.replay(driver.log, create(name, seed, trials))).isEqualTo(driver.log);
    }

    @Property(tries = 200)
    void rankedValuesAgreeWithSorting(@ForAll("entries") List<Integer> values) {
        RankedValues rv = new RankedValues();
        List<double[]> model = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rv.add(values.get(i), i);
            model.add(new double[] {values.get(i), i});
        }
        model.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        for (int k = 0; k < model.size(); k++) {
            assertThat(rv.valueAt(k)).isEqualTo(model.get(k)[0]);
            assertThat(rv.idAt(k)).isEqualTo((int) model.get(k)[1]);
            assertThat(rv.countBefore(model.get(k)[0], (int) model.get(k)[1])).isEqualTo(k);
        }
        assertThat(rv.countBefore(Double.POSITIVE_INFINITY, 0)).isEqualTo(values.size());
    }

    /** Deep enough for three levels of the tree (more than 64 * 32 entries), in random and in sorted order. */
    @Property(tries = 10)
    void rankedValuesAgreeWithSortingWhenDeep(@ForAll long seed, @ForAll boolean sortedInput) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 5000;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = sortedInput ? i / 7 : rng.nextInt(1000);
        }
        RankedValues rv = new RankedValues();
        for (int i = 0; i < n; i++) {
            rv.add(values[i], i);
        }
        for (int q = 0; q < 500; q++) {
            double v = rng.nextInt(1001);
            int id = rng.nextInt(n);
            long expected = 0;
            for (int i = 0; i < n; i++) {
                expected += values[i] < v || (values[i] == v && i < id) ? 1 : 0;
            }
            assertThat(rv.countBefore(v, id)).isEqualTo(expected);
            int k = rng.nextInt(n);
            assertThat(rv.countBefore(rv.valueAt(k), rv.idAt(k))).isEqualTo(k);
        }
    }

    @Provide
    Arbitrary<List<Integer>> entries() {
        return Arbitraries.integers().between(-5, 5).list().ofMaxSize(300);
    }
}
