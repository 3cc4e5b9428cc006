package dev.ladder.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.share.ParallelTraining;
import dev.ladder.core.share.Speedup;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedPoolTest {
    static final SyntheticBlackbox BOX = new SyntheticBlackbox(27, 1.0);

    static SharedPool.Tenant tenant(String key, double weight, double arrival, int trials, long seed, ParallelTraining p) {
        return new SharedPool.Tenant(key, weight, arrival,
                new AshaScheduler(new RandomSearcher(BOX.space(), seed), BOX.metric(), 1, 27, 3), trials, BOX, seed, p);
    }

    static SharedPool.Tenant tenant(String key, double arrival, int trials, long seed) {
        return tenant(key, 1, arrival, trials, seed, ParallelTraining.NONE);
    }

    static SharedPool.Step at(SharedPool.Outcome o, double time) {
        SharedPool.Step last = null;
        for (SharedPool.Step s : o.steps()) {
            if (s.time() <= time) {
                last = s;
            }
        }
        return last;
    }

    /** Thesis 3.5.3 in the simulator: job 1 (8 configurations, kappa 4) fills the 32 slots alone; job 2 (kappa |S| = 64) arrives: 16 each. */
    @Test
    void theThesisExampleInSimulatedTime() {
        ParallelTraining four = new ParallelTraining(Speedup.amdahl(0), 4, 0.75); // linear speedup up to kappa = 4
        SharedPool.Outcome o = new SharedPool(32, SharedPool.Policy.FAIR_SHARE, List.of(
                tenant("job1", 1, 0, 8, 1, four), tenant("job2", 1, 0.1, 16, 2, four))).run();
        assertThat(at(o, 0).allocated()).containsExactly(32, 0);
        assertThat(at(o, 0).busy()).containsExactly(32, 0); // 8 trials on 4 slots each
        assertThat(at(o, 0.1).allocated()).containsExactly(16, 16);
        assertThat(at(o, 0.1).busy()).as("no job is preempted: job 2 waits for job 1's jobs to end").containsExactly(32, 0);
        // at 0.25 job 1's 8 jobs reach rung 1 (one unit of resource on 4 slots) and pause; floor(8/3) = 2 are promotable,
        // so its demand drops to 4 * 2 = 8 and job 2 gets the rest at once
        assertThat(at(o, 0.25).allocated()).containsExactly(8, 24);
        assertThat(at(o, 0.25).busy()).containsExactly(8, 24);
        assertThat(java.util.Arrays.stream(o.finish()).noneMatch(Double::isNaN)).isTrue();
    }

    @Test
    void invariantsHoldForEveryPolicy() {
        for (SharedPool.Policy policy : SharedPool.Policy.values()) {
            SharedPool.Outcome o = new SharedPool(10, policy, List.of(tenant("a", 0, 30, 1), tenant("b", 5, 60, 2),
                    tenant("c", 20, 27, 3))).run();
            for (SharedPool.Step s : o.steps()) {
                assertThat(s.busy()[0] + s.busy()[1] + s.busy()[2]).as(policy + " at " + s.time()).isBetween(0, 10);
                if (policy == SharedPool.Policy.STATIC) {
                    assertThat(java.util.Arrays.stream(s.busy()).max().orElseThrow()).as("a static share is a cap").isLessThanOrEqualTo(4);
                }
            }
            assertThat(java.util.Arrays.stream(o.finish()).noneMatch(Double::isNaN)).as(policy.name()).isTrue();
            assertThat(java.util.Arrays.stream(o.bestAtMax()).noneMatch(Double::isNaN)).as(policy.name()).isTrue();
            assertThat(o.utilisation()).isBetween(0.0, 1.0);
            assertThat(o.finish()[1]).isGreaterThan(5);
        }
    }

    @Test
    void fifoLetsTheFirstTakeAllItDemandsAndFairShareDoesNot() {
        List<SharedPool.Tenant> big = List.of(tenant("a", 0, 200, 1), tenant("b", 10, 20, 2));
        SharedPool.Outcome fifo = new SharedPool(8, SharedPool.Policy.FIFO, big).run();
        SharedPool.Outcome fair = new SharedPool(8, SharedPool.Policy.FAIR_SHARE,
                List.of(tenant("a", 0, 200, 1), tenant("b", 10, 20, 2))).run();
        assertThat(at(fifo, 10).allocated()).containsExactly(8, 0);
        assertThat(at(fair, 10).allocated()).containsExactly(4, 4);
        assertThat(fair.finish()[1]).as("the small late experiment ends sooner under fair share").isLessThan(fifo.finish()[1]);
    }

    @Test
    void aWeightOfTwoGetsTwiceTheSlotsWhileBothWantMore() {
        SharedPool.Outcome o = new SharedPool(9, SharedPool.Policy.FAIR_SHARE,
                List.of(tenant("a", 2, 0, 300, 1, ParallelTraining.NONE), tenant("b", 1, 0, 300, 2, ParallelTraining.NONE))).run();
        assertThat(at(o, 0).allocated()).containsExactly(6, 3);
        assertThat(at(o, 0).busy()).containsExactly(6, 3);
    }

    @Test
    void aRunIsAFunctionOfItsArguments() {
        ParallelTraining p = new ParallelTraining(Speedup.amdahl(0.05), 8, 0.75);
        SharedPool.Outcome one = new SharedPool(16, SharedPool.Policy.FAIR_SHARE, List.of(tenant("a", 1, 0, 40, 7, p))).run();
        SharedPool.Outcome two = new SharedPool(16, SharedPool.Policy.FAIR_SHARE, List.of(tenant("a", 1, 0, 40, 7, p))).run();
        assertThat(two.end()).isEqualTo(one.end());
        assertThat(two.bestAtMax()).isEqualTo(one.bestAtMax());
        assertThat(two.steps().size()).isEqualTo(one.steps().size());
    }

    @Test
    void parallelJobsTakeMoreSlotsAsFewerTasksWait() {
        ParallelTraining p = new ParallelTraining(Speedup.amdahl(0.05), 8, 0.75); // kappa: 1 / (1 + 0.05 (k - 1)) >= 0.75 up to k = 7
        assertThat(p.kappa()).isEqualTo(7);
        SharedPool.Outcome o = new SharedPool(16, SharedPool.Policy.FAIR_SHARE, List.of(tenant("a", 1, 0, 40, 7, p))).run();
        assertThat(at(o, 0).busy()).as("40 tasks wait: one slot each").containsExactly(16);
        int most = o.steps().stream().mapToInt(s -> s.busy()[0]).max().orElseThrow();
        assertThat(most).isLessThanOrEqualTo(16);
        SharedPool.Outcome serial = new SharedPool(16, SharedPool.Policy.FAIR_SHARE,
                List.of(tenant("a", 1, 0, 40, 7, ParallelTraining.NONE))).run();
        assertThat(o.end()).as("the last rungs train on several slots").isLessThan(serial.end());
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> new SharedPool(0, SharedPool.Policy.FIFO, List.of())).hasMessageContaining("at least 1 slot");
        assertThatThrownBy(() -> new SharedPool(4, SharedPool.Policy.FIFO, List.of(tenant("a", 0, 5, 1), tenant("a", 1, 5, 2))))
                .hasMessageContaining("'a'").hasMessageContaining("unique");
        assertThatThrownBy(() -> tenant("late", -1, 5, 1)).hasMessageContaining("late").hasMessageContaining("arrival");
        assertThatThrownBy(() -> tenant("heavy", 0, 0, 5, 1, ParallelTraining.NONE)).hasMessageContaining("heavy").hasMessageContaining("weight");
    }
}
