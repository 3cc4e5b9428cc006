package dev.ladder.examples.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Schedulers;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.process.ProcessExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/python/train.py, a user's plain-Python training script, through Ladder's process protocol. */
class PythonScriptTest {
    static final Path SCRIPT_DIR = Path.of("../examples/python").toAbsolutePath().normalize();
    private static final String CONFIG = "{\"lr\": 0.05, \"l2\": 0.001, \"batch_size\": 16, \"momentum\": 0.5}";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Runs the script as Ladder would, with this job's resource range and checkpoint folder; returns its reports. */
    private static List<JsonNode> job(long from, long to, Path checkpoints) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("python3", "train.py").directory(SCRIPT_DIR.toFile());
        pb.redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("LADDER_CONFIG", CONFIG);
        env.put("LADDER_RESUME_FROM", Long.toString(from));
        env.put("LADDER_MAX_RESOURCE", Long.toString(to));
        env.put("LADDER_CHECKPOINT_DIR", checkpoints.toString());
        env.put("LADDER_RESOURCE_NAME", "epoch");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        List<JsonNode> reports = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("LADDER_REPORT ")) {
                reports.add(JSON.readTree(line.substring("LADDER_REPORT ".length())));
            }
        }
        return reports;
    }

    private static List<Long> epochs(List<JsonNode> reports) {
        return reports.stream().map(r -> r.get("epoch").asLong()).toList();
    }

    @Test
    void learnsWithEpochsAndAResumedJobGoesOnFromItsCheckpoint() throws Exception {
        List<JsonNode> straight = job(0, 6, Files.createDirectory(tmp.resolve("straight")));
        assertThat(epochs(straight)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(straight.get(5).get("logloss").asDouble()).isLessThan(straight.get(0).get("logloss").asDouble() - 0.01);

        Path dir = Files.createDirectory(tmp.resolve("paused"));
        List<JsonNode> first = job(0, 3, dir);
        List<JsonNode> second = job(3, 6, dir);
        assertThat(epochs(first)).containsExactly(1L, 2L, 3L);
        assertThat(epochs(second)).containsExactly(4L, 5L, 6L);
        for (int i = 0; i < 3; i++) {
            // the same weights, velocity and epoch order from the checkpoint: equal up to JSON's printing of floats
            assertThat(second.get(i).get("logloss").asDouble()).isCloseTo(straight.get(i + 3).get("logloss").asDouble(), within(1e-9));
            assertThat(second.get(i).get("accuracy").asDouble()).isEqualTo(straight.get(i + 3).get("accuracy").asDouble());
        }
    }

    @Test
    void ashaTunesTheScriptOnTwoProcessWorkers() throws IOException {
        SearchSpace space = SearchSpace.builder().logReal("lr", 0.001, 1.0).choice("batch_size", 16, 64).build();
        ProcessExecutor executor = ProcessExecutor.builder(List.of("python3", "train.py"))
                .workers(2).resourceName("epoch").workingDir(SCRIPT_DIR).build();
        TuningResult r = Tuner.builder()
                .scheduler(Schedulers.asha().minResource(1).maxResource(9L).eta(3)
                        .build(new RandomSearcher(space, 3), Metric.minimize("logloss")))
                .executor(executor).maxTrials(6).output(tmp, "python").run();
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isZero();
        assertThat(r.best().orElseThrow().resource()).isGreaterThanOrEqualTo(3);
        assertThat(r.trials()).anySatisfy(t -> assertThat(t.status()).isEqualTo(TrialStatus.PAUSED));
        assertThat(Files.readAllLines(tmp.resolve("python/events.jsonl"))) // promoted: a job from a checkpoint
                .anySatisfy(e -> assertThat(e).contains("\"type\":\"resume\""));
    }
}
