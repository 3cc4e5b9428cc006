package dev.ladder.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticBlackboxTest {
    final SyntheticBlackbox box = new SyntheticBlackbox(81, 2);

    static Config at(double x0, double x1) {
        return Config.of(Map.of("x0", x0, "x1", x1));
    }

    @Test
    void lossFallsWithResourceTowardsAFinalLossWhoseMinimumIsAtPointThreePointThree() {
        Blackbox.LearningCurve c = box.curve(at(0.3, 0.3), 0);
        double previous = 1;
        for (long r = 1; r <= 81; r++) {
            double loss = c.metrics(r).get("loss");
            assertThat(loss).isLessThan(previous).isGreaterThan(SyntheticBlackbox.BEST_LOSS);
            previous = loss;
        }
        assertThat(previous).isCloseTo(0.05, within(1e-9));
        assertThat(SyntheticBlackbox.finalLoss(1, 1)).isCloseTo(0.95, within(1e-12));
        assertThat(box.curve(at(0.9, 0.1), 0).metrics(81).get("loss")).isGreaterThan(previous);
        assertThat(box.metric()).isEqualTo(Metric.minimize("loss"));
        assertThat(box.space().names()).containsExactly("x0", "x1");
    }

    @Test
    void trainingTimeIsTheResourceTimesTheUnitAndTheCurveIgnoresTheSeed() {
        Blackbox.LearningCurve c = box.curve(at(0.5, 0.7), 1);
        assertThat(c.seconds(0)).isZero();
        assertThat(c.seconds(10)).isEqualTo(20.0);
        assertThat(c.metrics(5)).isEqualTo(box.curve(at(0.5, 0.7), 99).metrics(5));
        assertThatThrownBy(() -> c.metrics(82)).hasMessageContaining("outside 1..81");
        assertThatThrownBy(() -> new SyntheticBlackbox(0, 1)).hasMessageContaining("max resource");
        assertThatThrownBy(() -> new SyntheticBlackbox(9, 0)).hasMessageContaining("seconds per unit");
    }
}
