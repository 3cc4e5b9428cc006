package dev.ladder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void everyValueFallsInABucketAtMostThreePercentWide() {
        SplittableRandom rng = new SplittableRandom(1);
        long previousIndex = -1;
        for (long v = 0; v < 100_000; v++) {
            int i = LatencyHistogram.index(v);
            assertThat(i).isGreaterThanOrEqualTo((int) previousIndex); // monotone
            previousIndex = i;
            assertThat(LatencyHistogram.highestIn(i)).isBetween(v, v + v / 32);
        }
        for (int k = 0; k < 100_000; k++) {
            long v = rng.nextLong(Long.MAX_VALUE);
            long high = LatencyHistogram.highestIn(LatencyHistogram.index(v));
            assertThat(high).isGreaterThanOrEqualTo(v);
            assertThat((double) (high - v)).isLessThanOrEqualTo(v / 32.0);
        }
        assertThat(LatencyHistogram.highestIn(LatencyHistogram.index(Long.MAX_VALUE))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void quantilesAreWithinTheBucketWidth() {
        LatencyHistogram h = new LatencyHistogram();
        assertThat(h.quantile(0.5)).isZero();
        for (long v = 1; v <= 10_000; v++) {
            h.record(v);
        }
        assertThat(h.count()).isEqualTo(10_000);
        assertThat(h.quantile(0.5)).isBetween(5_000L, 5_000L + 5_000 / 32);
        assertThat(h.quantile(0.99)).isBetween(9_900L, 9_900L + 9_900 / 32);
        assertThat(h.quantile(1.0)).isEqualTo(10_000).isEqualTo(h.max());
        assertThatThrownBy(() -> h.quantile(0)).hasMessage("quantile must be in (0, 1], got 0.0");
    }

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(-5); // a clock that went backwards counts as 0
        h.record(17);
        h.record(17);
        h.record(40);
        assertThat(h.quantile(0.25)).isZero();
        assertThat(h.quantile(0.5)).isEqualTo(17);
        assertThat(h.quantile(1.0)).isEqualTo(40);
    }
}
