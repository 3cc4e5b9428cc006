package dev.ladder.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.JournalReplay;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KdeSearcherTest {
    static final Metric LOSS = Metric.minimize("loss");
    static final KdeSearcher.Settings GREEDY = new KdeSearcher.Settings(0.15, 64, 0, 3, 1e-3, 0);

    /** Reports {@code trials} random configurations with loss(config) at {@code resource} into {@code kde}, ids from {@code first}. */
    static void observe(KdeSearcher kde, SearchSpace space, int first, int trials, long resource, ToDoubleFunction<Config> loss) {
        SplittableRandom rng = new SplittableRandom(first);
        for (int id = first; id < first + trials; id++) {
            Config c = space.sample(rng);
            kde.onResult(new Trial(id, c), new Result(id, resource, Map.of("loss", loss.applyAsDouble(c))));
        }
    }

    @Test
    void theDensityRatioProposesFromTheGoodRegionOfAOneDimensionalLoss() {
        SearchSpace space = SearchSpace.builder().real("x", 0, 1).build();
        KdeSearcher kde = new KdeSearcher(space, LOSS, 7, GREEDY);
        observe(kde, space, 0, 40, 1, c -> Math.pow(c.getDouble("x") - 0.8, 2));
        for (int i = 0; i < 30; i++) {
            assertThat(kde.next(100 + i).orElseThrow().getDouble("x")).isCloseTo(0.8, within(0.15));
        }
        // the same searcher over a maximised metric turns the loss around: the good region is then far from 0.8
        KdeSearcher max = new KdeSearcher(space, Metric.maximize("loss"), 7, GREEDY);
        observe(max, space, 0, 40, 1, c -> Math.pow(c.getDouble("x") - 0.8, 2));
        for (int i = 0; i < 30; i++) {
            assertThat(max.next(100 + i).orElseThrow().getDouble("x")).isLessThan(0.4);
        }
    }

    @Test
    void itModelsTheLargestResourceWithEnoughObservationsAndDrawsAtRandomBefore() {
        SearchSpace space = SearchSpace.builder().real("x", 0, 1).build();
        KdeSearcher kde = new KdeSearcher(space, LOSS, 1, GREEDY);
        assertThat(kde.model()).isNull();
        // d = 1: good and bad sets need 2 rows each, so 4 observations
        observe(kde, space, 0, 3, 1, c -> c.getDouble("x"));
        assertThat(kde.model()).isNull();
        observe(kde, space, 3, 1, 1, c -> c.getDouble("x"));
        assertThat(kde.model().resource()).isEqualTo(1);
        observe(kde, space, 0, 3, 9, c -> -c.getDouble("x")); // three trials went on to 9: not enough there
        assertThat(kde.model().resource()).isEqualTo(1);
        observe(kde, space, 3, 1, 9, c -> -c.getDouble("x"));
        assertThat(kde.model().resource()).isEqualTo(9);
        assertThat(kde.model().observations()).isEqualTo(4);
        assertThat(kde.observationCounts()).isEqualTo(Map.of(1L, 4, 9L, 4));
        // a trial reporting the same resource again replaces its observation
        observe(kde, space, 3, 1, 9, c -> 5.0);
        assertThat(kde.model().observations()).isEqualTo(4);
    }

    @Test
    void theSameSeedGivesTheSameSuggestionsAndAnotherSeedOthers() {
        SearchSpace space = SearchSpace.builder().real("a", 0, 1).logReal("lr", 1e-5, 1).integer("n", 1, 64)
                .choice("opt", "adam", "sgd", "rmsprop").build();
        ToDoubleFunction<Config> loss = c -> Math.abs(Math.log10(c.getDouble("lr")) + 3) + c.getDouble("a");
        List<List<Config>> runs = new ArrayList<>();
        for (long seed : new long[] {3, 3, 4}) {
            KdeSearcher kde = (KdeSearcher) Searchers.kde().build(space, LOSS, seed);
            List<Config> got = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Config c = kde.next(i).orElseThrow();
                got.add(c);
                kde.onResult(new Trial(i, c), new Result(i, 1, Map.of("loss", loss.applyAsDouble(c))));
            }
            assertThat(kde.model()).isNotNull(); // the last suggestions came from the model
            runs.add(got);
        }
        assertThat(runs.get(0)).isEqualTo(runs.get(1)).isNotEqualTo(runs.get(2));
    }

    @Test
    void categoriesAndLogDomainsAreModelledInTheirOwnTerms() {
        SearchSpace space = SearchSpace.builder().logReal("lr", 1e-6, 1).choice("opt", "adam", "sgd", "rmsprop", "adagrad")
                .logInteger("width", 1, 1024).constant("epochs", 5).build();
        // good: lr near 1e-3 (the middle in log space, not near the top as on a linear scale), opt sgd, width small
        ToDoubleFunction<Config> loss = c -> Math.abs(Math.log10(c.getDouble("lr")) + 3)
                + (c.getString("opt").equals("sgd") ? 0 : 2) + Math.log(c.getLong("width")) / 4;
        KdeSearcher kde = new KdeSearcher(space, LOSS, 11, GREEDY);
        observe(kde, space, 0, 200, 1, loss);
        int sgd = 0;
        for (int i = 0; i < 40; i++) {
            Config c = kde.next(1000 + i).orElseThrow();
            space.validate(c);
            assertThat(c.getInt("epochs")).isEqualTo(5);
            assertThat(Math.log10(c.getDouble("lr"))).isBetween(-4.5, -1.5);
            assertThat(c.getLong("width")).isLessThan(64);
            sgd += c.getString("opt").equals("sgd") ? 1 : 0;
        }
        assertThat(sgd).isGreaterThanOrEqualTo(36);
    }

    @Test
    void parzenBandwidthsFollowTheNormalReferenceRuleAndTheDensityIsTheKernelMean() {
        double[][] data = {{0.2, 0}, {0.4, 0}, {0.6, 1}};
        ParzenEstimator p = new ParzenEstimator(data, new int[] {0, 3}, 1e-3);
        double shrink = Math.pow(3, -1.0 / 6);
        double h = 1.06 * Math.sqrt(0.08 / 3) * shrink; // std of 0.2, 0.4, 0.6 (population) is sqrt(0.08/3)
        assertThat(p.bandwidth(0)).isCloseTo(h, within(1e-12));
        double hc = 1.06 * Math.sqrt(2.0 / 9) * shrink; // categories 0, 0, 1: std sqrt(2/9)
        assertThat(p.bandwidth(1)).isCloseTo(hc, within(1e-12));
        double[] x = {0.3, 0};
        double expected = 0;
        for (double[] row : data) {
            double z = (x[0] - row[0]) / h;
            double gauss = Math.exp(-0.5 * z * z) / (h * Math.sqrt(2 * Math.PI));
            expected += gauss * (row[1] == x[1] ? 1 - hc : hc / 2);
        }
        assertThat(p.logDensity(x)).isCloseTo(Math.log(expected / 3), within(1e-12));
    }

    @Test
    void aCategorysBandwidthStopsAtTheUniformKernel() {
        ParzenEstimator p = new ParzenEstimator(new double[][] {{0}, {4}}, new int[] {5}, 1e-3);
        assertThat(p.bandwidth(0)).isEqualTo(0.8); // the rule gives 1.06 * 2 * 2^(-1/5) = 1.85
    }

    @Test
    void badSettingsAreRefusedNamingTheParameter() {
        assertThatThrownBy(() -> Searchers.kde().with("top_fraction", 1.5)).hasMessageContaining("top_fraction")
                .hasMessageContaining("from 0 to 1");
        assertThatThrownBy(() -> Searchers.kde().with("top_fraction", 0.0).build(QuadraticObjective.SPACE, LOSS, 1))
                .hasMessageContaining("top_fraction");
        assertThatThrownBy(() -> Searchers.kde().with("candidates", 0)).hasMessageContaining("candidates");
    }

    /**
     * BOHB and asynchronous BOHB through the real tuner on three threads: the journal, replayed into a fresh
     * scheduler over a fresh searcher, gives every recorded answer again, and both searchers then suggest the same.
     */
    @ParameterizedTest
    @ValueSource(strings = {"hyperband", "asha"})
    void replayingTheJournalRebuildsTheModelAndItsNextSuggestions(String scheduler, @TempDir Path out) {
        SchedulerSpec spec = SchedulerSpec.of(scheduler).maxResource(27L);
        KdeSearcher live = (KdeSearcher) Searchers.kde().build(QuadraticObjective.SPACE, LOSS, 5);
        TuningResult r = Tuner.builder().scheduler(spec.build(live, LOSS)).objective(new QuadraticObjective(0.02)).workers(3)
                .maxTrials(60).output(out, "e").run();
        assertThat(r.trials()).hasSize(60);
        assertThat(live.model()).isNotNull();
        KdeSearcher again = (KdeSearcher) Searchers.kde().build(QuadraticObjective.SPACE, LOSS, 5);
        Scheduler fresh = spec.build(again, LOSS);
        JournalReplay replay = JournalReplay.replay(out.resolve("e/events.jsonl"), fresh);
        assertThat(replay.calls()).isGreaterThan(60);
        assertThat(again.observationCounts()).isEqualTo(live.observationCounts());
        assertThat(again.model().resource()).isEqualTo(live.model().resource());
        assertThat(again.model().observations()).isEqualTo(live.model().observations());
        for (int i = 0; i < 10; i++) {
            assertThat(again.next(1000 + i)).isEqualTo(live.next(1000 + i));
        }
    }
}
