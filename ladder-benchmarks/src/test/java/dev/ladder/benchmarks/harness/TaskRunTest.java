package dev.ladder.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Config;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.sim.SyntheticBlackbox;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskRunTest {
    static final SyntheticBlackbox BOX = new SyntheticBlackbox(10, 1.0); // every configuration: 1 s per epoch

    static double finalLoss(Config c) {
        return BOX.curve(c, 0).metrics(10).get(SyntheticBlackbox.METRIC);
    }

    @Test
    void theTrialBudgetEndsARunWhenTheSchedulerWouldStartOneTrialTooMany() {
        // 2 workers, 3 trials of 10 epochs: t0 and t1 end at 10 s, t2 starts then, and at once the scheduler
        // would start a fourth: the run ends at 10 s with two trials trained, t2 counts for nothing
        TaskRun cut = TaskRun.untilTrialBudget(new FifoScheduler(new RandomSearcher(BOX.space(), 5), BOX.metric(), 10),
                BOX, 2, 0, 3);
        assertThat(cut.seconds()).isEqualTo(10.0);
        assertThat(cut.byHighest()).containsExactly(Map.entry(10L, 2));
        assertThat(cut.totalResource()).isEqualTo(20);
        RandomSearcher replay = new RandomSearcher(BOX.space(), 5);
        Config t0 = replay.next(0).orElseThrow();
        Config t1 = replay.next(1).orElseThrow();
        assertThat(cut.finalValue()).isEqualTo(Math.min(finalLoss(t0), finalLoss(t1)));
        assertThat(cut.selected()).isEqualTo(finalLoss(t0) <= finalLoss(t1) ? t0 : t1);

        TaskRun drained = TaskRun.run(new FifoScheduler(new RandomSearcher(BOX.space(), 5), BOX.metric(), 10), BOX, 2, 0, 3);
        assertThat(drained.seconds()).isEqualTo(20.0);
        assertThat(drained.byHighest()).containsExactly(Map.entry(10L, 3));
        // one worker: the fourth start is asked for when the third trial ends, which is also when the run drains
        TaskRun alone = TaskRun.untilTrialBudget(new FifoScheduler(new RandomSearcher(BOX.space(), 5), BOX.metric(), 10),
                BOX, 1, 0, 3);
        assertThat(alone.seconds()).isEqualTo(30.0);
        assertThat(alone.byHighest()).containsExactly(Map.entry(10L, 3));
    }

    @Test
    void ashaUnderTheTrialBudgetStopsBeforeItsPromotionsArePlayedOut() {
        for (long seed = 0; seed < 5; seed++) {
            TaskRun cut = TaskRun.untilTrialBudget(new AshaScheduler(new RandomSearcher(BOX.space(), seed), BOX.metric(), 1, 10, 3),
                    BOX, 4, seed, 40);
            TaskRun drained = TaskRun.run(new AshaScheduler(new RandomSearcher(BOX.space(), seed), BOX.metric(), 1, 10, 3),
                    BOX, 4, seed, 40);
            assertThat(cut.seconds()).isLessThan(drained.seconds());
            assertThat(cut.totalResource()).isLessThan(drained.totalResource());
            assertThat(cut.byHighest().values().stream().mapToInt(Integer::intValue).sum()).isBetween(37, 40);
            assertThat(drained.byHighest().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(40);
        }
    }
}
