package dev.ladder.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StragglerStudyTest {

    @Test
    void withoutStragglersBothMethodsBringConfigurationsToR() {
        StragglerStudy study = new StragglerStudy("synthetic:256", 1200, new Seeds(0, 1));
        double[] sha = study.once("sha", 0, 0, 1);
        double[] asha = study.once("asha", 0, 0, 1);
        // sync SHA on 25 workers: rungs of 256, 64, 16, 4 and 1 jobs take 11 + 9 + 12 + 48 + 192 units
        assertThat(sha[0]).isGreaterThanOrEqualTo(1);
        assertThat(sha[1]).isBetween(256.0, 400.0);
        assertThat(asha[0]).isGreaterThanOrEqualTo(1);
        assertThat(asha[1]).isBetween(256.0, 400.0);
    }

    @Test
    void dropsAndStragglersAreReproducible() {
        StragglerStudy study = new StragglerStudy("synthetic:256", 1200, new Seeds(0, 1));
        assertThat(study.once("asha", 1.0, 0.005, 3)).containsExactly(study.once("asha", 1.0, 0.005, 3));
        assertThat(study.once("sha", 1.0, 0.005, 3)).containsExactly(study.once("sha", 1.0, 0.005, 3));
    }

    @Test
    void theTableGivesTheMedianTimeAndCountsTheRunsThatNeverReachedR() {
        StragglerStudy study = new StragglerStudy("synthetic:256", 300, new Seeds(0, 3));
        java.util.List<StragglerStudy.Cell> cells = java.util.List.of(
                new StragglerStudy.Cell("sha", 2, 0.005, 1, new TimeToTarget(new double[] {280, Double.NaN, 290}, 300)),
                new StragglerStudy.Cell("asha", 2, 0.005, 0.3, new TimeToTarget(new double[] {Double.NaN, Double.NaN, 270}, 300)));
        assertThat(study.table(cells)).contains("| 2.00 | 0.0050 | 1.00 | 0.30 | 290 (1 of 3 missed) | > 300 (2 of 3 missed) |");
    }

    @Test
    void onlySyntheticTasks() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StragglerStudy("hpobench:australian", 100, new Seeds(0, 1)))
                .hasMessageContaining("synthetic:R").hasMessageContaining("hpobench:australian");
    }
}
