package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.DemoCommandTest.Run;
import dev.ladder.core.Metric;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unsafe input stops before anything is created or overwritten: names, flags, commands, stores, export files, passwords. */
class SafeCommandsTest {
    private static final Path QUADRATIC = Path.of("../examples/quadratic/experiment.yaml");

    /** A small finished experiment "q" in the SQLite store under {@code out}, made in-process (no XGBoost). */
    private static void finishedExperiment(Path out) {
        try (Store store = Store.open(out.toString())) {
            Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(QuadraticObjective.SPACE, 5), Metric.minimize("loss"), 1, 9, 3))
                    .objective(new QuadraticObjective(0.0)).workers(1).maxTrials(6)
                    .log(StoreLog.create(store, "q", "{\"kind\":\"demo\",\"metric\":{\"name\":\"loss\",\"mode\":\"min\"}}", 5),
                            out.resolve("q/checkpoints"), "q")
                    .run();
        }
    }

    private static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    // ---- names ----

    @Test
    void aBadNameStopsDemoAndRunBeforeTheStoreOrAFolderExists(@TempDir Path dir) {
        Path out = dir.resolve("runs");
        for (String bad : List.of("..", ".hidden", "a/b", "n".repeat(300), "two\nlines")) {
            Run run = ladder("run", QUADRATIC.toString(), "--name", bad, "--out", out.toString());
            assertThat(run.code()).as(bad).isEqualTo(1);
            assertThat(run.err()).contains("is not allowed: use 1 to 100 characters: letters, digits, '.', '_' or '-'");
            Run demo = ladder("demo", "--name", bad, "--max-trials", "1", "--out", out.toString());
            assertThat(demo.code()).as(bad).isEqualTo(1);
            assertThat(demo.err()).contains("is not allowed");
        }
        assertThat(out).doesNotExist(); // no store, no ghost RUNNING experiment, nothing beside the out folder
        assertThat(dir.resolve("checkpoints")).doesNotExist(); // where ".." would have put them
    }

    // ---- flags and commands ----

    @Test
    void workersBelowOneStopBeforeAnythingIsCreated(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("runs");
        for (String n : List.of("0", "-2")) {
            Run demo = ladder("demo", "--workers", n, "--name", "w", "--out", out.toString());
            assertThat(demo.code()).isEqualTo(1);
            assertThat(demo.err()).contains("--workers must be at least 1, got " + n);
        }
        assertThat(out).doesNotExist();
        Path spec = dir.resolve("w.yaml");
        Files.writeString(spec, Files.readString(QUADRATIC).replace("workers: 2", "workers: 0"));
        Run run = ladder("run", spec.toString(), "--out", out.toString());
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains(spec + ":9: key 'workers': expected an integer from 1 to 2147483647, got 0");
        assertThat(out).doesNotExist();

        finishedExperiment(out);
        long before = journal(out);
        Run resume = ladder("resume", "q", "--workers", "0", "--max-trials", "9", "--out", out.toString());
        assertThat(resume.code()).isEqualTo(1);
        assertThat(resume.err()).contains("--workers must be at least 1, got 0");
        assertThat(journal(out)).isEqualTo(before);
    }

    private static long journal(Path out) {
        try (Store store = Store.open(out.toString())) {
            return store.lastSeq(store.experiment("q").orElseThrow().id());
        }
    }

    @Test
    void aMistypedCommandSuggestsTheNearestOne() {
        Run r = ladder("resum", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("ladder: unknown command 'resum'; did you mean 'resume'? (ladder --help lists the commands)"
                + System.lineSeparator());
        assertThat(ladder("sohw").err()).contains("unknown command 'sohw'; did you mean 'show'?");
        assertThat(ladder("frobnicate").err()).contains("unknown command 'frobnicate' (ladder --help lists the commands)");
    }

    // ---- stores that do not exist ----

    @Test
    void commandsThatReadAStoreNeverCreateAnEmptyOne(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder");
        for (List<String> cmd : List.of(List.of("ls"), List.of("show", "x"), List.of("export", "x"), List.of("resume", "x"),
                List.of("pause", "x"))) {
            Run r = ladder(Stream.concat(cmd.stream(), Stream.of("--out", missing.toString())).toArray(String[]::new));
            assertThat(r.code()).as(cmd.toString()).isEqualTo(1);
            assertThat(r.err()).as(cmd.toString()).contains("no store at " + missing.resolve("ladder.db") + ": nothing has run there yet");
        }
        assertThat(missing).doesNotExist();
        Path file = dir.resolve("other.db");
        Run r = ladder("ls", "--storage", "jdbc:sqlite:" + file);
        assertThat(r.err()).contains("no store at " + file);
        assertThat(file).doesNotExist();
    }

    // ---- export ----

    @Test
    void exportNeverWritesOverTheStoreWhateverPathNamesIt(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("runs");
        finishedExperiment(out);
        Path db = out.resolve("ladder.db");
        byte[] store = Files.readAllBytes(db);
        Files.createSymbolicLink(dir.resolve("link.db"), db);
        Files.createSymbolicLink(dir.resolve("runs-link"), out);
        Files.createDirectories(out.resolve("sub"));
        for (String target : List.of(db.toString(), out.resolve("sub/../ladder.db").toString(), dir.resolve("link.db").toString(),
                dir.resolve("runs-link/ladder.db").toString(), db + "-wal", db + "-shm")) {
            for (List<String> force : List.of(List.<String>of(), List.of("--force"))) {
                List<String> args = new java.util.ArrayList<>(List.of("export", "q", "--format", "jsonl", "-o", target,
                        "--out", out.toString()));
                args.addAll(force);
                Run r = ladder(args.toArray(String[]::new));
                assertThat(r.code()).as(target + " " + force).isEqualTo(1);
                assertThat(r.err()).as(target).contains("cannot write " + target + ": it is the store " + db);
            }
        }
        // the store given as a relative JDBC URL, the output as an absolute path
        Path relative = Path.of("").toAbsolutePath().relativize(db);
        Run viaUrl = ladder("export", "q", "-o", db.toString(), "--force", "--storage", "jdbc:sqlite:" + relative);
        assertThat(viaUrl.err()).contains("it is the store");
        assertThat(Files.readAllBytes(db)).isEqualTo(store);
        assertThat(ladder("ls", "--out", out.toString()).out()).startsWith("q  FINISHED  6 trials");
    }

    @Test
    void exportReplacesAFileOnlyWithForceAndNamesAMissingFolder(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("runs");
        finishedExperiment(out);
        Path csv = dir.resolve("q.csv");
        Files.writeString(csv, "precious\n");
        Run refused = ladder("export", "q", "-o", csv.toString(), "--out", out.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).contains("cannot write " + csv + ": it exists; add --force to replace it");
        assertThat(csv).hasContent("precious");

        Run forced = ladder("export", "q", "-o", csv.toString(), "--force", "--out", out.toString());
        assertThat(forced.code()).as(forced.err()).isZero();
        assertThat(Files.readAllLines(csv).get(0)).startsWith("trial,resource,seconds,loss");
        assertThat(Files.readAllLines(csv)).hasSizeGreaterThan(6);
        assertThat(listing(dir)).containsExactly("q.csv", "runs"); // no temporary file left behind

        Path nowhere = dir.resolve("missing/folder/q.csv");
        Run missing = ladder("export", "q", "-o", nowhere.toString(), "--out", out.toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("cannot write " + nowhere + ": folder " + dir.resolve("missing/folder") + " does not exist");
        assertThat(dir.resolve("missing")).doesNotExist();

        Run fresh = ladder("export", "q", "--format", "jsonl", "-o", dir.resolve("q.jsonl").toString(), "--out", out.toString());
        assertThat(fresh.code()).as(fresh.err()).isZero();
        assertThat(Files.readAllLines(dir.resolve("q.jsonl")).get(0)).contains("\"type\":\"experiment\"");
    }

    // ---- passwords ----

    @Test
    void theStorePasswordIsNeverPrinted(@TempDir Path dir) {
        String url = "jdbc:postgresql://localhost:1/ladder?user=u&password=hunter2"; // nothing listens on port 1
        Run demo = ladder("demo", "--storage", url, "--name", "p", "--max-trials", "1", "--out", dir.toString());
        assertThat(demo.code()).isEqualTo(1);
        assertThat(demo.out()).doesNotContain("Stored in"); // said only once the experiment is in the store
        assertThat(demo.err()).contains("cannot open store jdbc:postgresql://localhost:1/ladder?user=u&password=***");
        assertThat(demo.out() + demo.err()).doesNotContain("hunter2");
        for (String u : List.of(url, "jdbc:postgresql://u:hunter2@localhost:1/ladder")) {
            Run ls = ladder("ls", "--storage", u);
            Run show = ladder("show", "x", "--storage", u);
            assertThat(ls.code()).isEqualTo(1);
            assertThat(ls.out() + ls.err() + show.out() + show.err()).doesNotContain("hunter2");
        }
    }
}
