package dev.ladder.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FailureModelTest {

    @Test
    void noFailuresMeansExactTimesAndNoDrops() {
        for (int i = 0; i < 1000; i++) {
            FailureModel.Fate f = FailureModel.NONE.fate(i, i % 3);
            assertThat(f.slowdown()).isEqualTo(1.0);
            assertThat(f.dropAfter()).isEqualTo(Double.POSITIVE_INFINITY);
        }
    }

    @Test
    void stragglerFactorsAreOnePlusAHalfNormal() {
        double sigma = 0.5;
        FailureModel m = FailureModel.stragglers(sigma, 7);
        int n = 50_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double s = m.fate(i, 0).slowdown();
            assertThat(s).isGreaterThanOrEqualTo(1.0);
            sum += s - 1;
        }
        // E|z| = sigma sqrt(2 / pi) for z ~ N(0, sigma)
        assertThat(sum / n).isCloseTo(sigma * Math.sqrt(2 / Math.PI), within(0.01));
    }

    @Test
    void dropsSurviveTSecondsWithProbabilityOneMinusPToTheT() {
        double p = 0.02;
        FailureModel m = FailureModel.drops(p, 11);
        int n = 50_000;
        int survived10 = 0;
        int survived50 = 0;
        for (int i = 0; i < n; i++) {
            double t = m.fate(i, 1).dropAfter();
            assertThat(t).isGreaterThanOrEqualTo(0.0);
            survived10 += t > 10 ? 1 : 0;
            survived50 += t > 50 ? 1 : 0;
        }
        assertThat((double) survived10 / n).isCloseTo(Math.pow(1 - p, 10), within(0.01));
        assertThat((double) survived50 / n).isCloseTo(Math.pow(1 - p, 50), within(0.01));
        assertThat(FailureModel.drops(1, 1).fate(0, 0).dropAfter()).isZero();
    }

    @Test
    void theFateOfAJobDependsOnlyOnTheSeedTheTrialAndTheSegment() {
        FailureModel m = new FailureModel(1, 0.01, 42);
        assertThat(m.fate(5, 2)).isEqualTo(new FailureModel(1, 0.01, 42).fate(5, 2));
        assertThat(m.fate(5, 2)).isNotEqualTo(m.fate(5, 1));
        assertThat(m.fate(5, 2)).isNotEqualTo(new FailureModel(1, 0.01, 43).fate(5, 2));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new FailureModel(-1, 0, 0)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new FailureModel(Double.NaN, 0, 0)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> new FailureModel(0, 1.5, 0)).hasMessageContaining("drop probability");
    }
}
