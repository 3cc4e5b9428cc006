package dev.ladder.examples.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ladder.core.Config;
import dev.ladder.core.TrialStatus;
import dev.ladder.examples.RecordingTrialContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real training with DJL's PyTorch engine on a small part of Fashion-MNIST (CI installs it: .ci/run). */
class DjlObjectiveTest {
    private static final Config CONFIG = Config.of(Map.of("lr", 0.02, "momentum", 0.9, "hidden", 32, "weight_decay", 1e-4));
    private static DjlObjective objective;

    @TempDir
    Path tmp;

    @BeforeAll
    static void data() {
        DjlEngine.offlineCpu();
        FashionMnist.requireInstalled(FashionMnist.DEBIAN_DIR); // fails, naming .ci/run, when the package is missing
        ImageSet rows = FashionMnist.train(FashionMnist.DEBIAN_DIR, 2500);
        objective = DjlObjective.mlp(rows.slice(0, 2000), rows.slice(2000, 2500), 10);
    }

    private RecordingTrialContext run(long from, long to, long pauseAt, Path dir) throws Exception {
        RecordingTrialContext ctx = new RecordingTrialContext(from, to, pauseAt, dir);
        objective.run(CONFIG, ctx);
        return ctx;
    }

    @Test
    void learnsWithEpochsAndAPausedTrialGoesOnFromItsCheckpoint() throws Exception {
        RecordingTrialContext straight = run(0, 4, Long.MAX_VALUE, Files.createDirectory(tmp.resolve("straight")));
        assertThat(straight.resources()).containsExactly(1L, 2L, 3L, 4L);
        Map<String, Double> first = straight.reports.get(0).metrics();
        Map<String, Double> last = straight.last().metrics();
        assertThat(last.get("accuracy")).isGreaterThan(first.get("accuracy") + 0.03).isGreaterThan(0.7);
        assertThat(last.get("loss")).isLessThan(first.get("loss"));

        Path dir = Files.createDirectory(tmp.resolve("paused"));
        RecordingTrialContext before = run(0, 4, 2, dir);
        assertThat(before.resources()).containsExactly(1L, 2L);
        assertThat(before.reports).isEqualTo(straight.reports.subList(0, 2));

        RecordingTrialContext after = run(2, 4, Long.MAX_VALUE, dir);
        assertThat(after.resources()).containsExactly(3L, 4L);
        for (int i = 0; i < 2; i++) {
            Map<String, Double> resumed = after.reports.get(i).metrics();
            Map<String, Double> expected = straight.reports.get(i + 2).metrics();
            // the same weights, velocities and batches: only float rounding may differ
            assertThat(resumed.get("loss")).isCloseTo(expected.get("loss"), within(1e-3));
            assertThat(resumed.get("accuracy")).isCloseTo(expected.get("accuracy"), within(0.005));
        }
    }

    @Test
    void aResumeWithoutItsCheckpointStartsAgainFromScratch() throws Exception {
        RecordingTrialContext straight = run(0, 2, Long.MAX_VALUE, Files.createDirectory(tmp.resolve("straight")));
        RecordingTrialContext lost = run(1, 2, Long.MAX_VALUE, Files.createDirectory(tmp.resolve("lost")));
        assertThat(lost.reports).isEqualTo(straight.reports);
    }

    @Test
    void ashaOnTwoWorkersTunesAndComparesWithTheDefaultOnTheTestSet() throws Exception {
        FashionMnistTuning.Outcome outcome = FashionMnistTuning.run(FashionMnistTuning.Options.parse(new String[] {
                "--train", "1500", "--validation", "500", "--trials", "6", "--epochs", "9", "--out", tmp.toString(),
                "--name", "fmnist"}));

        assertThat(outcome.tuning().countByStatus().get(TrialStatus.FAILED)).isZero();
        List<String> events = Files.readAllLines(tmp.resolve("fmnist/events.jsonl"));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"resume\""));
        assertThat(outcome.best().resource()).isBetween(1L, 9L); // the epochs of the lowest validation loss
        assertThat(outcome.tunedTest().get("accuracy")).isGreaterThan(0.6);
        assertThat(outcome.defaultTest().get("accuracy")).isGreaterThan(0.6);
    }
}
