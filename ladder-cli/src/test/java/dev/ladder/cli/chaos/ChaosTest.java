package dev.ladder.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos test of issue 13, small and seeded (the long one is {@code ladder chaos --kills 30}, see
 * docs/benchmarks.md): real Ladder JVMs SIGKILLed at seeded moments and resumed after each, on the
 * shell example with one worker (decisions compared one by one with an uninterrupted run) and two,
 * on the XGBoost example as processes and on the in-process demo. Target: 0 in every column.
 */
class ChaosTest {
    private static final Path EXAMPLES = Path.of("../examples");

    @TempDir
    Path dir;

    @Test
    void shellOnOneWorkerMakesTheDecisionsOfAnUninterruptedRun() throws Exception {
        assertClean(new Workload("shell", 1, 12, 9), 4, 11);
    }

    /** BOHB's searcher learns from results: resumed, it must rebuild its densities from the journal to decide as before. */
    @Test
    void bohbsSearcherOnOneWorkerMakesTheDecisionsOfAnUninterruptedRun() throws Exception {
        assertClean(new Workload("shell", 1, 16, 9, "kde"), 3, 15);
    }

    /** Given a folder relative to the working directory, as {@code ./ladder chaos} gives {@code chaos-runs/...}. */
    @Test
    void shellOnTwoWorkersLosesAndDuplicatesNothing() throws Exception {
        Path relative = Path.of("target", "chaos-relative-" + System.nanoTime());
        try {
            assertClean(new Workload("shell", 2, 12, 9), 4, 12, relative.resolve("shell"));
        } finally {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(relative)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void xgboostProcessTrialsSurviveAKill() throws Exception {
        assertClean(new Workload("xgboost", 2, 4, 9), 1, 13);
    }

    @Test
    void theInProcessDemoSurvivesAKill() throws Exception {
        assertClean(new Workload("demo", 2, 12, 9), 1, 14);
    }

    private void assertClean(Workload workload, int kills, long seed) throws Exception {
        assertClean(workload, kills, seed, dir.resolve(workload.name()));
    }

    private void assertClean(Workload workload, int kills, long seed, Path folder) throws Exception {
        StringWriter progress = new StringWriter();
        Figures f = ChaosRun.run(workload, EXAMPLES, folder, kills, seed, new PrintWriter(progress));
        String report = Figures.HEADER + "\n" + f.row() + "\n" + String.join("\n", f.details()) + "\n" + progress;
        assertThat(f.kills()).as(report).isEqualTo(kills);
        assertThat(f.clean()).as(report).isTrue();
    }
}
