package dev.ladder.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StragglerStudyTest {

    @Test
    void withoutStragglersBothMethodsBringConfigurationsToR() {
        StragglerStudy study = new StragglerStudy(1200, 1);
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
        StragglerStudy study = new StragglerStudy(1200, 1);
        assertThat(study.once("asha", 1.0, 0.005, 3)).containsExactly(study.once("asha", 1.0, 0.005, 3));
        assertThat(study.once("sha", 1.0, 0.005, 3)).containsExactly(study.once("sha", 1.0, 0.005, 3));
    }
}
