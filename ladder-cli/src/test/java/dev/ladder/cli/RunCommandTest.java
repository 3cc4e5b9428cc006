package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.DemoCommandTest.Run;
import dev.ladder.core.tune.SmallDisk;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `ladder run` on real processes: the issue's spec as written, a bad spec, resume, and XGBoost as a process. */
class RunCommandTest {
    private static final Path QUADRATIC = Path.of("../examples/quadratic/experiment.yaml");

    @Test
    void theIssuesSpecRunsAsWrittenAndResumeExtendsIt(@TempDir Path out) {
        Run r = ladder("run", QUADRATIC.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Experiment quadratic: bash trial.sh --lr {lr} --layers {layers}")
                .contains("Trials: 20 started;").contains(" 0 failed").contains("Best trial: #")
                .contains("Trial output: " + out.resolve("quadratic/logs"));
        assertThat(out.resolve("quadratic/logs/trial-0/stdout.log")).content().contains("LADDER_REPORT {\"epoch\": 1,");

        Run more = ladder("resume", "quadratic", "--max-trials", "30", "--out", out.toString());
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("Resuming quadratic").contains("Trials: 30 started;").contains(" 0 failed");
        assertThat(ladder("ls", "--out", out.toString()).out()).startsWith("quadratic  FINISHED  30 trials  best loss ");
    }

    @Test
    void ctrlCPausesARunCleanlyAndResumeFinishesIt(@TempDir Path out) throws Exception {
        Path spec = out.resolve("slow.yaml"); // the quadratic trial, each epoch 0.2 s, in its own folder
        Files.writeString(spec, Files.readString(QUADRATIC).replace("max_trials: 20", "max_trials: 12"));
        Files.writeString(out.resolve("trial.sh"), Files.readString(Path.of("../examples/quadratic/trial.sh"))
                .replace("sleep 0.02", "sleep 0.2"));
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
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!output.toString().contains("trials started")) { // the first progress line: trials are running
            assertThat(System.nanoTime()).as(output.toString()).isLessThan(deadline);
            Thread.sleep(50);
        }
        new ProcessBuilder("bash", "-c", "kill -INT " + p.pid()).start().waitFor(); // Ctrl-C (bash's kill: procps may be missing)
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
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
}
