package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ladder.cli.DemoCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-objective example as real processes: `ladder run`, then the front in `show` and `export`. */
class MultiObjectiveRunTest {
    private static final Path EXAMPLE = Path.of("../examples/two-objectives/experiment.yaml");

    @Test
    void theFrontHoldsFeasibleTrialsOnlyAndIsShownAndExported(@TempDir Path out) throws Exception {
        Run r = ladder("run", EXAMPLE.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Trials: 20 started;").contains(" 0 failed")
                .contains("Pareto front: ").contains("at epoch 9 (error min, size min; constraint memory_excess <= 0)");

        Run show = ladder("show", "two-objectives", "--out", out.toString());
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).contains("objectives error min, size min; constraint memory_excess <= 0")
                .containsPattern("front +\\d+ trials at r=9; hypervolume ");

        Run csv = ladder("export", "two-objectives", "--format", "front", "--out", out.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        List<String> lines = csv.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("trial,resource,error,size,config");
        assertThat(lines).hasSizeGreaterThan(1);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", 5);
            assertThat(Double.parseDouble(cells[3])).as(line).isLessThanOrEqualTo(60); // width <= 6: feasible
            assertThat(cells[1]).isEqualTo("9");
        }

        Run json = ladder("export", "two-objectives", "--format", "front_json", "--out", out.toString());
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode f = DemoCommand.JSON.readTree(json.out());
        assertThat(f.path("members").size()).isEqualTo(lines.size() - 1);
        assertThat(f.path("hypervolumeOverTime").size()).isPositive();

        // the journal reports every metric of each LADDER_REPORT line
        assertThat(Files.readString(out.resolve("two-objectives/logs/trial-0/stdout.log"))).contains("\"memory_excess\": ");
    }

    @Test
    void aSpecWithBothMetricAndObjectivesIsRefusedNamingTheKey(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("e.yaml");
        Files.writeString(spec, Files.readString(EXAMPLE).replace("objectives:", "metric: loss\nobjectives:"));
        Run r = ladder("run", spec.toString(), "--out", dir.toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("e.yaml:7: key 'objectives'").contains("give either metric or objectives");
    }
}
