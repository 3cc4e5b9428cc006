package dev.ladder.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import org.junit.jupiter.api.Test;

/** Issue 15: one way to score, one way to count time to target, one way to give seeds. */
class ScoringTest {

    @Test
    void timeToTargetCountsMissesInsteadOfAveragingOnlyTheRunsThatGotThere() {
        // 3 of 5 reach the target; a mean over those three would say 20, as if every run got there
        TimeToTarget t = new TimeToTarget(new double[] {10, Double.NaN, 20, 30, Double.NaN}, 100);
        assertThat(t.misses()).isEqualTo(2);
        assertThat(t.median()).isEqualTo(30); // the third of five: half of the runs were there by 30
        assertThat(t.format()).isEqualTo("30 (2 of 5 missed)");
        TimeToTarget mostlyMissed = new TimeToTarget(new double[] {10, Double.NaN, Double.NaN}, 100);
        assertThat(mostlyMissed.median()).isNaN();
        assertThat(mostlyMissed.format()).isEqualTo("> 100 (2 of 3 missed)");
        assertThat(new TimeToTarget(new double[] {5, 7}, 100).format()).isEqualTo("5 (0 of 2 missed)");
    }

    @Test
    void seedsAreACountOrARange() {
        assertThat(Seeds.parse("15")).isEqualTo(new Seeds(0, 15));
        assertThat(Seeds.parse("101..115")).isEqualTo(new Seeds(101, 15));
        assertThat(Seeds.parse("101..115").toArray()).startsWith(101L, 102L).endsWith(115L).hasSize(15);
        assertThat(Seeds.parse("7..7").toString()).isEqualTo("7..7");
        assertThatThrownBy(() -> Seeds.parse("ten")).hasMessageContaining("--seeds 'ten'");
        assertThatThrownBy(() -> Seeds.parse("5..3")).hasMessageContaining("--seeds range '5..3'");
        assertThatThrownBy(() -> Seeds.parse("0")).hasMessageContaining("--seeds must be at least 1");
    }

    @Test
    void multiFidelityMethodsAreRefusedOnSingleFidelityBenchmarks() {
        var table = Blackboxes.of("hpobench:australian");
        assertThatThrownBy(() -> Harness.requireFidelity("asha", table))
                .hasMessageContaining("method 'asha' is multi-fidelity").hasMessageContaining("hpobench:australian")
                .hasMessageContaining("use fifo or random");
        Harness.requireFidelity("random", table);
        Harness.requireFidelity("asha", Blackboxes.of("synthetic:27"));
        assertThatThrownBy(() -> new Harness(Blackboxes::of, dev.ladder.sim.FailureModel.NONE)
                .run(new RunSpec("hyperband", "nasbench201:cifar10", 0, 2, 60, null)))
                .hasMessageContaining("nasbench201:cifar10");
    }

    @Test
    void theFinalValueIsTheChosenConfigurationAtTheMaximumResourceNotTheBestSeenAnywhere() {
        // synthetic curves fall with the resource, with noise: a low-resource value is no final value
        RunResult r = new Harness(Blackboxes::of, dev.ladder.sim.FailureModel.NONE)
                .run(new RunSpec("asha", "synthetic:27", 3, 4, 300, null));
        var box = Blackboxes.of("synthetic:27");
        assertThat(r.finalValue()).isNotNaN();
        assertThat(r.finalBestSeen()).isNotNaN();
        // every step of the fair curve is some trial's value at r_max; the last one belongs to the best trial at the top rung
        int lastTop = -1;
        double bestTop = Double.NaN;
        long top = r.rows().stream().mapToLong(RunResult.Row::resource).max().orElseThrow();
        for (RunResult.Row row : r.rows()) {
            if (row.resource() == top && (Double.isNaN(bestTop) || box.metric().better(row.value(), bestTop))) {
                bestTop = row.value();
                lastTop = row.trial();
            }
        }
        assertThat(lastTop).isNotNegative();
        if (top == box.maxResource()) {
            assertThat(r.finalValue()).isEqualTo(bestTop);
        }
        // the best seen at any resource is at least as good as the final value and comes from the rows
        assertThat(box.metric().better(r.finalValue(), r.finalBestSeen())).isFalse();
        assertThat(r.finalBestSeen()).isEqualTo(r.rows().stream().mapToDouble(RunResult.Row::value).min().orElseThrow());
    }
}
