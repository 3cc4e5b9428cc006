package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.background;
import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.DemoCommandTest.Background;
import dev.ladder.cli.DemoCommandTest.Run;
import dev.ladder.core.Await;
import dev.ladder.core.tune.SmallDisk;
import dev.ladder.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ladder run` on real processes: the issue's spec as written, a bad spec, resume, and XGBoost as a process. */
class RunCommandTest {
    private static final Path QUADRATIC = Path.of("../examples/quadratic/experiment.yaml");

    /**
     * The quadratic example copied into {@code dir} with {@code edits} (pairs: text, replacement) made to its spec; each trial process first
     * creates the file {@code started} there, then waits until the file {@code go} exists, so that a test can
     * act while trials are surely running and the run cannot end before it has.
     */
    static Path gatedQuadratic(Path dir, String... edits) throws Exception {
        Path spec = dir.resolve("experiment.yaml");
        String text = Files.readString(QUADRATIC);
        for (int i = 0; i < edits.length; i += 2) {
            text = text.replace(edits[i], edits[i + 1]);
        }
        Files.writeString(spec, text);
        Files.writeString(dir.resolve("trial.sh"), Files.readString(Path.of("../examples/quadratic/trial.sh"))
                .replace("set -euo pipefail\n", "set -euo pipefail\ntouch started\nwhile [ ! -e go ]; do sleep 0.05; done\n"));
        return spec;
    }

    private static String status(Path out) {
        try (Store store = Store.open(out.toString())) {
            return store.experiment("quadratic").orElseThrow().status().name();
        }
    }

    private static long events(Path out, String name) {
        try (Store store = Store.open(out.toString())) {
            return store.lastSeq(store.experiment(name).orElseThrow().id());
        }
    }

    @Test
    void theIssuesSpecRunsAsWrittenAndResumeExtendsIt(@TempDir Path out) {
        Run r = ladder("run", QUADRATIC.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Experiment quadratic: bash trial.sh --lr {lr} --layers {layers}")
                .contains("Trials: 20 started;").contains(" 0 failed").contains("Best trial: #")
                .contains("Trial output: " + out.resolve("quadratic/logs"))
                .contains("Plots: " + out.resolve("quadratic/best-so-far.png") + " and learning-curves.png");
        assertThat(out.resolve("quadratic/learning-curves.png")).isNotEmptyFile();
        assertThat(out.resolve("quadratic/logs/trial-0/stdout.log")).content().contains("LADDER_REPORT {\"epoch\": 1,");

        // a finished experiment: resume says so and writes nothing; a limit below the trials started is refused
        long journaled = events(out, "quadratic");
        Run finished = ladder("resume", "quadratic", "--out", out.toString());
        assertThat(finished.code()).as(finished.err()).isZero();
        assertThat(finished.out()).contains("Experiment quadratic is finished (20 trials started); nothing to resume. "
                + "To extend it: ladder resume quadratic --max-trials N, with N above 20");
        Run below = ladder("resume", "quadratic", "--max-trials", "5", "--out", out.toString());
        assertThat(below.code()).isEqualTo(1);
        assertThat(below.err()).contains("--max-trials 5 is below the 20 trials experiment quadratic has already started");
        assertThat(events(out, "quadratic")).isEqualTo(journaled);

        Run more = ladder("resume", "quadratic", "--max-trials", "30", "--out", out.toString());
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("Resuming quadratic").contains("Trials: 30 started;").contains(" 0 failed")
                .contains("Plots: " + out.resolve("quadratic/best-so-far.png"));
        assertThat(ladder("ls", "--out", out.toString()).out()).startsWith("quadratic  FINISHED  30 trials  best loss ");
    }

    @Test
    void ctrlCPausesARunCleanlyAndResumeFinishesIt(@TempDir Path out) throws Exception {
        Path spec = gatedQuadratic(out, "max_trials: 20", "max_trials: 12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LadderCli.class.getName(), "run", spec.toString(),
                "--out", out.resolve("runs").toString()).redirectErrorStream(true).start();
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(output);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        reader.start();
        Await.until("a trial process to start", Duration.ofMinutes(2), () -> Files.exists(out.resolve("started")), output::toString);
        new ProcessBuilder("bash", "-c", "kill -INT " + p.pid()).start().waitFor(); // Ctrl-C (bash's kill: procps may be missing)
        Await.until("the run to take the Ctrl-C", Duration.ofMinutes(2), () -> output.toString().contains("Pausing quadratic"),
                output::toString);
        Files.createFile(out.resolve("go")); // the trials report now, and pause
        assertThat(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).isTrue();
        reader.join();
        String text = output.toString();
        assertThat(p.exitValue()).as(text).isZero();
        assertThat(text).contains("Pausing quadratic").contains("Paused in").contains("Resume with: ladder resume quadratic")
                .contains(" 0 failed");
        assertThat(ladder("ls", "--out", out.resolve("runs").toString()).out()).startsWith("quadratic  PAUSED");

        Run resumed = ladder("resume", "quadratic", "--out", out.resolve("runs").toString());
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Trials: 12 started;").contains(" 0 failed");
    }

    @Test
    void resumeRightAfterPauseWaitsForThePausingProcess(@TempDir Path out) throws Exception {
        Path spec = gatedQuadratic(out, "workers: 2", "workers: 1", "max_trials: 20", "max_trials: 3");
        String runs = out.resolve("runs").toString();
        Background running = background("run", spec.toString(), "--out", runs);
        Await.until("a trial process to start", Duration.ofMinutes(2), () -> Files.exists(out.resolve("started")),
                running::outSoFar);
        Run pause = ladder("pause", "quadratic", "--out", runs);
        assertThat(pause.code()).as(pause.err()).isZero();

        Background resume = background("resume", "quadratic", "--out", runs); // the run still holds its lease
        Await.until("resume to wait for the pausing run", Duration.ofMinutes(1),
                () -> resume.outSoFar().contains("Waiting up to 30 s for process ") || resume.done().isDone(),
                () -> resume.outSoFar() + resume.err());
        assertThat(resume.outSoFar()).contains("to finish pausing quadratic...");
        Await.until("the run to notice the pause request", Duration.ofMinutes(1), () -> status(out.resolve("runs")).equals("PAUSING"),
                running::outSoFar);
        Files.createFile(out.resolve("go")); // the trial reports, the run pauses and lets go

        Run paused = running.get();
        assertThat(paused.out()).as(paused.err()).contains("Paused in");
        Run resumed = resume.get();
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("Resuming quadratic").contains("Trials: 3 started;").contains(" 0 failed");
        assertThat(ladder("ls", "--out", runs).out()).startsWith("quadratic  FINISHED  3 trials");
    }

    @Test
    void aFullDiskStopsTheRunWithOneLineNamingItAndResumeFinishesIt(@TempDir Path out) throws Exception {
        String store = "jdbc:sqlite:" + out.resolve("ladder.db"); // the store on the ordinary disk
        try (SmallDisk disk = SmallDisk.mount(out.resolve("disk"), "1m")) {
            Path filler = disk.fill(16 * 1024); // checkpoints and logs fill the rest within a few trials

            Run r = ladder("run", QUADRATIC.toString(), "--out", disk.dir().toString(), "--storage", store);

            assertThat(r.code()).as(r.out()).isEqualTo(1);
            assertThat(r.err().strip()).startsWith("ladder: experiment quadratic stopped: Ladder's own storage failed: ")
                    .contains("no space left on device at " + disk.dir().resolve("quadratic"))
                    .endsWith("no trial was marked FAILED. Fix the cause, then: ladder resume quadratic")
                    .doesNotContain("\n");
            assertThat(ladder("ls", "--storage", store).out()).startsWith("quadratic  INTERRUPTED");

            Files.delete(filler);
            Run resumed = ladder("resume", "quadratic", "--out", disk.dir().toString(), "--storage", store);
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("Trials: 20 started;").contains(" 0 failed");
        }
    }

    @Test
    void aMisspeltKeyStopsTheRunBeforeAnythingStarts(@TempDir Path out) throws Exception {
        Path spec = out.resolve("bad.yaml");
        Files.writeString(spec, Files.readString(QUADRATIC).replace("workers: 2", "wokers: 2"));
        Run r = ladder("run", spec.toString(), "--out", out.resolve("runs").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains(spec + ":9: key 'wokers': unknown key; did you mean 'workers'?");
        assertThat(out.resolve("runs")).doesNotExist();
    }

    @Test
    void xgboostTrainsAsAProcessPerTrialOnTwoWorkers(@TempDir Path out) throws Exception {
        String spec = Files.readString(Path.of("../examples/xgboost/experiment.yaml")) // run from the test classpath
                .replace("../../ladder-cli/target/ladder.jar", "\"" + System.getProperty("java.class.path") + "\"")
                .replace("max: 243", "max: 9").replace("max_trials: 40", "max_trials: 6");
        Path file = out.resolve("xgb.yaml");
        Files.writeString(file, spec);
        Run r = ladder("run", file.toString(), "--out", out.resolve("runs").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Trials: 6 started;").contains(" 0 failed").contains("Best trial: #")
                .containsPattern("logloss 0\\.[0-9]+ at round 9");
    }

    @Test
    void thePythonExampleTrainsAsAProcessPerTrialOnTwoWorkers(@TempDir Path out) throws Exception {
        Path script = Path.of("../examples/python/train.py").toAbsolutePath().normalize();
        String spec = Files.readString(Path.of("../examples/python/experiment.yaml"))
                .replace("[python3, train.py]", "[python3, \"" + script + "\"]")
                .replace("max: 27", "max: 9").replace("max_trials: 30", "max_trials: 6");
        Path file = out.resolve("python.yaml");
        Files.writeString(file, spec);
        Run r = ladder("run", file.toString(), "--out", out.resolve("runs").toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Trials: 6 started;").contains(" 0 failed").contains("Best trial: #")
                .containsPattern("logloss 0\\.[0-9]+ at epoch [39]");
    }
}
