package dev.ladder.core.share;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParallelTrainingTest {

    @Test
    void kappaIsTheLargestSlotCountAtTheTargetEfficiency() {
        // Amdahl with serial fraction s: efficiency 1 / (1 + s (k - 1)) >= 0.75 while k <= 1 + 1 / (3 s); s = 1/45: k = 16,
        // the thesis's 16 GPUs at 75% (3.5.2)
        ParallelTraining p = new ParallelTraining(Speedup.amdahl(1.0 / 45), 64, 0.75);
        assertThat(p.kappa()).isEqualTo(16);
        assertThat(new ParallelTraining(Speedup.amdahl(1.0 / 45), 8, 0.75).kappa()).as("capped by max slots").isEqualTo(8);
        assertThat(new ParallelTraining(Speedup.amdahl(0), 32, 0.75).kappa()).as("linear scaling").isEqualTo(32);
        // efficiencies 1, 0.95, 0.8, 0.65
        assertThat(new ParallelTraining(Speedup.table(1, 1.9, 2.4, 2.6), 4, 0.75).kappa()).isEqualTo(3);
    }

    @Test
    void slotsRiseAsFewerTasksWait() {
        ParallelTraining p = new ParallelTraining(Speedup.amdahl(1.0 / 45), 64, 0.75);
        assertThat(p.slotsFor(100, 32)).isEqualTo(1); // many tasks wait: one slot each
        assertThat(p.slotsFor(32, 32)).isEqualTo(1);
        assertThat(p.slotsFor(8, 32)).isEqualTo(4); // kappa |S| = 4 * 8 fills the 32
        assertThat(p.slotsFor(1, 32)).isEqualTo(16); // the last task: kappa, not all 32
        assertThat(p.slotsFor(1, 5)).isEqualTo(5); // never more than is free
        assertThat(ParallelTraining.NONE.slotsFor(1, 32)).isEqualTo(1);
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> new ParallelTraining(Speedup.amdahl(0.1), 0, 0.75)).hasMessageContaining("slots per task");
        assertThatThrownBy(() -> new ParallelTraining(Speedup.amdahl(0.1), 4, 1.5)).hasMessageContaining("efficiency");
        assertThatThrownBy(() -> Speedup.amdahl(-0.1)).hasMessageContaining("serial fraction");
        assertThatThrownBy(() -> Speedup.table(2, 3)).hasMessageContaining("starts with 1");
        assertThatThrownBy(() -> Speedup.table(1, 2).of(3)).hasMessageContaining("1..2");
        assertThatThrownBy(() -> ParallelTraining.NONE.slotsFor(0, 4)).hasMessageContaining("pending");
    }
}
