package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.SynchronousHyperband.Bracket;
import dev.ladder.core.schedule.SynchronousHyperband.RungSize;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.search.Searcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SynchronousHyperbandTest {
    static final Metric LOSS = Metric.minimize("loss");

    /** Trial i has config {i: i}; it is not sampled, so the losses below belong to known trials. */
    static final Searcher NUMBERED = id -> Optional.of(Config.of(Map.of("i", id)));

    static List<String> table(List<Bracket> brackets) {
        return brackets.stream().map(b -> "s=" + b.s() + " " + b.rungs()).toList();
    }

    // ---------------------------------------------------------------- bracket tables (Algorithm 1)

    /**
     * R = 81, eta = 3: s_max = 4, B/R = 5. n = ceil(5 * 3^(4-s) / (5-s)): 81, ceil(135/4) = 34,
     * ceil(45/3) = 15, ceil(15/2) = 8, 5; r = 81 * 3^-(4-s) = 1, 3, 9, 27, 81; n_i = floor(n / 3^i).
     */
    @Test
    void hyperband81Eta3MatchesAlgorithm1() {
        List<Bracket> b = SynchronousHyperband.hyperbandBrackets(1, 81, 3);
        assertThat(table(b)).containsExactly(
                "s=0 [81@1, 27@3, 9@9, 3@27, 1@81]",
                "s=1 [34@3, 11@9, 3@27, 1@81]",
                "s=2 [15@9, 5@27, 1@81]",
                "s=3 [8@27, 2@81]",
                "s=4 [5@81]");
        assertThat(b.get(0).rungs().get(0)).isEqualTo(new RungSize(1, 81));
        assertThat(b).extracting(Bracket::configs).containsExactly(81L, 34L, 15L, 8L, 5L);
        assertThat(b).extracting(Bracket::resource).containsExactly(1L, 3L, 9L, 27L, 81L);
        SynchronousHyperband hb = SynchronousHyperband.hyperband(NUMBERED, LOSS, 81, 3);
        assertThat(hb.brackets()).isEqualTo(b);
        assertThat(hb.toString()).startsWith("hyperband(R=81, eta=3, brackets=[81@1, 34@3, 15@9, 8@27, 5@81], searcher=");
    }

    /** R = 27, eta = 3: s_max = 3, B/R = 4. n = ceil(4 * 3^(3-s) / (4-s)) = 27, 12, 6, 4. */
    @Test
    void hyperband27Eta3MatchesAlgorithm1() {
        assertThat(table(SynchronousHyperband.hyperbandBrackets(1, 27, 3))).containsExactly(
                "s=0 [27@1, 9@3, 3@9, 1@27]",
                "s=1 [12@3, 4@9, 1@27]",
                "s=2 [6@9, 2@27]",
                "s=3 [4@27]");
    }

    /**
     * R = 256, eta = 4: s_max = 4, B/R = 5. n = ceil(5 * 4^(4-s) / (5-s)): 256, ceil(320/4) = 80,
     * ceil(80/3) = 27, ceil(20/2) = 10, 5; r = 1, 4, 16, 64, 256.
     */
    @Test
    void hyperband256Eta4MatchesAlgorithm1() {
        assertThat(table(SynchronousHyperband.hyperbandBrackets(1, 256, 4))).containsExactly(
                "s=0 [256@1, 64@4, 16@16, 4@64, 1@256]",
                "s=1 [80@4, 20@16, 5@64, 1@256]",
                "s=2 [27@16, 6@64, 1@256]",
                "s=3 [10@64, 2@256]",
                "s=4 [5@256]");
    }

    /** Math.log(243) / Math.log(3) = 4.999... and log(1000) / log(10) = 2.999...: integer s_max does not lose a bracket. */
    @Test
    void sMaxIsExactWhereFloatingPointLogsAreOffByOne() {
        assertThat((int) Math.floor(Math.log(243) / Math.log(3))).isEqualTo(4); // the float pitfall
        assertThat(SynchronousHyperband.hyperbandBrackets(1, 243, 3)).hasSize(6);
        assertThat(SynchronousHyperband.hyperbandBrackets(1, 1000, 10)).hasSize(4);
        assertThat(SynchronousHyperband.sMax(1, 242, 3)).isEqualTo(5); // 1, 3, 9, 27, 81, then 242
        assertThat(SynchronousHyperband.sMax(1, Long.MAX_VALUE, 2)).isEqualTo(63);
        assertThat(SynchronousHyperband.sMax(5, 5, 2)).isZero();
        assertThat(SynchronousHyperband.hyperbandBrackets(5, 5, 2)).extracting(Bracket::rungs)
                .containsExactly(List.of(new RungSize(5, 1)));
        assertThat(SynchronousHyperband.hyperbandBrackets(1, 1L << 62, 2)).hasSize(63); // no overflow in n
    }

    /** Resources in units of r_min; when R / r_min is not a power of eta, R is a rung of its own above the last power, as in ASHA. */
    @Test
    void minimumResourceAndNonPowerMaximum() {
        assertThat(table(SynchronousHyperband.hyperbandBrackets(2, 162, 3))).containsExactly(
                "s=0 [81@2, 27@6, 9@18, 3@54, 1@162]",
                "s=1 [34@6, 11@18, 3@54, 1@162]",
                "s=2 [15@18, 5@54, 1@162]",
                "s=3 [8@54, 2@162]",
                "s=4 [5@162]");
        // R = 10, eta = 3: rungs 1, 3, 9, 10, s_max = 3, B/R = 4, n = 27, ceil(36/3) = 12, ceil(12/2) = 6, 4
        assertThat(table(SynchronousHyperband.hyperbandBrackets(1, 10, 3))).containsExactly(
                "s=0 [27@1, 9@3, 3@9, 1@10]",
                "s=1 [12@3, 4@9, 1@10]",
                "s=2 [6@9, 2@10]",
                "s=3 [4@10]");
        // R / r_min = 30 / 4 = 7.5: rungs 4, 12, 30, s_max = 2
        assertThat(table(SynchronousHyperband.hyperbandBrackets(4, 30, 3))).containsExactly(
                "s=0 [9@4, 3@12, 1@30]",
                "s=1 [5@12, 1@30]",
                "s=2 [3@30]");
        assertThat(SynchronousHyperband.hyperband(NUMBERED, LOSS, 2, 162, 3).toString())
                .startsWith("hyperband(r_min=2, R=162, eta=3, brackets=[81@2, 34@6, 15@18, 8@54, 5@162], searcher=");
    }

    /** Issue 15: sha, hyperband and asha train to the same rungs for the same resource range (LCBench's 1..52 epochs here). */
    @Test
    void bracketsUseTheRungsAshaUses() {
        long[] asha = new AshaScheduler(NUMBERED, LOSS, 1, 52, 3).levels();
        assertThat(asha).containsExactly(1, 3, 9, 27, 52);
        assertThat(SynchronousHyperband.hyperbandBrackets(1, 52, 3).get(0).rungs()).extracting(RungSize::resource)
                .containsExactly(1L, 3L, 9L, 27L, 52L);
        assertThat(SynchronousHyperband.shaBracket(81, 1, 52, 3, 0).rungs()).extracting(RungSize::resource)
                .containsExactly(1L, 3L, 9L, 27L, 52L);
        for (long[] range : new long[][] {{1, 10, 3}, {4, 30, 3}, {2, 162, 3}, {1, 100, 4}, {3, 1000, 2}}) {
            long[] levels = RungLevels.of(range[0], range[1], range[2]);
            assertThat(SynchronousHyperband.hyperbandBrackets(range[0], range[1], range[2]).get(0).rungs())
                    .extracting(RungSize::resource).containsExactly(java.util.Arrays.stream(levels).boxed().toArray(Long[]::new));
        }
    }

    @Test
    void invalidSettingsFailNamingTheValue() {
        assertThatThrownBy(() -> SynchronousHyperband.hyperband(NUMBERED, LOSS, 81, 1)).hasMessageContaining("eta must be at least 2, got 1");
        assertThatThrownBy(() -> SynchronousHyperband.hyperband(NUMBERED, LOSS, 0, 81, 3)).hasMessageContaining("min resource must be at least 1, got 0");
        assertThatThrownBy(() -> SynchronousHyperband.hyperband(NUMBERED, LOSS, 9, 3, 3)).hasMessageContaining("max resource 3 is below min resource 9");
        assertThatThrownBy(() -> SynchronousHyperband.sha(NUMBERED, LOSS, 9, 1, 9, 3, 3))
                .hasMessageContaining("s = 3 is outside 0..s_max = 2");
    }

    // ---------------------------------------------------------------- SHA (Algorithm 2)

    @Test
    void shaBracketFollowsAlgorithm2() {
        assertThat(SynchronousHyperband.shaBracket(9, 1, 9, 3, 0).rungs().toString()).isEqualTo("[9@1, 3@3, 1@9]");
        assertThat(SynchronousHyperband.shaBracket(10, 1, 27, 3, 1).rungs().toString()).isEqualTo("[10@3, 3@9, 1@27]");
        assertThat(SynchronousHyperband.shaBracket(3, 1, 9, 3, 2).rungs().toString()).isEqualTo("[3@9]");
        SynchronousHyperband sha = SynchronousHyperband.sha(NUMBERED, LOSS, 9, 1, 9, 3, 0);
        assertThat(sha.brackets()).hasSize(1);
        assertThat(sha.toString()).startsWith("sha(n=9, r=1, R=9, eta=3, s=0, rungs=[9@1, 3@3, 1@9], searcher=");
        // the boundary n = eta^(s_max - s) is allowed: exactly one configuration reaches R
        assertThat(SynchronousHyperband.shaBracket(9, 1, 9, 3, 0).rungs().get(2)).isEqualTo(new RungSize(9, 1));
    }

    @Test
    void shaFailsWhenNoConfigurationWouldReachR() {
        assertThatThrownBy(() -> SynchronousHyperband.sha(NUMBERED, LOSS, 8, 1, 9, 3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sha: n = 8 configurations is below eta^(s_max - s) = 3^2 = 9, so no configuration would be"
                        + " allocated R = 9 (Algorithm 2 asserts this; rungs [1, 3, 9], s_max = 2, s = 0)");
        assertThatThrownBy(() -> SynchronousHyperband.sha(NUMBERED, LOSS, 3, 2, 54, 3, 1))
                .hasMessageContaining("n = 3 configurations is below eta^(s_max - s) = 3^2 = 9");
    }

    /** Thesis Figure 3.1 (n = 9, r = 1, R = 9, eta = 3) on one worker: 9 -> top 3 -> top 1. */
    @Test
    void figure31OnOneWorker() {
        double[] rung0 = {0.5, 0.9, 0.1, 0.7, 0.3, 0.8, 0.2, 0.6, 0.4};
        Sim sim = new Sim(SynchronousHyperband.sha(NUMBERED, LOSS, 9, 1, 9, 3, 0), 1, 9, (t, r) -> rung0[t] / r).run();
        assertThat(sim.log).containsExactly(
                "start 0@1", "pause 0", "start 1@1", "pause 1", "start 2@1", "pause 2", "start 3@1", "pause 3",
                "start 4@1", "pause 4", "start 5@1", "pause 5", "start 6@1", "pause 6", "start 7@1", "pause 7",
                "start 8@1", "pause 8",
                "resume 2@3", "pause 2", "resume 6@3", "pause 6", "resume 4@3", "pause 4",
                "resume 2@9", "complete 2");
        assertThat(sim.reasons(0)).containsExactly(
                "bracket #0 (s=0) rung 0 (r=1): 1 of 9 results in; the rung waits for all 9 before promoting the top 3");
        assertThat(sim.reasons(8)).containsExactly(
                "bracket #0 (s=0) rung 0 (r=1): all 9 results in; rank 4 of 9, not in the top 3");
        assertThat(sim.reasons(2)).containsExactly(
                "bracket #0 (s=0) rung 0 (r=1): 3 of 9 results in; the rung waits for all 9 before promoting the top 3",
                "promoted from bracket #0 (s=0) rung 0 (r=1) to r=3: rank 1 of 9, top 3 go on",
                "bracket #0 (s=0) rung 1 (r=3): 1 of 3 results in; the rung waits for all 3 before promoting the top 1",
                "promoted from bracket #0 (s=0) rung 1 (r=3) to r=9: rank 1 of 3, top 1 go on",
                "");
        assertThat(sim.reasons(4)).contains(
                "bracket #0 (s=0) rung 1 (r=3): all 3 results in; rank 3 of 3, not in the top 1");
        assertThat(sim.reasons(6)).contains("promoted from bracket #0 (s=0) rung 0 (r=1) to r=3: rank 2 of 9, top 3 go on");
    }

    /** With one worker nothing else can run while a bracket waits, so brackets run one after another: Algorithm 1 itself. */
    @Test
    void oneWorkerRunsTheBracketsInSequence() {
        SynchronousHyperband hb = SynchronousHyperband.hyperband(NUMBERED, LOSS, 9, 3); // 9@1, 5@3, 3@9
        Sim sim = new Sim(hb, 1, 9 + 5 + 3 + 2, (t, r) -> ((t * 7) % 10) / 10.0 + 1.0 / r).run();
        List<String> starts = sim.log.stream().filter(l -> l.startsWith("start")).toList();
        assertThat(starts).extracting(l -> l.substring(l.indexOf('@'))).containsExactly(
                "@1", "@1", "@1", "@1", "@1", "@1", "@1", "@1", "@1", "@3", "@3", "@3", "@3", "@3", "@9", "@9", "@9", "@1", "@1");
        // losses (7t mod 10)/10: bracket 0 (t0..8) best t0 (0.0) then t3 (0.1), t6 (0.2); bracket 1 (t9..13): t10 (0.0)
        List<String> completes = sim.log.stream().filter(l -> l.startsWith("complete")).toList();
        assertThat(completes).containsExactly("complete 0", "complete 10", "complete 14", "complete 15", "complete 16",
                "complete 18"); // the last bracket got 2 of 9 configs (t17: 0.9, t18: 0.6): 2@1, then max(1, 0) = 1 goes on to R
        // a new bracket starts only after the previous one finished
        assertThat(sim.log.indexOf("start 9@3")).isGreaterThan(sim.log.indexOf("complete 0"));
        assertThat(sim.log.indexOf("start 14@9")).isGreaterThan(sim.log.indexOf("complete 10"));
        assertThat(sim.log.indexOf("start 17@1")).isGreaterThan(sim.log.indexOf("complete 16"));
        assertThat(sim.log).containsSubsequence("resume 0@3", "resume 3@3", "resume 6@3", "resume 0@9");
    }

    /** Several workers, driven by hand: rungs wait for all their trials, free workers open new brackets. */
    @Test
    void freeWorkersOpenNewBracketsAndRungsWaitForAllTheirTrials() {
        SynchronousHyperband hb = SynchronousHyperband.hyperband(NUMBERED, LOSS, 3, 3); // s=0: 3@1, 1@3; s=1: 2@3
        assertThat(table(hb.brackets())).containsExactly("s=0 [3@1, 1@3]", "s=1 [2@3]");
        Driver d = new Driver(hb);
        assertThat(d.next(true)).isEqualTo("start 0@1");
        assertThat(d.next(true)).isEqualTo("start 1@1");
        assertThat(d.next(true)).isEqualTo("start 2@1"); // bracket #0 has its 3 configs
        assertThat(d.next(true)).isEqualTo("start 3@3"); // nothing else to run: bracket #1 (s=1) opens
        assertThat(d.report(0, 1, 0.5)).isEqualTo("pause: bracket #0 (s=0) rung 0 (r=1): 1 of 3 results in;"
                + " the rung waits for all 3 before promoting the top 1");
        d.end(0);
        assertThat(d.next(true)).isEqualTo("start 4@3"); // bracket #1 takes its second config
        assertThat(d.next(true)).isEqualTo("start 5@1"); // bracket #2 (s=0 again) opens
        assertThat(d.report(1, 1, 0.1)).startsWith("pause: bracket #0 (s=0) rung 0 (r=1): 2 of 3 results in");
        d.end(1);
        assertThat(d.next(true)).isEqualTo("start 6@1"); // no promotion yet: trial 2 has not reported
        assertThat(d.next(false)).isEqualTo("none");     // (mayStartNew=false closes bracket #2 with 2 configs)
        assertThat(d.report(2, 1, 0.3)).isEqualTo("pause: bracket #0 (s=0) rung 0 (r=1): all 3 results in;"
                + " rank 2 of 3, not in the top 1");
        // the promotion is available while trial 2's job is still ending; the tuner defers it if needed
        assertThat(d.next(false)).isEqualTo("resume 1@3: promoted from bracket #0 (s=0) rung 0 (r=1) to r=3: rank 1 of 3, top 1 go on");
        d.end(2);
        assertThat(d.report(1, 2, 0.05)).isEqualTo("continue");
        assertThat(d.report(1, 3, 0.01)).isEqualTo("continue"); // the top rung: the job runs to R and completes
        assertThat(d.report(3, 3, 0.2)).startsWith("continue");
        assertThat(d.next(false)).isEqualTo("none");
    }

    /** mayStartNew=false (the trial cap): open brackets hand out their promotions and complete with the configs they have. */
    @Test
    void theTrialCapLetsOpenBracketsFinish() {
        SynchronousHyperband sha = SynchronousHyperband.sha(NUMBERED, LOSS, 9, 1, 9, 3, 0);
        Driver d = new Driver(sha);
        for (int i = 0; i < 4; i++) {
            assertThat(d.next(true)).isEqualTo("start " + i + "@1");
        }
        d.report(0, 1, 0.4);
        d.report(1, 1, 0.1);
        assertThat(d.next(false)).isEqualTo("none"); // the cap: the base rung closes with 4 configs, 2 still running
        assertThat(d.report(2, 1, 0.3)).isEqualTo("pause: bracket #0 (s=0) rung 0 (r=1): 3 of 4 results in;"
                + " the rung waits for all 4 before promoting the top 1");
        assertThat(d.next(false)).isEqualTo("none");
        assertThat(d.report(3, 1, 0.2)).isEqualTo("pause: bracket #0 (s=0) rung 0 (r=1): all 4 results in;"
                + " rank 2 of 4, not in the top 1");
        assertThat(d.next(false)).isEqualTo("resume 1@3: promoted from bracket #0 (s=0) rung 0 (r=1) to r=3: rank 1 of 4, top 1 go on");
        assertThat(d.next(false)).isEqualTo("none");
        assertThat(d.report(1, 3, 0.05)).isEqualTo("pause: bracket #0 (s=0) rung 1 (r=3): all 1 results in;"
                + " rank 1 of 1, promoted to r=9 (top 1)");
        d.end(1);
        assertThat(d.next(false)).isEqualTo("resume 1@9: promoted from bracket #0 (s=0) rung 1 (r=3) to r=9: rank 1 of 1, top 1 go on");
        assertThat(d.report(1, 9, 0.01)).isEqualTo("continue");
        assertThat(d.next(false)).isEqualTo("none");
        assertThat(d.next(true)).isEqualTo("start 4@1"); // the bracket is finished: a new one opens
    }

    /** A finite searcher: the bracket shrinks to the configs it got (5 of 9: 5@1, 1@3, 1@9) and no new bracket opens. */
    @Test
    void anExhaustedSearcherShrinksTheBracketAndOpensNoOther() {
        Searcher five = id -> id < 5 ? Optional.of(Config.of(Map.of("i", id))) : Optional.empty();
        double[] loss = {0.5, 0.2, 0.9, 0.1, 0.3};
        Sim sim = new Sim(SynchronousHyperband.hyperband(five, LOSS, 9, 3), 3, 100, (t, r) -> loss[t] / r).run();
        assertThat(sim.trials).hasSize(5);
        assertThat(sim.log).filteredOn(l -> l.startsWith("resume")).containsExactly("resume 3@3", "resume 3@9");
        assertThat(sim.log).endsWith("complete 3");
        assertThat(sim.reasons(3)).contains("promoted from bracket #0 (s=0) rung 0 (r=1) to r=3: rank 1 of 5, top 1 go on");
    }

    @Test
    void aMaximisedMetricPromotesTheLargest() {
        double[] acc = {0.6, 0.9, 0.7};
        Sim sim = new Sim(SynchronousHyperband.sha(NUMBERED, Metric.maximize("acc"), 3, 1, 3, 3, 0), 2, 3,
                (t, r) -> acc[t]).run();
        assertThat(sim.log).filteredOn(l -> l.startsWith("resume")).containsExactly("resume 1@3");
    }

    @Test
    void tiesGoToTheLowerTrialIdWhateverTheReportOrder() {
        Driver d = new Driver(SynchronousHyperband.sha(NUMBERED, LOSS, 3, 1, 3, 3, 0));
        d.next(true);
        d.next(true);
        d.next(true);
        d.report(2, 1, 0.5);
        d.report(1, 1, 0.5);
        assertThat(d.report(0, 1, 0.5)).endsWith("rank 1 of 3, promoted to r=3 (top 1)");
        assertThat(d.next(false)).startsWith("resume 0@3");
    }

    // ---------------------------------------------------------------- failures

    /** n = 3 at r = 1, the best goes on to R = 3. */
    static Driver threeRunning() {
        Driver d = new Driver(SynchronousHyperband.sha(NUMBERED, LOSS, 3, 1, 3, 3, 0));
        for (int i = 0; i < 3; i++) {
            d.next(true);
        }
        return d;
    }

    @Test
    void aTrialFailingBeforeItsReportFillsItsSlotAndIsNeverPromoted() {
        Driver d = threeRunning();
        d.endAs(0, TrialStatus.FAILED);
        d.report(1, 1, 0.5);
        assertThat(d.next(false)).isEqualTo("none");
        assertThat(d.report(2, 1, 0.7)).endsWith("all 3 results in; rank 2 of 3, not in the top 1");
        assertThat(d.next(false)).startsWith("resume 1@3: promoted from bracket #0 (s=0) rung 0 (r=1) to r=3: rank 1 of 3");
    }

    @Test
    void theBestTrialFailingWhilePausedIsNotPromoted() {
        Driver d = threeRunning();
        d.report(0, 1, 0.1);
        d.endAs(0, TrialStatus.FAILED); // e.g. its checkpoint save crashed after the pause decision
        d.report(1, 1, 0.5);
        d.report(2, 1, 0.7);
        assertThat(d.next(false)).startsWith("resume 1@3: promoted from bracket #0 (s=0) rung 0 (r=1) to r=3: rank 1 of 3");
    }

    @Test
    void aPromotedTrialFailingBeforeItsResumeLeavesItsSlotDone() {
        Driver d = threeRunning();
        d.report(0, 1, 0.1);
        d.report(1, 1, 0.5);
        d.report(2, 1, 0.7); // rung 0 complete: trial 0 is the pending promotion
        d.endAs(0, TrialStatus.FAILED);
        assertThat(d.next(false)).isEqualTo("none"); // rung 1's one slot is dead: the bracket is finished
        assertThat(d.next(true)).isEqualTo("start 3@1");
    }

    @Test
    void stoppedAndShortEndedTrialsCountAsDoneWithTheWorstValue() {
        Driver d = threeRunning();
        d.endAs(1, TrialStatus.STOPPED);
        d.endAs(2, TrialStatus.COMPLETED); // the objective returned before reaching its rung
        assertThat(d.report(0, 1, 9.0)).endsWith("all 3 results in; rank 1 of 3, promoted to r=3 (top 1)");
        assertThat(d.next(false)).startsWith("resume 0@3");
        d.endAs(0, TrialStatus.FAILED); // the promoted trial's job fails: the top rung is done too
        assertThat(d.next(false)).isEqualTo("none");
        assertThat(d.next(true)).isEqualTo("start 3@1");
    }

    // ---------------------------------------------------------------- properties

    /** The scheduler for a generated case: Hyperband, or SHA with a random s and a valid n. */
    static SynchronousHyperband generated(int eta, int minR, int ratio, int extra, boolean sha, long seed) {
        long maxR = (long) minR * ratio + extra % minR;
        if (!sha) {
            return SynchronousHyperband.hyperband(NUMBERED, LOSS, minR, maxR, eta);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int sMax = SynchronousHyperband.sMax(minR, maxR, eta);
        int s = rng.nextInt(sMax + 1);
        long least = Math.round(Math.pow(eta, sMax - s));
        return SynchronousHyperband.sha(NUMBERED, LOSS, least + rng.nextInt((int) least * 2 + 1), minR, maxR, eta, s);
    }

    /** Losses from 6 values, so that ties (broken by trial id) are common. */
    static LossTable randomLosses(long seed) {
        return (t, r) -> new SplittableRandom(seed * 1_000_003L + t * 7919L + r).nextInt(6);
    }

    private static final Pattern GROUP = Pattern.compile("bracket #(\\d+) \\(s=(\\d+)\\) rung (\\d+)");

    /**
     * Random losses, random completion order of reports and job ends on several workers, a random
     * trial cap: the set promoted out of every rung is exactly its top max(1, floor(n_i / eta)) by
     * (loss, trial id); every promotion comes after the rung's last report; the next rung holds exactly
     * the promoted trials; only the last-opened bracket may have fewer configs than planned; the run
     * ends with every trial paused or complete, and it is reproducible.
     */
    @Property(tries = 300)
    void promotionsAreTheTopOfCompleteRungs(@ForAll @IntRange(min = 2, max = 4) int eta,
                                            @ForAll @IntRange(min = 1, max = 3) int minR,
                                            @ForAll @IntRange(min = 1, max = 40) int ratio,
                                            @ForAll @IntRange(min = 0, max = 2) int extra,
                                            @ForAll @IntRange(min = 1, max = 6) int workers,
                                            @ForAll @IntRange(min = 1, max = 90) int maxTrials,
                                            @ForAll boolean sha, @ForAll long seed) {
        SynchronousHyperband scheduler = generated(eta, minR, ratio, extra, sha, seed);
        Sim sim = new Sim(scheduler, workers, maxTrials, randomLosses(seed), new Random(seed)).run();
        assertThat(sim.trials).hasSize(maxTrials);
        assertThat(sim.trials.values()).allSatisfy(t ->
                assertThat(t.status()).isIn(TrialStatus.PAUSED, TrialStatus.COMPLETED));

        Map<String, Map<Integer, Double>> members = new TreeMap<>();
        Map<String, Integer> lastReport = new HashMap<>();
        Map<String, List<Integer>> promoted = new HashMap<>();
        Map<String, Integer> firstResume = new HashMap<>();
        Map<String, Integer> sOfGroup = new HashMap<>();
        Map<Integer, String> promotedInto = new HashMap<>();
        Map<String, List<Integer>> topMembers = new HashMap<>();
        for (int i = 0; i < sim.events.size(); i++) {
            Event e = sim.events.get(i);
            Matcher m = GROUP.matcher(e.reason());
            if (e.type().equals("report") && m.find()) {
                String g = m.group(1) + "/" + m.group(3);
                sOfGroup.put(g, Integer.parseInt(m.group(2)));
                members.computeIfAbsent(g, k -> new LinkedHashMap<>()).put(e.trial(), e.loss());
                lastReport.put(g, i);
            } else if (e.type().equals("report") && promotedInto.containsKey(e.trial())) {
                assertThat(e.decision()).isEqualTo("continue"); // the top rung
                topMembers.computeIfAbsent(promotedInto.get(e.trial()), k -> new ArrayList<>()).add(e.trial());
            } else if (e.type().equals("resume")) {
                assertThat(m.find()).isTrue();
                String g = m.group(1) + "/" + m.group(3);
                promoted.computeIfAbsent(g, k -> new ArrayList<>()).add(e.trial());
                firstResume.putIfAbsent(g, i);
                promotedInto.put(e.trial(), m.group(1) + "/" + (Integer.parseInt(m.group(3)) + 1));
            }
        }
        for (Map.Entry<String, Map<Integer, Double>> g : members.entrySet()) {
            Map<Integer, Double> rung = g.getValue();
            long k = Math.max(1, rung.size() / eta);
            List<Integer> top = rung.entrySet().stream()
                    .sorted(Map.Entry.<Integer, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .limit(k).map(Map.Entry::getKey).toList();
            assertThat(promoted.get(g.getKey())).as("promoted out of rung %s %s", g.getKey(), rung).isEqualTo(top);
            assertThat(firstResume.get(g.getKey())).as("first promotion out of %s", g.getKey())
                    .isGreaterThan(lastReport.get(g.getKey()));
            String[] bi = g.getKey().split("/");
            String next = bi[0] + "/" + (Integer.parseInt(bi[1]) + 1);
            Set<Integer> nextMembers = members.containsKey(next) ? members.get(next).keySet()
                    : new HashSet<>(topMembers.getOrDefault(next, List.of()));
            assertThat(nextMembers).as("members of rung %s", next).containsExactlyInAnyOrderElementsOf(top);
        }
        assertThat(promoted.keySet()).isSubsetOf(members.keySet());
        // at most one bracket fills at a time, so only the last-opened one may be short
        List<String> bases = members.keySet().stream().filter(g -> g.endsWith("/0"))
                .sorted(Comparator.comparingInt(g -> Integer.parseInt(g.split("/")[0]))).toList();
        for (int i = 0; i < bases.size() - 1; i++) {
            String g = bases.get(i);
            long planned = scheduler.brackets().stream().filter(b -> b.s() == sOfGroup.get(g)).findFirst()
                    .orElseThrow().configs();
            assertThat((long) members.get(g).size()).as("configs of bracket %s", g).isEqualTo(planned);
        }
        for (List<Integer> tops : topMembers.values()) {
            assertThat(tops).allSatisfy(t -> assertThat(sim.trials.get(t).status()).isEqualTo(TrialStatus.COMPLETED));
        }
        Sim again = new Sim(generated(eta, minR, ratio, extra, sha, seed), workers, maxTrials, randomLosses(seed),
                new Random(seed)).run();
        assertThat(again.log).isEqualTo(sim.log);
    }

    /**
     * Random failures before a report and after a pause decision: the run never deadlocks, the
     * scheduler never resumes a trial it knows cannot run, and promotions still wait for their rung.
     */
    @Property(tries = 200)
    void failuresNeverBlockABracket(@ForAll @IntRange(min = 2, max = 3) int eta,
                                    @ForAll @IntRange(min = 1, max = 27) int ratio,
                                    @ForAll @IntRange(min = 1, max = 5) int workers,
                                    @ForAll @IntRange(min = 1, max = 60) int maxTrials,
                                    @ForAll boolean sha, @ForAll long seed) {
        Sim sim = new Sim(generated(eta, 1, ratio, 0, sha, seed), workers, maxTrials, randomLosses(seed), new Random(seed));
        sim.fails = (t, r) -> new SplittableRandom(seed ^ (t * 31L + r)).nextInt(8); // 0: before report, 1: after
        sim.run();
        assertThat(sim.trials).hasSize(maxTrials);
        assertThat(sim.trials.values()).allSatisfy(t -> assertThat(t.status())
                .isIn(TrialStatus.PAUSED, TrialStatus.COMPLETED, TrialStatus.FAILED));
        Map<String, Integer> lastReport = new HashMap<>();
        for (int i = 0; i < sim.events.size(); i++) {
            Event e = sim.events.get(i);
            Matcher m = GROUP.matcher(e.reason());
            if (!m.find()) {
                continue;
            }
            String g = m.group(1) + "/" + m.group(3);
            if (e.type().equals("report")) {
                lastReport.put(g, i);
            } else {
                assertThat(lastReport).containsKey(g);
            }
        }
        for (int i = 0; i < sim.events.size(); i++) {
            Event e = sim.events.get(i);
            Matcher m = GROUP.matcher(e.reason());
            if (e.type().equals("resume") && m.find()) {
                assertThat(i).isGreaterThan(lastReport.get(m.group(1) + "/" + m.group(3)));
            }
        }
    }

    // ---------------------------------------------------------------- end to end through the tuner

    @Test
    void runsThroughTheTunerWithCheckpoints() {
        SearchSpace space = SearchSpace.builder().real("x", 0, 1).build();
        QuadraticObjective q = new QuadraticObjective();
        Map<Integer, List<Long>> resumedFrom = q.resumedFrom;
        AtomicInteger epochs = q.epochsTrained;
        SynchronousHyperband hb = SynchronousHyperband.hyperband(new RandomSearcher(space, 1), LOSS, 9, 3);
        TuningResult r = Tuner.builder().scheduler(hb).workers(2).maxTrials(30).objective(q).run();
        // brackets 9@1 3@3 1@9 | 5@3 1@9 | 3@9 | 9@1 3@3 1@9 | 4 of 5 @3, 1@9 (the cap of 30 trials)
        assertThat(r.trials()).hasSize(30);
        Map<TrialStatus, Integer> counts = r.countByStatus();
        assertThat(counts.get(TrialStatus.FAILED)).isZero();
        assertThat(counts.get(TrialStatus.COMPLETED)).isEqualTo(1 + 1 + 3 + 1 + 1);
        assertThat(counts.get(TrialStatus.PAUSED)).isEqualTo(30 - 7);
        assertThat(r.totalResource()).isEqualTo(21 + 21 + 27 + 21 + 18).isEqualTo(epochs.get());
        assertThat(resumedFrom.values().stream().filter(l -> l.size() > 1).toList()).isNotEmpty()
                .allSatisfy(l -> assertThat(l).isSubsetOf(0L, 1L, 3L).doesNotHaveDuplicates());
        for (Trial t : r.trials()) {
            assertThat(t.lastResource()).isIn(1L, 3L, 9L);
            if (t.status() == TrialStatus.COMPLETED) {
                assertThat(t.lastResource()).isEqualTo(9);
            }
        }
        assertThat(r.best().orElseThrow().resource()).isEqualTo(9);
        assertThat(r.stopReason()).contains("no more work");
    }

    // ---------------------------------------------------------------- drivers

    interface LossTable {
        double loss(int trial, long resource);
    }

    interface FailTable {
        /** 0: the job fails before its report; 1: it fails after the decision on its report; else it works. */
        int mode(int trial, long target);
    }

    record Event(String type, int trial, long resource, double loss, String reason, String decision) {
    }

    /**
     * Simulated workers, mirroring the tuner: a job's report and its end are separate events taken
     * in random order; a resume of a trial whose paused job is still ending holds a worker slot and
     * starts when that job ends (and is dropped if it ends otherwise).
     */
    static final class Sim {
        final Scheduler s;
        final int workers;
        final int maxTrials;
        final LossTable losses;
        final Random order;
        FailTable fails = (t, r) -> -1;
        final Map<Integer, Trial> trials = new LinkedHashMap<>();
        final Map<Integer, Long> running = new TreeMap<>();
        final Map<Integer, TrialStatus> ending = new TreeMap<>();
        final Set<Integer> failOnEnd = new HashSet<>();
        final Map<Integer, Suggestion.Resume> deferred = new TreeMap<>();
        final List<String> log = new ArrayList<>();
        final List<Event> events = new ArrayList<>();

        Sim(Scheduler s, int workers, int maxTrials, LossTable losses) {
            this(s, workers, maxTrials, losses, new Random(0));
        }

        Sim(Scheduler s, int workers, int maxTrials, LossTable losses, Random order) {
            this.s = s;
            this.workers = workers;
            this.maxTrials = maxTrials;
            this.losses = losses;
            this.order = order;
        }

        Sim run() {
            for (int step = 0; ; step++) {
                assertThat(step).as("steps").isLessThan(1_000_000);
                fill();
                int choices = running.size() + ending.size();
                if (choices == 0) {
                    assertThat(deferred).isEmpty();
                    return this;
                }
                int pick = order.nextInt(choices);
                if (pick < running.size()) {
                    report(new ArrayList<>(running.keySet()).get(pick));
                } else {
                    end(new ArrayList<>(ending.keySet()).get(pick - running.size()));
                }
            }
        }

        List<String> reasons(int trial) {
            return events.stream().filter(e -> e.trial() == trial).map(Event::reason).toList();
        }

        private void fill() {
            while (running.size() + ending.size() + deferred.size() < workers) {
                Optional<Suggestion> next = s.suggest(trials.size(), trials.size() < maxTrials);
                if (next.isEmpty()) {
                    return;
                }
                if (next.get() instanceof Suggestion.Start st) {
                    assertThat(trials.size()).as("started although told not to").isLessThan(maxTrials);
                    Trial t = new Trial(trials.size(), st.config());
                    trials.put(t.id(), t);
                    log.add("start " + t.id() + "@" + st.resource());
                    launch(t, st.resource());
                } else {
                    Suggestion.Resume rs = (Suggestion.Resume) next.get();
                    Trial t = trials.get(rs.trialId());
                    assertThat(t).as("resume of unknown trial %d", rs.trialId()).isNotNull();
                    boolean pausing = ending.get(t.id()) == TrialStatus.PAUSED;
                    assertThat(t.status() == TrialStatus.PAUSED || pausing).as("resume of %s", t).isTrue();
                    assertThat(rs.resource()).isGreaterThan(t.lastResource());
                    log.add("resume " + t.id() + "@" + rs.resource());
                    events.add(new Event("resume", t.id(), rs.resource(), Double.NaN, rs.reason(), ""));
                    if (pausing) {
                        deferred.put(t.id(), rs);
                    } else {
                        launch(t, rs.resource());
                    }
                }
            }
        }

        private void launch(Trial t, long target) {
            t.setStatus(TrialStatus.RUNNING, "");
            running.put(t.id(), target);
        }

        private void report(int id) {
            Trial t = trials.get(id);
            long target = running.remove(id);
            int mode = fails.mode(id, target);
            if (mode == 0) {
                ending.put(id, TrialStatus.FAILED);
                log.add("fail " + id);
                return;
            }
            String metric = s.metric().name();
            if (t.lastResource() + 1 < target) {
                long mid = t.lastResource() + 1;
                t.setLastResource(mid);
                assertThat(s.onResult(t, new Result(id, mid, Map.of(metric, 99.0)))).isEqualTo(Decision.CONTINUE);
            }
            t.setLastResource(target);
            double loss = losses.loss(id, target);
            Decision d = s.onResult(t, new Result(id, target, Map.of(metric, loss)));
            String name = d instanceof Decision.Pause ? "pause" : d instanceof Decision.Stop ? "stop" : "continue";
            events.add(new Event("report", id, target, loss, d.reason(), name));
            TrialStatus end = d instanceof Decision.Pause ? TrialStatus.PAUSED
                    : d instanceof Decision.Stop ? TrialStatus.STOPPED : TrialStatus.COMPLETED;
            ending.put(id, end);
            if (mode == 1) {
                failOnEnd.add(id);
            }
            log.add((end == TrialStatus.PAUSED ? "pause " : end == TrialStatus.COMPLETED ? "complete " : "stop ") + id);
        }

        private void end(int id) {
            TrialStatus status = ending.remove(id);
            if (failOnEnd.remove(id)) {
                status = TrialStatus.FAILED;
                log.add("fail " + id);
            }
            Trial t = trials.get(id);
            t.setStatus(status, "");
            s.onTrialEnd(t);
            Suggestion.Resume rs = deferred.remove(id);
            if (rs != null && status == TrialStatus.PAUSED) {
                launch(t, rs.resource());
            }
        }
    }

    /** Step-by-step calls, for tests that pin the exact order of events. */
    static final class Driver {
        final Scheduler s;
        final Map<Integer, Trial> trials = new HashMap<>();

        Driver(Scheduler s) {
            this.s = s;
        }

        String next(boolean mayStartNew) {
            Optional<Suggestion> next = s.suggest(trials.size(), mayStartNew);
            if (next.isEmpty()) {
                return "none";
            }
            if (next.get() instanceof Suggestion.Start st) {
                Trial t = new Trial(trials.size(), st.config());
                t.setStatus(TrialStatus.RUNNING, "");
                trials.put(t.id(), t);
                return "start " + t.id() + "@" + st.resource();
            }
            Suggestion.Resume rs = (Suggestion.Resume) next.get();
            trials.get(rs.trialId()).setStatus(TrialStatus.RUNNING, rs.reason());
            return "resume " + rs.trialId() + "@" + rs.resource() + ": " + rs.reason();
        }

        String report(int id, long resource, double value) {
            Trial t = trials.get(id);
            t.setLastResource(resource);
            Decision d = s.onResult(t, new Result(id, resource, Map.of(s.metric().name(), value)));
            if (d instanceof Decision.Pause) {
                t.setStatus(TrialStatus.PAUSED, d.reason());
                return "pause: " + d.reason();
            }
            return d instanceof Decision.Stop ? "stop: " + d.reason() : "continue";
        }

        /** The job of a trial that reported its rung ends as the decision said (PAUSED). */
        void end(int id) {
            s.onTrialEnd(trials.get(id));
        }

        void endAs(int id, TrialStatus status) {
            Trial t = trials.get(id);
            t.setStatus(status, "");
            s.onTrialEnd(t);
        }
    }
}
