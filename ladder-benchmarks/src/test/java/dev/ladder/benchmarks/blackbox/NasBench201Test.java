package dev.ladder.benchmarks.blackbox;

import static dev.ladder.benchmarks.blackbox.TableAssertions.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Pins {@link NasBench201} to the facts of benchmarks/nasbench201/README.md. */
class NasBench201Test {

    static Config cell(String... ops) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < ops.length; i++) {
            m.put("Op" + i, ops[i]);
        }
        return Config.of(m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cifar10", "cifar100", "imagenet16-120"})
    void holdsAll15625CellsWithTwoOrThreeSeeds(String dataset) {
        NasBench201 b = NasBench201.of(dataset);
        TableAssertions.isCompleteSingleFidelityGrid(b, 15_625);
        assertThat(b.name()).isEqualTo("nasbench201:" + dataset);
        assertThat(b.metric()).isEqualTo(Metric.maximize("val_accuracy"));
        int three = 0;
        int two = 0;
        for (int r = 0; r < b.size(); r++) {
            int n = b.table().seedCount(r);
            three += n == 3 ? 1 : 0;
            two += n == 2 ? 1 : 0;
            // the same rows have two seeds in all three files
            assertThat(n).isEqualTo(NasBench201.of("cifar10").table().seedCount(r));
        }
        assertThat(three).isEqualTo(8_169);
        assertThat(two).isEqualTo(7_456);
    }

    @Test
    void bestCifar10RowHasTheReadmeSeeds() {
        // README "Spot check: best CIFAR-10 row", key 333132
        NasBench201 b = NasBench201.of("cifar10");
        Config best = cell("nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3", "skip_connect", "nor_conv_3x3", "nor_conv_1x1");
        assertThat(b.seedCount(best)).isEqualTo(3);
        assertThat(value(b, best, 0)).isEqualTo(91.68399998291015);
        assertThat(value(b, best, 1)).isEqualTo(91.71999999023437);
        assertThat(value(b, best, 2)).isEqualTo(91.41599997802734);
        assertThat(value(b, best, 3)).isEqualTo(91.68399998291015);    // seed mod 3
        assertThat(value(b, best, -1)).isEqualTo(91.41599997802734);   // floorMod(-1, 3) = 2
        assertThat(b.mean(best)).isCloseTo(91.6067, within(5e-5));
        assertThat(b.table().rows()).isEqualTo(15_625);
        assertThat(TableAssertions.bestRow(b)).isEqualTo(rowOf(b, best));
    }

    @Test
    void bestRowsOfTheOtherFilesMatchTheReadme() {
        NasBench201 c100 = NasBench201.of("cifar100");
        Config best100 = cell("nor_conv_3x3", "nor_conv_3x3", "nor_conv_3x3", "skip_connect", "nor_conv_3x3", "nor_conv_3x3");
        assertThat(c100.mean(best100)).isCloseTo(73.4933, within(5e-5));
        assertThat(TableAssertions.bestRow(c100)).isEqualTo(rowOf(c100, best100));
        NasBench201 img = NasBench201.of("imagenet16-120");
        Config bestImg = cell("nor_conv_3x3", "nor_conv_1x1", "nor_conv_1x1", "skip_connect", "nor_conv_3x3", "nor_conv_3x3");
        assertThat(img.seedCount(bestImg)).isEqualTo(2);
        assertThat(img.mean(bestImg)).isCloseTo(46.7333, within(5e-5));
        assertThat(TableAssertions.bestRow(img)).isEqualTo(rowOf(img, bestImg));
        assertThat(value(img, bestImg, 2)).isEqualTo(value(img, bestImg, 0));   // two seeds: seed mod 2
    }

    @Test
    void firstRowIsAllNoneAtChanceLevel() {
        NasBench201 b = NasBench201.of("cifar10");
        assertThat(b.config(0)).isEqualTo(cell("none", "none", "none", "none", "none", "none"));
        assertThat(value(b, b.config(0), 0)).isEqualTo(9.711999999389649);
    }

    @Test
    void exactlyTheDisconnectedCellsScoreChanceOnCifar10() {
        // README "Edge mapping": Op0 = 0->1, Op1 = 0->2, Op2 = 1->2, Op3 = 0->3, Op4 = 1->3, Op5 = 2->3
        NasBench201 b = NasBench201.of("cifar10");
        int chance = 0;
        for (int r = 0; r < b.size(); r++) {
            Config c = b.config(r);
            boolean atChance = true;
            for (int s = 0; s < b.table().seedCount(r); s++) {
                atChance &= Math.abs(b.table().value(r, s) - 9.712) < 1e-6;
            }
            assertThat(atChance).as("%s", c).isEqualTo(!connected(c));
            chance += atChance ? 1 : 0;
        }
        assertThat(chance).isEqualTo(341);
    }

    private static boolean connected(Config c) {
        boolean[] reach = new boolean[4];
        reach[0] = true;
        int[][] edges = {{0, 1}, {0, 2}, {1, 2}, {0, 3}, {1, 3}, {2, 3}};
        for (int i = 0; i < 6; i++) {   // edges are listed in topological order
            if (!c.getString("Op" + i).equals("none") && reach[edges[i][0]]) {
                reach[edges[i][1]] = true;
            }
        }
        return reach[3];
    }

    @Test
    void rejectsUnknownDatasetsAndConfigs() {
        assertThatThrownBy(() -> NasBench201.of("imagenet"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'imagenet'")
                .hasMessageContaining("[cifar10, cifar100, imagenet16-120]");
        TableAssertions.rejectsConfigsNotInTheTable(NasBench201.of("cifar100"), "Op3", "conv_5x5");
    }

    private static int rowOf(TabularBlackbox b, Config c) {
        return b.table().row(c, b.name());
    }
}
