package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.cli.DemoCommandTest.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments stored before the one spec shape (format 2) still resume and show: the demo kept its flags,
 * {@code ladder run} its YAML tree, and both accepted scheduler keys that the scheduler then ignored (adaptive
 * ignored eta too). Each test runs an experiment, puts its stored spec back into the old shape in the real
 * SQLite file, as the old code wrote it, and extends it: the journal must replay into the rebuilt scheduler.
 */
class OldSpecShapesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static void storeSpec(Path out, String name, String json) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + out.resolve("ladder.db"));
             PreparedStatement ps = c.prepareStatement("UPDATE experiments SET spec = ? WHERE name = ?")) {
            ps.setString(1, json);
            ps.setString(2, name);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void aRunStoredAsItsYamlTreeWithIgnoredKeysResumes(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("runs");
        Files.copy(Path.of("../examples/quadratic/trial.sh"), dir.resolve("trial.sh"));
        String yaml = Files.readString(Path.of("../examples/quadratic/experiment.yaml"))
                .replace("max: 27", "max: 9").replace("max_trials: 20", "max_trials: 6").replace("workers: 2", "workers: 1");
        Files.writeString(dir.resolve("experiment.yaml"), yaml);
        Run first = ladder("run", dir.resolve("experiment.yaml").toString(), "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();

        // the old shape: the user's tree as written, plus mode and brackets, which asha ignored then
        ObjectNode tree = (ObjectNode) new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(yaml);
        tree.put("workdir", dir.toString());
        tree.set("scheduler", JSON.createObjectNode().put("name", "asha").put("eta", 3).put("mode", "aggressive").put("brackets", "loop"));
        ObjectNode old = JSON.createObjectNode().put("kind", "process");
        old.set("spec", tree);
        old.set("metric", JSON.createObjectNode().put("name", "loss").put("mode", "min"));
        storeSpec(out, "quadratic", old.toString());

        Run more = ladder("resume", "quadratic", "--max-trials", "9", "--out", out.toString());
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("Resuming quadratic").contains("Trials: 9 started;").contains(" 0 failed");
        assertThat(ladder("show", "quadratic", "--out", out.toString()).out()).contains("status     FINISHED")
                .contains("scheduler asha(levels=[1, 3, 9], eta=3");
    }

    @Test
    void aDemoStoredAsItsFlagsResumes(@TempDir Path out) throws Exception {
        Run first = ladder("demo", "--scheduler", "adaptive", "--max-resource", "27", "--max-trials", "6", "--seed", "2",
                "--out", out.toString(), "--name", "old");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Trials: 6 started");

        // the old shape: the demo's flags; adaptive ignored the eta and min resource it was given
        ObjectNode old = JSON.createObjectNode().put("kind", "demo");
        old.set("metric", JSON.createObjectNode().put("name", "logloss").put("mode", "min"));
        old.set("scheduler", JSON.createObjectNode().put("name", "adaptive").put("min_resource", 3).put("max_resource", 27)
                .put("eta", 3).put("mode", "standard").put("brackets", "loop").put("rungs_per_bracket", false));
        old.putNull("space");
        old.put("seed", 2).put("workers", 1).put("max_trials", 6).put("checkpoints", "all");
        old.putArray("arms");
        old.putNull("task_store");
        storeSpec(out, "old", old.toString());

        Run shown = ladder("show", "old", "--out", out.toString());
        assertThat(shown.out()).contains("scheduler adaptive(").contains("status     FINISHED");
        // replayed into adaptive with eta 4 (a scheduler with eta 3 would diverge at the first promotion);
        // its bracket caps come from the 6 trials it was made with, so it has nothing more to start
        Run more = ladder("resume", "old", "--max-trials", "8", "--out", out.toString());
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("Resuming old").contains("with adaptive(levels=[1, 6, 27], eta=4")
                .contains("Trials: 6 started").contains(" 0 failed");
    }
}
