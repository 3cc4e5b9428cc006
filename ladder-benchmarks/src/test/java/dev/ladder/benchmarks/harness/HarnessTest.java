package dev.ladder.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.benchmarks.blackbox.Blackboxes;
import dev.ladder.benchmarks.blackbox.LcBench;
import dev.ladder.core.Config;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.sim.FailureModel;
import dev.ladder.sim.PrefetchingSearcher;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HarnessTest {

    @Test
    void runsMethodsInSimulatedTimeWithinTheBudget() {
        Harness h = new Harness(Blackboxes::of, FailureModel.NONE);
        List<RunSpec> specs = new ArrayList<>();
        for (String m : List.of("random", "asha", "hyperband")) {
            for (int s = 0; s < 2; s++) {
                specs.add(new RunSpec(m, "synthetic:27", s, 4, 600, null));
            }
        }
        List<RunResult> runs = h.runAll(specs, 2);
        assertThat(runs).hasSize(6);
        for (RunResult r : runs) {
            assertThat(r.rows()).isNotEmpty().allSatisfy(row -> assertThat(row.time()).isBetween(0.0, 600.0));
            // 4 workers for 600 simulated seconds at 1 s per unit of resource: at most 2,400 units
            assertThat(r.totalResource()).isBetween(2000L, 2404L);
            assertThat(r.finalBestSeen()).isEqualTo(r.rows().stream().mapToDouble(RunResult.Row::value).min().orElseThrow());
            assertThat(r.bestSeen().at(600)).isEqualTo(r.finalBestSeen());
            assertThat(r.chosen().at(600)).isEqualTo(r.finalValue());
            assertThat(r.chosen().at(-1)).isNaN();
        }
        // same spec, same result: the runs are pure functions of their seeds
        assertThat(h.run(specs.get(2)).rows()).isEqualTo(runs.get(2).rows());
        String table = Summary.table(runs, 0.2, false);
        assertThat(table).contains("synthetic:27, 4 workers").contains("| random | 2 |").contains("| asha | 2 |")
                .contains("| hyperband | 2 |");
    }

    @Test
    void summaryStatisticsAndBands() {
        assertThat(Summary.mean(new double[] {1, 2, 3})).isEqualTo(2);
        assertThat(Summary.std(new double[] {1, 2, 3})).isEqualTo(1);
        assertThat(Summary.quantile(new double[] {0, 10}, 0.25)).isEqualTo(2.5);
        RunSpec spec = new RunSpec("asha", "x", 0, 1, 10, null);
        StepCurve ca = new StepCurve(new double[] {1, 5}, new double[] {0.9, 0.5});
        StepCurve cb = new StepCurve(new double[] {2}, new double[] {0.7});
        RunResult a = new RunResult(spec, List.of(), ca, ca, 0, new java.util.TreeMap<>(), 0);
        RunResult b = new RunResult(spec, List.of(), cb, cb, 0, new java.util.TreeMap<>(), 0);
        double[][] band = Summary.band(List.of(a, b), new double[] {0.5, 1.5, 6});
        assertThat(band[0][0]).isNaN();
        assertThat(band[0][1]).isEqualTo(0.9); // only a has a value at 1.5
        assertThat(band[0][2]).isCloseTo(0.6, within(1e-12));
        assertThat(ca.firstReaching(0.6, false)).isEqualTo(5);
        assertThat(ca.firstReaching(0.1, false)).isNaN();
        assertThat(Summary.timeToTarget(List.of(a, b), 0.6, false).format()).isEqualTo("5 (1 of 2 missed)"); // half of the runs were there by 5
    }

    @Test
    void writesAReadablePng(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("p.png");
        new LinePlot("t", "x", "y").add(new LinePlot.Series("a", new double[] {0, 1, 2}, new double[] {1, 0.5, 0.2},
                new double[] {0.9, 0.4, 0.1}, new double[] {1.1, 0.6, 0.3})).write(file);
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img.getWidth()).isEqualTo(LinePlot.WIDTH);
        assertThat(Files.size(file)).isGreaterThan(2000);
    }

    /** Issue 15: the old plot left the first tenth of the x range out of the y range, so early points fell off the chart. */
    @Test
    void everyPointIsInsideThePlotIncludingTheFirstTenth() {
        double[] x = new double[20];
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x[i] = i;
            y[i] = i == 0 ? 100 : 1 + 0.01 * i; // the first point far above the rest
        }
        LinePlot plot = new LinePlot("t", "x", "y").add(new LinePlot.Series("a", x, y, null, null));
        var chart = plot.chart();
        BufferedImage img = new BufferedImage(LinePlot.WIDTH, LinePlot.HEIGHT, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        chart.paint(g, LinePlot.WIDTH, LinePlot.HEIGHT);
        g.dispose();
        for (int i : new int[] {0, 1, 19}) {
            int px = (int) Math.round(chart.getScreenXFromChart(x[i]));
            int py = (int) Math.round(chart.getScreenYFromChart(y[i]));
            assertThat(px).isBetween(0, LinePlot.WIDTH - 1);
            assertThat(py).as("point %d (y = %s) lies inside the image", i, y[i]).isBetween(0, LinePlot.HEIGHT - 1);
            assertThat(img.getRGB(px, py) & 0xffffff).as("the marker of point %d is drawn", i).isEqualTo(0x1f77b4);
        }
        // the axes start and end on round numbers: x from 36 (the first grid point of a 2 h budget) starts at 0
        assertThat(new LinePlot("t", "x", "y").add(new LinePlot.Series("a", new double[] {36, 7200}, new double[] {53.7, 91.2},
                null, null)).niceRange(true)).containsExactly(0, 7500);
        assertThat(new LinePlot("t", "x", "y").add(new LinePlot.Series("a", new double[] {36, 7200}, new double[] {53.7, 91.2},
                null, null)).niceRange(false)).containsExactly(52, 92);
        assertThat(LinePlot.niceStep(0.3)).isEqualTo(0.5);
        assertThat(LinePlot.niceStep(4.7)).isEqualTo(5);
        assertThat(LinePlot.niceStep(900)).isEqualTo(1000);
        // the axis spans the first point: it is drawn above every other point, below the top of the image
        assertThat(chart.getScreenYFromChart(100)).isLessThan(chart.getScreenYFromChart(1.19)).isGreaterThan(0);
    }

    @Test
    void prefetchingKeepsTheSearchersSequenceAndTheBlackboxsValues() {
        LcBench box = LcBench.of(189906);
        RandomSearcher plain = new RandomSearcher(box.space(), 5);
        PrefetchingSearcher ahead = new PrefetchingSearcher(new RandomSearcher(box.space(), 5), box, 16);
        for (int i = 0; i < 40; i++) {
            Config c = plain.next(i).orElseThrow();
            assertThat(ahead.next(i)).contains(c);
            var prefetched = box.curve(c, 0);
            var fresh = LcBench.of(189906).withMetric("val_accuracy").curve(c, 0);
            // ONNX Runtime's kernels depend on the batch size, so values agree to float rounding, not bit for bit
            for (long r : new long[] {1, 3, 9}) {
                for (String m : fresh.metrics(r).keySet()) {
                    assertThat(prefetched.metrics(r).get(m)).isCloseTo(fresh.metrics(r).get(m),
                            org.assertj.core.data.Percentage.withPercentage(1e-3));
                }
                assertThat(prefetched.seconds(r)).isCloseTo(fresh.seconds(r), org.assertj.core.data.Percentage.withPercentage(1e-3));
            }
        }
    }
}
