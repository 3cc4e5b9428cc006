package dev.ladder.benchmarks.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBasedStudyTest {

    @Test
    void theStudyMeasuresEveryMethodAgainstAshasFinalValue(@TempDir Path dir) throws Exception {
        List<String> methods = List.of("random", "asha", "asha+kde");
        ModelBasedStudy study = new ModelBasedStudy(List.of("synthetic:27", "synthetic:81"), methods, new Seeds(0, 2), 2, 600);
        List<ModelBasedStudy.TaskResult> results = study.run(2);
        assertThat(results).extracting(ModelBasedStudy.TaskResult::task).containsExactly("synthetic:27", "synthetic:81");
        for (ModelBasedStudy.TaskResult r : results) {
            assertThat(r.cells().keySet()).containsExactlyElementsOf(methods);
            assertThat(r.cells().get("asha+kde").runs()).hasSize(2);
            // ASHA's mean curve ends at its mean final value, so it reaches it within the budget: speed-up 1 by definition
            assertThat(r.time().get("asha")).isBetween(0.0, 600.0);
            assertThat(r.speedup("asha")).isEqualTo(1.0);
            assertThat(r.beats("asha")).isFalse();
        }
        String report = study.report(results);
        assertThat(report).contains("| asha | 0 of 2 | 2 of 2 | 1.00x | +0.000 |").contains("| synthetic:27 |")
                .contains("Tasks where ASHA ends worse than random");
        ModelBasedStudy.writeFinals(results, dir.resolve("finals.csv"));
        assertThat(Files.readAllLines(dir.resolve("finals.csv"))).hasSize(1 + 2 * 3 * 2);
        ModelBasedStudy.plot(results.get(0), dir.resolve("p.png"));
        assertThat(Files.size(dir.resolve("p.png"))).isGreaterThan(2000);
    }

    @Test
    void aMethodThatNeverGetsThereHasNoTimeAndTheFirstGridPointCounts() {
        double[] grid = {10, 20, 30};
        Metric max = Metric.maximize("acc");
        assertThat(ModelBasedStudy.firstReaching(grid, new double[] {Double.NaN, 0.5, 0.9}, 0.9, max)).isEqualTo(30);
        assertThat(ModelBasedStudy.firstReaching(grid, new double[] {0.95, 0.95, 0.95}, 0.9, max)).isEqualTo(10);
        assertThat(ModelBasedStudy.firstReaching(grid, new double[] {0.5, 0.6, 0.7}, 0.9, max)).isNaN();
        assertThat(ModelBasedStudy.firstReaching(grid, new double[] {0.5, 0.3, 0.2}, 0.3, Metric.minimize("loss"))).isEqualTo(20);
    }

    @Test
    void theStudyNeedsAshaAndRefusesSingleFidelityTasks() {
        assertThatThrownBy(() -> new ModelBasedStudy(List.of("synthetic:27"), List.of("random", "hyperband"), new Seeds(0, 1), 1, 60))
                .hasMessageContaining("must include asha");
        assertThatThrownBy(() -> new ModelBasedStudy(List.of("hpobench:australian"), List.of("asha"), new Seeds(0, 1), 1, 60))
                .hasMessageContaining("hpobench");
    }
}
