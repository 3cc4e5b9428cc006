package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the real demo (real XGBoost on the real bundled data) on a small budget. */
class DemoCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run ladder(String... args) {
        CommandLine cl = LadderCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void demoTunesXGBoostAndComparesWithTheDefaults(@TempDir Path out) throws Exception {
        Run r = ladder("demo", "--max-trials", "30", "--workers", "2", "--seed", "3", "--out", out.toString(), "--name", "small");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Trials: 30 started").contains("Best trial: #")
                .contains("Held-out test split (200 rows)").contains("XGBoost defaults (100 rounds)")
                .containsPattern("The tuned config (beats|did NOT beat) XGBoost's defaults");
        Path dir = out.resolve("small");
        List<String> events = Files.readAllLines(dir.resolve("events.jsonl"));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"resume\""));
        assertThat(events.get(events.size() - 1)).contains("\"type\":\"finish\"");
        assertThat(Files.readAllLines(dir.resolve("results.csv")).get(0))
                .isEqualTo("trial,resource,seconds,logloss,accuracy,auc,eta,max_depth,min_child_weight,subsample,colsample_bytree,lambda,alpha");
        try (var files = Files.list(dir.resolve("checkpoints"))) {
            assertThat(files.filter(d -> Files.exists(d.resolve("checkpoint.bin"))).count()).isEqualTo(30);
        }
    }

    @Test
    void unknownSchedulerIsNamed(@TempDir Path out) {
        Run r = ladder("demo", "--scheduler", "hyperbnd", "--out", out.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("unknown scheduler 'hyperbnd' (known: fifo, sha, hyperband, asha, asha-stopping,");
    }

    /** Every scheduler drives the real XGBoost objective end to end (a tiny budget each). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"fifo", "sha", "hyperband", "asha-stopping",
            "async-hyperband", "adaptive", "median"})
    void demoRunsWithEveryScheduler(String scheduler, @TempDir Path out) {
        Run r = ladder("demo", "--scheduler", scheduler, "--max-trials", "12", "--min-resource", "1",
                "--max-resource", "9", "--out", out.toString(), "--name", "s");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Trials: ").contains(" 0 failed").contains("Best trial: #");
    }

    @Test
    void helpListsTheCommands() {
        Run r = ladder("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("demo").contains("preview").contains("bench-decisions").contains("help");
    }
}
