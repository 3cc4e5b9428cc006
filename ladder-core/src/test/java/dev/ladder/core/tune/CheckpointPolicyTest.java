package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Trial;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointPolicyTest {

    private static TuningResult run(Path out, CheckpointPolicy policy) {
        return Tuner.builder().scheduler(TunerTest.asha(3)).objective(new QuadraticObjective(0.05)).workers(2)
                .maxTrials(30).output(out, "e").checkpoints(policy).run();
    }

    private static long checkpointsOnDisk(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out.resolve("e/checkpoints"))) {
            return files.filter(f -> f.getFileName().toString().equals(TrialContext.CHECKPOINT_FILE)).count();
        }
    }

    @Test
    void allKeepsEveryTrialsCheckpoint(@TempDir Path out) throws IOException {
        TuningResult r = run(out, CheckpointPolicy.all());
        assertThat(r.trials()).allSatisfy(t -> assertThat(t.checkpoint()).isPresent());
        assertThat(checkpointsOnDisk(out)).isEqualTo(30);
    }

    @Test
    void bestKeepsTheCheckpointsOfTheBestTrialsOnly(@TempDir Path out) throws IOException {
        TuningResult r = run(out, CheckpointPolicy.best(3));

        // ranked as the best result is chosen: highest resource reached, then the better value there
        List<Trial> ranked = r.trials().stream().sorted(Comparator.comparingLong(Trial::lastResource).reversed()
                .thenComparingDouble(t -> QuadraticLoss.at(t))).toList();
        assertThat(r.trials().stream().filter(t -> t.checkpoint().isPresent()).map(Trial::id))
                .containsExactlyInAnyOrderElementsOf(ranked.subList(0, 3).stream().map(Trial::id).toList());
        assertThat(ranked.get(0).id()).isEqualTo(r.best().orElseThrow().trialId());
        assertThat(checkpointsOnDisk(out)).isEqualTo(3);
        List<String> events = Files.readAllLines(out.resolve("e/events.jsonl"));
        assertThat(events.stream().filter(e -> e.contains("\"type\":\"gc\""))).hasSize(27);
    }

    @Test
    void aCompletedTrialOutsideTheBestLosesItsCheckpointAtOnce(@TempDir Path out) throws IOException {
        TuningResult r = Tuner.builder().scheduler(new dev.ladder.core.schedule.FifoScheduler(
                        new dev.ladder.core.search.GridSearcher(TunerTest.SPACE, 6), TunerTest.LOSS, 4))
                .objective(new QuadraticObjective()).workers(1).output(out, "e").checkpoints(CheckpointPolicy.best(1)).run();
        // grid x = 0, 0.2, ..., 1: trial 0 is best until trial 1 (x=0.2) ends; trial 2 (x=0.4) is worse at once
        List<String> events = Files.readAllLines(out.resolve("e/events.jsonl"));
        int end2 = indexOf(events, "\"type\":\"end\",\"trial\":2");
        assertThat(events.get(end2 + 1)).contains("\"type\":\"gc\",\"trial\":2");
        assertThat(r.trials().stream().filter(t -> t.checkpoint().isPresent()).map(Trial::id)).containsExactly(1);
    }

    private static int indexOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i;
            }
        }
        throw new AssertionError("no line with " + part);
    }

    @Test
    void trialBestKeepsACopyOfACheckpointBetterThanTheLatest(@TempDir Path out) throws IOException {
        // trials with x > 0.5 get worse with more resource (their best is their first checkpoint), the others better
        Objective objective = (config, ctx) -> {
            double x = config.getDouble("x");
            long done = ctx.loadCheckpoint().map(b -> java.nio.ByteBuffer.wrap(b).getLong()).orElse(0L);
            for (long r = done + 1; r <= ctx.maxResource(); r++) {
                boolean goOn = ctx.report(r, java.util.Map.of("loss", loss(x, r)));
                ctx.saveCheckpoint(java.nio.ByteBuffer.allocate(8).putLong(r).array());
                if (!goOn) {
                    return;
                }
            }
        };
        TuningResult r = Tuner.builder().scheduler(TunerTest.asha(3)).objective(objective).maxTrials(30)
                .output(out, "e").checkpoints(CheckpointPolicy.parse("all+trial-best")).run();

        int copies = 0;
        for (Trial t : r.trials()) {
            List<Path> others; // the trial's folders besides its latest checkpoint
            try (java.util.stream.Stream<Path> dirs = Files.list(out.resolve("e/checkpoints/trial-" + t.id()))) {
                others = dirs.filter(d -> !d.equals(t.checkpoint().orElseThrow())).toList();
            }
            double x = t.config().getDouble("x");
            if (x > 0.5 && t.lastResource() > 1) { // promoted and got worse: its best (r = 1) is kept
                assertThat(others).hasSize(1);
                Path copy = others.get(0).resolve(TrialContext.CHECKPOINT_FILE);
                assertThat(java.nio.ByteBuffer.wrap(Files.readAllBytes(copy)).getLong()).isEqualTo(1);
                copies++;
            } else { // its latest is its best: nothing else is kept
                assertThat(others).isEmpty();
            }
        }
        assertThat(copies).isPositive();
    }

    private static double loss(double x, long r) {
        return (x - 0.3) * (x - 0.3) + (x > 0.5 ? r / 100.0 : 1.0 / r);
    }

    @Test
    void policiesParseAndBadOnesAreNamed() {
        assertThat(CheckpointPolicy.parse("best:3+trial-best")).isEqualTo(CheckpointPolicy.best(3).withTrialBest());
        assertThat(CheckpointPolicy.parse("all+trial-best").toString()).isEqualTo("all+trial-best");
        assertThat(CheckpointPolicy.parse("all")).isEqualTo(CheckpointPolicy.all());
        assertThat(CheckpointPolicy.parse("best:2")).isEqualTo(CheckpointPolicy.best(2));
        assertThatThrownBy(() -> CheckpointPolicy.parse("best:x"))
                .hasMessage("checkpoint policy 'best:x' is not 'all' or 'best:N' (N >= 0), optionally followed by '+trial-best'");
        assertThatThrownBy(() -> CheckpointPolicy.best(-1)).hasMessageContaining("must be >= 0");
    }

    /** The quadratic objective's loss at a trial's last resource, as it reported it. */
    private static final class QuadraticLoss {
        static double at(Trial t) {
            double x = t.config().getDouble("x");
            long r = t.lastResource();
            return (x - 0.3) * (x - 0.3) + 1.0 / r + 0.05 * Math.sin(997 * x + 13 * r);
        }
    }
}
