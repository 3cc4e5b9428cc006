package dev.ladder.benchmarks.blackbox;

import static dev.ladder.benchmarks.blackbox.TableAssertions.config;
import static dev.ladder.benchmarks.blackbox.TableAssertions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pins {@link HpoBenchTable} to the facts of benchmarks/hpobench/README.md. */
class HpoBenchTableTest {

    static Config mlp(double alpha, int batch, int depth, double lr, int width) {
        return config("alpha", alpha, "batch_size", batch, "depth", depth, "learning_rate_init", lr, "width", width);
    }

    /** README "Best rows (mean over the 5 seeds)" (6 significant digits) and the value range of all seeds. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "australian,        0.00027825593, 6,   3, 3.5938137e-05, 645,  0.944669, 0.2647, 0.9726",
            "blood_transfusion, 7.742637e-08,  10,  3, 0.0004641589,  256,  0.746693, 0.3496, 0.7837",
            "credit_g,          0.0021544348,  101, 3, 0.0059948424,  101,  0.885274, 0.3152, 0.9294",
            "kc1,               4.641589e-06,  6,   3, 3.5938137e-05, 1024, 0.852441, 0.2544, 0.9034",
            "phoneme,           7.742637e-08,  4,   3, 3.5938137e-05, 1024, 0.94447,  0.2579, 0.9579",
            "segment,           4.641589e-06,  4,   2, 0.0004641589,  256,  0.968513, 0.0,    0.9781",
            "vehicle,           7.742637e-08,  25,  2, 0.0004641589,  1024, 0.95157,  0.1038, 0.9842"})
    void matchesTheReadme(String dataset, double alpha, int batch, int depth, double lr, int width,
                          double bestMean, double min, double max) {
        HpoBenchTable b = HpoBenchTable.of(dataset);
        TableAssertions.isCompleteSingleFidelityGrid(b, 30_000);
        assertThat(b.name()).isEqualTo("hpobench:" + dataset);
        assertThat(b.metric()).isEqualTo(Metric.maximize("val_balanced_accuracy"));
        Config best = mlp(alpha, batch, depth, lr, width);
        assertThat(b.mean(best)).isCloseTo(bestMean, within(5e-6));
        assertThat(TableAssertions.bestRow(b)).isEqualTo(b.table().row(best, b.name()));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < b.size(); r++) {
            assertThat(b.table().seedCount(r)).isEqualTo(5);
            for (int s = 0; s < 5; s++) {
                lo = Math.min(lo, b.table().value(r, s));
                hi = Math.max(hi, b.table().value(r, s));
            }
        }
        assertThat(lo).isCloseTo(min, within(5e-5));
        assertThat(hi).isCloseTo(max, within(5e-5));
    }

    @Test
    void car44RowsScorePerfectlyOnAllSeeds() {
        HpoBenchTable b = HpoBenchTable.of("car");
        TableAssertions.isCompleteSingleFidelityGrid(b, 30_000);
        int perfect = 0;
        for (int r = 0; r < b.size(); r++) {
            perfect += b.table().mean(r) == 1.0 ? 1 : 0;
        }
        assertThat(perfect).isEqualTo(44);
        Config first = mlp(1e-08, 25, 3, 0.0059948424, 256);
        assertThat(TableAssertions.bestRow(b)).isEqualTo(b.table().row(first, b.name()));
        for (long seed = 0; seed < 5; seed++) {
            assertThat(value(b, first, seed)).isEqualTo(1.0);
        }
    }

    @Test
    void segmentKeepsItsThreeZeroSeeds() {
        HpoBenchTable b = HpoBenchTable.of("segment");
        int zeros = 0;
        for (int r = 0; r < b.size(); r++) {
            for (int s = 0; s < 5; s++) {
                zeros += b.table().value(r, s) == 0.0 ? 1 : 0;
            }
        }
        assertThat(zeros).isEqualTo(3);
    }

    @Test
    void firstDataRowOfAustralian() {
        // The README gives means only; these are the exact seed values of the file's first data row.
        HpoBenchTable b = HpoBenchTable.of("australian");
        Config first = mlp(1e-08, 4, 1, 1e-05, 16);
        assertThat(b.config(0)).isEqualTo(first);
        double[] seeds = {0.8232118758434548, 0.8385868517447465, 0.8298149219201851, 0.8506844033159822, 0.8078368999421631};
        for (int s = 0; s < 5; s++) {
            assertThat(value(b, first, s)).isEqualTo(seeds[s]);
            assertThat(value(b, first, s + 5L)).isEqualTo(seeds[s]);
        }
        // the file writes alpha = 1 as "1"; a config may give it as 1 or 1.0
        Config alphaOne = mlp(1.0, 4, 1, 1e-05, 16);
        Config alphaOneIntegral = config("alpha", 1, "batch_size", 4, "depth", 1, "learning_rate_init", 1e-05, "width", 16);
        assertThat(value(b, alphaOneIntegral, 0)).isEqualTo(value(b, alphaOne, 0));
    }

    @Test
    void rejectsUnknownDatasetsAndConfigs() {
        assertThatThrownBy(() -> HpoBenchTable.of("credit-g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'credit-g'")
                .hasMessageContaining("[australian, blood_transfusion, car, credit_g, kc1, phoneme, segment, vehicle]");
        TableAssertions.rejectsConfigsNotInTheTable(HpoBenchTable.of("kc1"), "width", 100);
    }
}
