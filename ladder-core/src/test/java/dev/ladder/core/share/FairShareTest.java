package dev.ladder.core.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Metric;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.share.FairShare.Demand;
import dev.ladder.core.space.SearchSpace;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairShareTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();

    static AshaScheduler asha(long seed) {
        return new AshaScheduler(new RandomSearcher(SPACE, seed), Metric.minimize("loss"), 1, 256, 4);
    }

    /** Thesis 3.5.3: 32 GPUs; job 1 (|S1| = 8, kappa1 = 4) alone gets all 32; job 2 (kappa2 |S2| = 64) arrives: 16 each. */
    @Test
    void theThesisExample() {
        Demand job1 = AshaDemand.of("job1", 1, asha(1), 8, 4, 0);
        assertThat(job1.maxSlots()).isEqualTo(32); // kappa1 |S1| = 4 * 8: eight configurations not started yet
        assertThat(FairShare.allocate(32, List.of(job1))).containsExactly(32);

        Demand job2 = AshaDemand.of("job2", 1, asha(2), 16, 4, 0);
        assertThat(job2.maxSlots()).isEqualTo(64);
        assertThat(FairShare.allocate(32, List.of(job1, job2))).containsExactly(16, 16);
    }

    @Test
    void whatACappedExperimentLeavesGoesToTheOthersByWeight() {
        // level: a gets 2 (its demand); 28 left for b (weight 1) and c (weight 3): 7 and 21, c capped at 20, so b gets 8
        int[] slots = FairShare.allocate(30, List.of(new Demand("a", 1, 2), new Demand("b", 1, 100), new Demand("c", 3, 20)));
        assertThat(slots).containsExactly(2, 8, 20);
    }

    @Test
    void leftoverSlotsGoByLargestRemainderThenByKey() {
        // 10 over three equal weights: 3.33 each; the slot left over goes to the smallest key
        assertThat(FairShare.allocate(10, List.of(new Demand("c", 9), new Demand("b", 9), new Demand("a", 9))))
                .containsExactly(3, 3, 4);
        // weights 1 and 2 over 5: 1.67 and 3.33; remainders .67 and .33, so the first gets the extra slot
        assertThat(FairShare.allocate(5, List.of(new Demand("x", 1, 9), new Demand("y", 2, 9)))).containsExactly(2, 3);
    }

    @Test
    void aDemandThatDropsLosesItsSlotsAtTheNextCall() {
        List<Demand> before = List.of(new Demand("a", 40), new Demand("b", 40));
        assertThat(FairShare.allocate(32, before)).containsExactly(16, 16);
        assertThat(FairShare.allocate(32, List.of(new Demand("a", 3), new Demand("b", 40)))).containsExactly(3, 29);
    }

    @Test
    void emptyZeroAndSmallCases() {
        assertThat(FairShare.allocate(8, List.of())).isEmpty();
        assertThat(FairShare.allocate(0, List.of(new Demand("a", 5), new Demand("b", 5)))).containsExactly(0, 0);
        assertThat(FairShare.allocate(8, List.of(new Demand("a", 0), new Demand("b", 5)))).containsExactly(0, 5);
        assertThat(FairShare.allocate(1, List.of(new Demand("b", 5), new Demand("a", 5)))).containsExactly(0, 1);
    }

    @Test
    void badInputNamesTheExperiment() {
        assertThatThrownBy(() -> new Demand("exp-7", 0, 3)).hasMessageContaining("exp-7").hasMessageContaining("weight");
        assertThatThrownBy(() -> new Demand("exp-7", 1, -1)).hasMessageContaining("exp-7").hasMessageContaining("demand");
        assertThatThrownBy(() -> new Demand("exp-7", Double.NaN, 1)).hasMessageContaining("exp-7");
        assertThatThrownBy(() -> FairShare.allocate(4, List.of(new Demand("a", 1), new Demand("a", 2))))
                .hasMessageContaining("'a'").hasMessageContaining("unique");
        assertThatThrownBy(() -> FairShare.allocate(-1, List.of())).hasMessageContaining("capacity");
    }
}
