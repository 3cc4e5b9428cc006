package dev.ladder.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The measuring shell around the driver; what it measures is checked by shape, never by value. */
class DecisionBenchmarkTest {

    @Test
    void measuresAWarmUpAndARun() {
        DecisionMeasurement m = DecisionBenchmark.of("asha", 300).measure(300, 0, 100);
        assertThat(m.warmup().trials()).isEqualTo(100);
        assertThat(m.warmup().decisions()).isPositive();
        assertThat(m.run().trialsStarted()).isEqualTo(300);
        assertThat(m.run().latency().count()).isEqualTo(m.run().decisions());
        assertThat(m.p50Nanos()).isLessThanOrEqualTo(m.p99Nanos());
        assertThat(m.heap().peakBytes()).isPositive();
        assertThat(m.heap().liveBytes()).isPositive();
        assertThat(m.description()).startsWith("asha(");

        String row = m.toMarkdownRow();
        assertThat(row).startsWith("| asha | 300 | ");
        assertThat(row.chars().filter(c -> c == '|').count())
                .isEqualTo(DecisionMeasurement.markdownHeader().lines().findFirst().orElseThrow().chars().filter(c -> c == '|').count());
        assertThat(m.toText()).contains("Decisions per second:").contains("Highest r reached:").contains("r=1: ")
                .containsPattern("Warm-up: +100 trials, [0-9,]+ decisions in");
    }

    @Test
    void noWarmUpWhenAskedForNone() {
        DecisionMeasurement m = DecisionBenchmark.of("fifo", 10).measure(10, 0, 0);
        assertThat(m.warmup().trials()).isZero();
        assertThat(m.run().decisions()).isEqualTo(810);
        assertThat(m.toText()).containsPattern("Warm-up: +none");
    }

    @Test
    void unknownSchedulerFailsAtOnceListingTheKnownOnes() {
        assertThatThrownBy(() -> DecisionBenchmark.of("hyperbnd", 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scheduler 'hyperbnd' (known: ").hasMessageContaining("asha");
    }
}
