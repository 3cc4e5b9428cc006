package dev.ladder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins the workload to every checksum and fact of docs/synthetic-workload.md. */
class SyntheticWorkloadTest {

    @ParameterizedTest(name = "N = {0}")
    @CsvSource({
            "1000,    78044100277d3a917a4da7fc4e83c0c459d450c91deac03254ebb42b2c4bc157",
            "10000,   f2c7203ce924b57754b34b41669f196be670b0b833f455530bd2d6c0e8f21fb2",
            "100000,  1831f2eb69a1a41d1c7b1906ceea38c8778c2bab2827b7eb1dc4702be600fcea",
            "1000000, b919db6f6f8da8def859a313ab1e7c78baf65c11325c8f82d7371f0d04e97a4d"})
    void checksumsMatchTheSpec(int n, String sha256) {
        assertThat(SyntheticWorkload.sha256(n)).isEqualTo(sha256);
    }

    @Test
    void trialZeroMatchesTheSpec() {
        SyntheticWorkload.Curve c = SyntheticWorkload.curve(0);
        assertThat(c.x0()).isEqualTo(0.025503484179569602);
        assertThat(c.x1()).isEqualTo(0.6340884475305283);
        assertThat(c.finalValue()).isEqualTo(0.21186725665388328);
        assertThat(c.tau()).isEqualTo(5.624467282972757);
        assertThat(SyntheticWorkload.f(0, 1)).isEqualTo(0.8716244746546735);
        assertThat(c.f(1)).isEqualTo(0.8716244746546735);
    }

    @ParameterizedTest(name = "N = {0}: trial {1}")
    @CsvSource({"1000, 795, 0.04125738297543308", "10000, 6177, 0.040338936662234245",
            "100000, 31273, 0.04012032449696092"})
    void bestFinalValueMatchesTheSpec(int n, int trial, double value) {
        int best = -1;
        double bestValue = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = SyntheticWorkload.f(i, 81);
            if (v < bestValue) {
                bestValue = v;
                best = i;
            }
        }
        assertThat(best).isEqualTo(trial);
        assertThat(bestValue).isEqualTo(value);
    }

    @Test
    void uIsTheSequentialSplitMix64() {
        SplittableRandom rng = new SplittableRandom(SyntheticWorkload.SEED);
        for (int k = 1; k <= 10_000; k++) {
            assertThat(SyntheticWorkload.u(k)).as("U(%d)", k).isEqualTo(rng.nextDouble());
        }
    }

    @Test
    void detExpIsCloseToExpOverTheWorkloadsRange() {
        assertThat(SyntheticWorkload.detExp(0)).isEqualTo(1.0);
        for (double y = -41; y <= 0; y += 0.001) {
            assertThat(SyntheticWorkload.detExp(y)).isCloseTo(Math.exp(y), within(Math.exp(y) * 1e-15));
        }
    }

    @Test
    void curvesDoNotIncreaseAndStayAboveTheirFinalValue() {
        for (int i = 0; i < 1000; i++) {
            SyntheticWorkload.Curve c = SyntheticWorkload.curve(i);
            for (int r = 1; r <= 81; r++) {
                assertThat(SyntheticWorkload.f(i, r)).isEqualTo(c.f(r)).isGreaterThanOrEqualTo(c.finalValue());
                if (r > 1) {
                    assertThat(c.f(r)).isLessThanOrEqualTo(c.f(r - 1)); // equal once the exponential is below an ulp
                }
            }
        }
    }

    @Test
    void resourcesOutsideOneTo81AreRejected() {
        assertThatThrownBy(() -> SyntheticWorkload.f(0, 0)).hasMessage("resource must be in 1..81, got 0");
        assertThatThrownBy(() -> SyntheticWorkload.f(0, 82)).hasMessage("resource must be in 1..81, got 82");
        assertThatThrownBy(() -> SyntheticWorkload.f(-1, 1)).hasMessage("trial index must be at least 0, got -1");
    }
}
