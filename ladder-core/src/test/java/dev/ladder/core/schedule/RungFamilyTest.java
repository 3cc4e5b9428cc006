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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RungFamilyTest {
    static final Searcher NUMBERED = id -> Optional.of(Config.of(Map.of("i", id)));
    static final Metric LOSS = Metric.minimize("loss");

    @Test
    void adaptiveDefaultsFollowThesisSection351() {
        assertThat(AdaptiveScheduler.levels(256, 4, 5)).containsExactly(1, 4, 16, 64, 256);
        assertThat(AdaptiveScheduler.levels(1000, 4, 5)).containsExactly(3, 15, 62, 250, 1000);
        assertThat(AdaptiveScheduler.levels(20, 4, 5)).containsExactly(1, 5, 20);
        assertThat(AdaptiveScheduler.bracketRungs(AdaptiveScheduler.Mode.STANDARD, 5)).containsExactly(5, 4, 3);
        assertThat(AdaptiveScheduler.bracketRungs(AdaptiveScheduler.Mode.AGGRESSIVE, 5)).containsExactly(5);
        assertThat(AdaptiveScheduler.bracketRungs(AdaptiveScheduler.Mode.CONSERVATIVE, 5)).containsExactly(5, 4, 3, 2, 1);
        // average resource per configuration: 5/256, 4/64, 3/16 of R; shares are their inverses, normalised
        double[] share = AdaptiveScheduler.shares(4, new int[] {5, 4, 3});
        assertThat(1 / (share[0] / share[2])).isCloseTo((5.0 / 256) / (3.0 / 16), within(1e-12));
        assertThat(share[0]).isCloseTo(0.7059, within(5e-5)); // thesis: 70.5%
        assertThat(share[1]).isCloseTo(0.2206, within(5e-5)); // thesis: 22.1%
        assertThat(share[2]).isCloseTo(0.0735, within(5e-5)); // thesis prints 7.1%; its own r-bar values give 7.35%
        assertThat(AdaptiveScheduler.split(1000, 4, new int[] {5, 4, 3})).containsExactly(707, 220, 73);
        assertThatThrownBy(() -> AdaptiveScheduler.split(2, 4, new int[] {5, 4, 3})).hasMessageContaining("at least one trial per bracket");
    }

    @Test
    void adaptiveCapsTheBottomRungOfEachBracket() {
        AdaptiveScheduler adaptive = new AdaptiveScheduler(new RandomSearcher(SearchSpace.builder().real("x", 0, 1).build(), 1),
                LOSS, 400, 256, AdaptiveScheduler.Mode.STANDARD);
        SchedulerDriver d = new SchedulerDriver(adaptive);
        d.run(4, 5000, (t, r) -> ((t * 7919) % 100) / 100.0 + 1.0 / r, 3, new SchedulerDriver.Observer() { });
        long[] entered = new long[3];
        for (SchedulerDriver.Call c : d.log) {
            if (c instanceof SchedulerDriver.Call.Suggest s && s.answer().orElse(null) instanceof Suggestion.Start st) {
                entered[st.resource() == 1 ? 0 : st.resource() == 4 ? 1 : 2]++;
            }
        }
        assertThat(d.trials).hasSize(400); // n caps the experiment even though the tuner allowed 5000
        assertThat(entered).containsExactly(283, 88, 29); // floor(share * 400), the remainder to bracket 0
        assertThat(d.trials.values().stream().filter(t -> t.status() == TrialStatus.COMPLETED).count()).isPositive();
    }

    @Test
    void asyncHyperbandLoopsThroughBracketsForNewTrials() {
        AsyncHyperbandScheduler hb = new AsyncHyperbandScheduler(NUMBERED, LOSS, 1, 27, 3,
                RungScheduler.Type.PROMOTION, RungScheduler.BracketSelection.LOOP, false, 0);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            starts.add(hb.suggest(i, true).orElseThrow().resource());
        }
        assertThat(starts).containsExactly(1L, 3L, 9L, 27L, 1L, 3L, 9L, 27L);
    }

    @Test
    void asyncHyperbandSamplesBracketsWithHyperbandWeightsFromItsSeed() {
        List<Long> a = starts(7);
        assertThat(a).isEqualTo(starts(7)).isNotEqualTo(starts(8));
        long bottom = a.stream().filter(r -> r == 1).count();
        // weights 27/4, 9/3, 3/2, 1/1 -> bracket 0 gets 6.75/12.25 = 55% of 2000 draws
        assertThat(bottom).isBetween(1000L, 1200L);
    }

    private static List<Long> starts(long seed) {
        AsyncHyperbandScheduler hb = new AsyncHyperbandScheduler(NUMBERED, LOSS, 1, 27, 3,
                RungScheduler.Type.PROMOTION, RungScheduler.BracketSelection.SAMPLE, true, seed);
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            starts.add(hb.suggest(i, true).orElseThrow().resource());
        }
        return starts;
    }

    @Test
    void infiniteHorizonAshaKeepsPromotingPastAnyFixedMaximum() {
        AshaScheduler asha = new AshaScheduler(NUMBERED, LOSS, 1, null, 3, RungScheduler.Type.PROMOTION);
        SchedulerDriver d = new SchedulerDriver(asha);
        d.run(1, 243, (t, r) -> (t % 17) + 1.0 / r, 1, new SchedulerDriver.Observer() { });
        long highest = d.trials.values().stream().mapToLong(Trial::lastResource).max().orElseThrow();
        assertThat(highest).isEqualTo(243); // 243 -> 81 -> 27 -> 9 -> 3 -> 1 configs at rungs 1 .. 243
        assertThat(asha.levels()).startsWith(1, 3, 9, 27, 81, 243);
        assertThat(d.trials.values()).noneMatch(t -> t.status() == TrialStatus.COMPLETED);
        assertThat(asha.toString()).contains("no maximum");
    }

    @Test
    void stoppingAshaStopsTrialsOutsideTheTopThird() {
        AshaScheduler asha = new AshaScheduler(NUMBERED, LOSS, 1, 9L, 3, RungScheduler.Type.STOPPING);
        double[] loss = {0.5, 0.4, 0.9, 0.1};
        List<String> decisions = new ArrayList<>();
        for (int i = 0; i < loss.length; i++) {
            Suggestion.Start s = (Suggestion.Start) asha.suggest(i, true).orElseThrow();
            assertThat(s.resource()).isEqualTo(9);
            Decision d = asha.onResult(new Trial(i, s.config()), new Result(i, 1, Map.of("loss", loss[i])));
            decisions.add(d instanceof Decision.Continue ? "continue" : d.reason());
        }
        assertThat(decisions).containsExactly("continue", "continue",
                "at rung 0 (r=1): rank 3 of 3, continuing needs top 1/3", "continue");
    }

    @Test
    void medianRuleStopsTrialsWorseThanTheMedianOfOthersRunningAverages() {
        MedianStoppingRule median = new MedianStoppingRule(NUMBERED, LOSS, 1, 4, 2, 2);
        double[][] curves = {{1.0, 0.8, 0.6, 0.5}, {0.9, 0.7, 0.5, 0.4}, {2.0, 1.9, 1.8, 1.7}, {0.95, 0.2, 0.1, 0.1}};
        List<String> outcome = new ArrayList<>();
        for (int i = 0; i < curves.length; i++) {
            Suggestion.Start s = (Suggestion.Start) median.suggest(i, true).orElseThrow();
            Trial t = new Trial(i, s.config());
            String end = "ran to 4";
            for (int r = 1; r <= 4; r++) {
                Decision d = median.onResult(t, new Result(i, r, Map.of("loss", curves[i][r - 1])));
                if (d instanceof Decision.Stop) {
                    end = "stopped at " + r + ": " + d.reason();
                    break;
                }
            }
            outcome.add(end);
        }
        assertThat(outcome.get(0)).isEqualTo("ran to 4");
        assertThat(outcome.get(1)).isEqualTo("ran to 4");
        // at r=1 the others' averages are 1.0 and 0.9, median 0.95; 2.0 is worse
        assertThat(outcome.get(2)).isEqualTo("stopped at 1: at r=1 its best loss 2.00000 is worse than the median 0.950000 of 2 other trials' running averages");
        assertThat(outcome.get(3)).isEqualTo("ran to 4");
    }

    @Test
    void everyNameBuildsAndUnknownNamesAreListed() {
        for (String name : Schedulers.NAMES) {
            SchedulerSpec spec = SchedulerSpec.of(name).maxResource(81L).trials(100);
            assertThat(spec.build(NUMBERED, LOSS).toString()).isNotBlank();
        }
        assertThatThrownBy(() -> SchedulerSpec.of("asha-stoping"))
                .hasMessageContaining("unknown scheduler 'asha-stoping' (known: fifo, sha, hyperband, asha");
        assertThatThrownBy(() -> Schedulers.adaptive().maxResource(81L).build(NUMBERED, LOSS))
                .hasMessageContaining("needs the number of trials");
        assertThatThrownBy(() -> Schedulers.hyperband().build(NUMBERED, LOSS))
                .hasMessageContaining("'hyperband' needs a max resource");
    }
}
