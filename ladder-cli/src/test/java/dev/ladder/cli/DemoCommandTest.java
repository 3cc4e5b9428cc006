package dev.ladder.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.core.Await;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the real demo (real XGBoost on the real bundled data) on a small budget. */
public class DemoCommandTest {

    /** A finished command: its exit code and what it printed (tests of other packages run commands with it too). */
    public record Run(int code, String out, String err) {
    }

    public static Run ladder(String... args) {
        CommandLine cl = LadderCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A command running on another thread; its output can be watched while it runs. */
    record Background(StringWriter out, StringWriter err, java.util.concurrent.CompletableFuture<Run> done) {
        String outSoFar() {
            return out.toString();
        }

        Run get() throws Exception {
            return done.get(3, java.util.concurrent.TimeUnit.MINUTES);
        }
    }

    static Background background(String... args) {
        CommandLine cl = LadderCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Background(out, err, java.util.concurrent.CompletableFuture.supplyAsync(
                () -> new Run(cl.execute(args), out.toString(), err.toString())));
    }

    @Test
    void demoTunesXGBoostAndComparesWithTheDefaults(@TempDir Path out) throws Exception {
        Run r = ladder("demo", "--max-trials", "30", "--workers", "2", "--seed", "3", "--out", out.toString(), "--name", "small");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Trials: 30 started").contains("Best trial: #")
                .contains("Held-out test split (200 rows)").contains("XGBoost defaults (100 rounds)")
                .containsPattern("The tuned config (beats|did NOT beat) XGBoost's defaults");
        assertThat(r.out()).contains("Stored in " + out.resolve("ladder.db"));
        Run ls = ladder("ls", "--out", out.toString());
        assertThat(ls.out()).startsWith("small  FINISHED  30 trials  best logloss ");
        Run show = ladder("show", "small", "--out", out.toString());
        assertThat(show.out()).contains("status     FINISHED").contains("best       logloss").contains("trials     30:")
                .contains("30 trials >= ").contains("checkpoints 30 trials have one");
        Run csv = ladder("export", "small", "--format", "csv", "--out", out.toString());
        List<String> rows = csv.out().lines().toList();
        assertThat(rows.get(0)).isEqualTo("trial,resource,seconds,logloss,accuracy,auc,eta,max_depth,min_child_weight,"
                + "subsample,colsample_bytree,lambda,alpha");
        Run jsonl = ladder("export", "small", "--format", "jsonl", "--out", out.toString());
        List<String> events = jsonl.out().lines().toList();
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"resume\""));
        assertThat(events.get(events.size() - 1)).contains("\"type\":\"finish\"");
        assertThat(rows).hasSize(1 + (int) events.stream().filter(e -> e.contains("\"type\":\"result\"")).count());
        try (var files = Files.walk(out.resolve("small/checkpoints"))) { // one recorded job folder per trial
            assertThat(files.filter(f -> f.getFileName().toString().equals("checkpoint.bin")).map(f -> f.getParent().getParent())
                    .distinct().count()).isEqualTo(30);
        }
    }

    @Test
    void aFinishedExperimentIsExtendedAndAPausedOneResumed(@TempDir Path out) throws Exception {
        Run first = ladder("demo", "--max-trials", "12", "--max-resource", "27", "--out", out.toString(), "--name", "x",
                "--keep-checkpoints", "best:2");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("Checkpoints \\(keep best:2\\): .* in 2 files under ");
        assertThat(ladder("show", "x", "--out", out.toString()).out()).contains("checkpoints 2 trials have one");
        Run again = ladder("resume", "x", "--max-trials", "24", "--out", out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("Resuming x").contains("Trials: 24 started");
        assertThat(ladder("ls", "--out", out.toString()).out()).startsWith("x  FINISHED  24 trials");

        // another process asks a running experiment to pause (the heartbeat notices it within 5 s); so many
        // trials that the run cannot finish before that, however fast the machine
        Background running = background("demo", "--max-trials", "100000", "--workers", "1", "--out", out.toString(),
                "--name", "p");
        Await.until("p to run", Duration.ofMinutes(1), () -> ladder("ls", "--out", out.toString()).out().contains("p  RUNNING"),
                running::outSoFar);
        Run pause = ladder("pause", "p", "--out", out.toString());
        assertThat(pause.code()).as(pause.err()).isZero();
        Run paused = running.get();
        assertThat(paused.code()).as(paused.err()).isZero();
        assertThat(paused.out()).contains("Paused in").contains("Resume with: ladder resume p");
        assertThat(ladder("ls", "--out", out.toString()).out()).contains("p  PAUSED");
    }

    @Test
    void anExperimentWhoseProcessDiedShowsAsInterrupted(@TempDir Path out) {
        try (dev.ladder.store.Store store = dev.ladder.store.Store.open(out.toString())) {
            long id = store.createExperiment("crashed", "{\"kind\":\"demo\"}", 1);
            store.setStatus(id, dev.ladder.store.ExperimentStatus.RUNNING); // as a process killed mid-run leaves it: RUNNING, no live lease
        }
        assertThat(ladder("ls", "--out", out.toString()).out()).startsWith("crashed  INTERRUPTED  0 trials  best -");
        assertThat(ladder("show", "crashed", "--out", out.toString()).out()).contains("status     INTERRUPTED");
    }

    @Test
    void aRunningExperimentWhoseProcessOfThisHostIsGoneShowsAsInterruptedAtOnce(@TempDir Path out) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String here = dev.ladder.store.Lease.processOwner();
        try (dev.ladder.store.Store store = dev.ladder.store.Store.open(out.toString())) {
            long id = store.createExperiment("killed", "{\"kind\":\"demo\"}", 1);
            store.acquire("killed", gone.pid() + here.substring(here.indexOf('@')) + " session 1"); // heartbeat: now
            store.setStatus(id, dev.ladder.store.ExperimentStatus.RUNNING); // as kill -9 leaves it, a moment ago
        }
        assertThat(ladder("ls", "--out", out.toString()).out()).startsWith("killed  INTERRUPTED");
        assertThat(ladder("show", "killed", "--out", out.toString()).out()).contains("status     INTERRUPTED");
    }

    @Test
    void commandsNameAMissingExperiment(@TempDir Path out) {
        dev.ladder.store.Store.open(out.toString()).close();
        for (String cmd : List.of("show", "resume", "pause", "export")) {
            Run r = ladder(cmd, "nope", "--out", out.toString());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("no experiment named 'nope' in " + out.resolve("ladder.db"));
        }
    }

    @Test
    void aSpaceFileReplacesTheDemosSpaceAlsoOnResume(@TempDir Path out) throws Exception {
        Path space = out.resolve("space.yaml");
        Files.writeString(space, "eta: 0.1\nmax_depth: {type: integer, lower: 2, upper: 3}\n");
        Run r = ladder("demo", "--max-trials", "4", "--max-resource", "9", "--out", out.toString(), "--name", "s",
                "--space", space.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Run extended = ladder("resume", "s", "--max-trials", "6", "--out", out.toString());
        assertThat(extended.code()).as(extended.err()).isZero();
        List<String> rows = ladder("export", "s", "--format", "csv", "--out", out.toString()).out().lines().toList();
        assertThat(rows.get(0)).endsWith("eta,max_depth");
        assertThat(rows.subList(1, rows.size())).isNotEmpty().allSatisfy(row -> assertThat(row).matches(".*,0\\.1,[23]"));
        assertThat(rows.stream().skip(1).map(row -> row.split(",")[0]).distinct()).hasSize(6);

        Files.writeString(space, "depth: {type: integer, lower: 2, upper: 3}\n");
        Run bad = ladder("demo", "--out", out.toString(), "--name", "t", "--space", space.toString());
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains(space + ": parameter 'depth' is not one the demo tunes");
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
        // fifo and adaptive have no minimum resource: giving them one is an error (see PreviewCommandTest)
        List<String> range = dev.ladder.core.schedule.Schedulers.entry(scheduler).has("min_resource")
                ? List.of("--min-resource", "1", "--max-resource", "9") : List.of("--max-resource", "9");
        List<String> args = new java.util.ArrayList<>(List.of("demo", "--scheduler", scheduler, "--max-trials", "12",
                "--out", out.toString(), "--name", "s"));
        args.addAll(range);
        Run r = ladder(args.toArray(String[]::new));
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
