package dev.ladder.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Any monotone cost as the resource (issue 19, part 4): a trial reports whenever it likes and is judged at
 * its first report at or past each rung; a report that skips past several rungs is judged at each of them.
 */
class IrregularReportsTest {
    private static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();
    private static final Metric LOSS = Metric.minimize("loss");

    private static Decision report(Scheduler s, int trial, long resource, double loss) {
        return s.onResult(new Trial(trial, Config.of(Map.of("x", 0.5))), new Result(trial, resource, Map.of("loss", loss)));
    }

    @Test
    void stoppingJudgesAReportAtEveryRungItSkippedPast() {
        // rungs 10, 30, 90, 270, 810, 1000 (seconds, say)
        Scheduler s = new AshaScheduler(new RandomSearcher(SPACE, 1), LOSS, 10, 1000L, 3, RungScheduler.Type.STOPPING);
        for (int t = 0; t < 4; t++) {
            s.suggest(t, true).orElseThrow();
        }
        // trials 0-2 report at 12 s, each better than the one before: all go on past rung 0 (r=10)
        for (int t = 0; t < 3; t++) {
            assertThat(report(s, t, 12, 0.5 - 0.1 * t)).isEqualTo(Decision.CONTINUE);
        }
        // trial 3 reports first at 95 s, past 10, 30 and 90 at once: judged at rung 0 first, where it is the worst
        assertThat(report(s, 3, 95, 0.95).reason()).isEqualTo("at rung 0 (r=10): rank 4 of 4, continuing needs top 1/3");

        // a good value skipping past rungs 0, 1 and 2 is ranked at each, and goes on
        Scheduler s2 = new AshaScheduler(new RandomSearcher(SPACE, 1), LOSS, 10, 1000L, 3, RungScheduler.Type.STOPPING);
        for (int t = 0; t < 5; t++) {
            s2.suggest(t, true).orElseThrow();
        }
        assertThat(report(s2, 0, 31, 0.5)).isEqualTo(Decision.CONTINUE); // first at r=10 and at r=30
        // stopped at rung 0, and still recorded at r=30, which the same report reached: a trial's value at a rung
        // is its first report at or past it, whatever was decided below
        assertThat(report(s2, 1, 31, 1.5).reason()).isEqualTo("at rung 0 (r=10): rank 2 of 2, continuing needs top 1/3");
        report(s2, 2, 31, 2.5);
        assertThat(report(s2, 3, 95, 0.1)).isEqualTo(Decision.CONTINUE); // best at r=10, 30 and 90
        // trial 4 passes rung 0 (rank 2 of 5) and rung 1 (rank 2 of 5) with the same value, and stops at rung 2
        assertThat(report(s2, 4, 100, 0.2).reason()).isEqualTo("at rung 2 (r=90): rank 2 of 2, continuing needs top 1/3");
    }

    @Test
    void promotionPausesAReportPastSeveralRungsAtTheHighestItReached() {
        Scheduler s = new AshaScheduler(new RandomSearcher(SPACE, 1), LOSS, 10, 1000L, 3, RungScheduler.Type.PROMOTION);
        s.suggest(0, true).orElseThrow();
        // its job ran to 10 s but it only reported at 95 s: it waits at rung 2 (r=90), promoted out of 0 and 1
        assertThat(report(s, 0, 95, 0.3).reason()).isEqualTo("reached rung 2 (r=90): rank 1 of 1, promotion needs top 0");
        // a report past the top rung completes the trial
        s.suggest(1, true).orElseThrow();
        assertThat(report(s, 1, 1200, 0.3)).isEqualTo(Decision.CONTINUE);
    }

    @Test
    void theMedianRuleCountsAReportAtEveryLevelItSkippedPastAndForgetsAnExcludedTrial() {
        Scheduler s = new MedianStoppingRule(new RandomSearcher(SPACE, 1), LOSS, 1, 27, 3, 1);
        for (int t = 0; t < 3; t++) {
            s.suggest(t, true).orElseThrow();
        }
        report(s, 0, 1, 0.2);
        report(s, 0, 4, 0.2); // trial 0: average 0.2 at r=1 and r=3
        // trial 1's first report, at 5, is its value at r=1 and at r=3: worse than trial 0 at r=1 already
        assertThat(report(s, 1, 5, 0.9).reason()).startsWith("at r=1 its best loss 0.900000 is worse than the median 0.200000");
        s.exclude(0);
        // with trial 0 the median at r=1 would be 0.55 and 0.7 would stop; without it trial 1's 0.9 is the median
        assertThat(report(s, 2, 4, 0.7)).isEqualTo(Decision.CONTINUE);
    }
}
