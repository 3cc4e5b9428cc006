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

/** Pins {@link FcNet} to the facts of benchmarks/fcnet/README.md. */
class FcNetTest {

    static Config fc(String a1, String a2, int batch, double d1, double d2, double lr, String schedule, int u1, int u2) {
        return config("activation_fn_1", a1, "activation_fn_2", a2, "batch_size", batch, "dropout_1", d1,
                "dropout_2", d2, "init_lr", lr, "lr_schedule", schedule, "n_units_1", u1, "n_units_2", u2);
    }

    /** README "Best rows (mean over the 4 seeds)": the config, its mean (6 significant digits), the value range. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "protein_structure,         relu, relu, 8,  0.0, 0.3, 0.0005, cosine, 512, 512, 0.221379,    0.2201,    1951.0",
            "naval_propulsion,          tanh, relu, 8,  0.0, 0.0, 0.0005, cosine, 128, 512, 3.19113e-05, 2.479e-05, 28107",
            "parkinsons_telemonitoring, relu, relu, 8,  0.0, 0.0, 0.005,  cosine, 32,  512, 0.00670593,  0.003821,  21142",
            "slice_localization,        relu, tanh, 16, 0.0, 0.0, 0.0005, cosine, 256, 512, 0.000191599, 1.585e-04, 8.70e+07"})
    void matchesTheReadme(String dataset, String a1, String a2, int batch, double d1, double d2, double lr,
                          String schedule, int u1, int u2, double bestMean, double min, double max) {
        FcNet b = FcNet.of(dataset);
        TableAssertions.isCompleteSingleFidelityGrid(b, 62_208);
        assertThat(b.name()).isEqualTo("fcnet:" + dataset);
        assertThat(b.metric()).isEqualTo(Metric.minimize("val_mse"));
        Config best = fc(a1, a2, batch, d1, d2, lr, schedule, u1, u2);
        assertThat(b.seedCount(best)).isEqualTo(4);
        assertThat(b.mean(best)).isCloseTo(bestMean, within(5e-6 * bestMean));
        assertThat(TableAssertions.bestRow(b)).isEqualTo(b.table().row(best, b.name()));
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < b.size(); r++) {
            assertThat(b.table().seedCount(r)).isEqualTo(4);
            for (int s = 0; s < 4; s++) {
                lo = Math.min(lo, b.table().value(r, s));
                hi = Math.max(hi, b.table().value(r, s));
            }
        }
        assertThat(lo).isCloseTo(min, within(1e-3 * min));
        assertThat(hi).isCloseTo(max, within(1e-2 * max));
    }

    @Test
    void firstDataRowOfProteinStructure() {
        // The README gives means only; these are the exact seed values of the file's first data row.
        FcNet b = FcNet.of("protein_structure");
        Config first = fc("relu", "relu", 8, 0.0, 0.0, 0.0005, "cosine", 16, 16);
        assertThat(b.config(0)).isEqualTo(first);
        assertThat(value(b, first, 0)).isEqualTo(0.341951459646225);
        assertThat(value(b, first, 1)).isEqualTo(0.34103745222091675);
        assertThat(value(b, first, 2)).isEqualTo(0.33918553590774536);
        assertThat(value(b, first, 3)).isEqualTo(0.33868858218193054);
        assertThat(value(b, first, 6)).isEqualTo(0.33918553590774536);   // seed mod 4
        // integral numbers find the grid's doubles: dropout 0 is 0.0
        Config integral = config("activation_fn_1", "relu", "activation_fn_2", "relu", "batch_size", 8, "dropout_1", 0,
                "dropout_2", 0, "init_lr", 0.0005, "lr_schedule", "cosine", "n_units_1", 16, "n_units_2", 16);
        assertThat(value(b, integral, 0)).isEqualTo(0.341951459646225);
    }

    @Test
    void rejectsUnknownDatasetsAndConfigs() {
        assertThatThrownBy(() -> FcNet.of("protein"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'protein'")
                .hasMessageContaining("[protein_structure, naval_propulsion, parkinsons_telemonitoring, slice_localization]");
        TableAssertions.rejectsConfigsNotInTheTable(FcNet.of("naval_propulsion"), "init_lr", 0.002);
    }
}
