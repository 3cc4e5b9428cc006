package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.DemoCommandTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * `ladder run` killed with SIGKILL, then `ladder resume`: the resumed run ends the killed run's trial
 * processes before it restarts their trials, so a trial never has two processes at once. The killed
 * run's watchdog is killed first, so that this holds without it (the watchdog has its own test).
 */
@EnabledOnOs(OS.LINUX)
class KilledRunTest {
    /**
     * A trial that notices a second process of its trial: at start it notes a conflict when the pid in
     * pids/trial-N still runs, then writes its own pid there and, every 0.1 s, notes a conflict when another
     * pid took its place. Epochs take 0.1 s, or 10 s while the file {@code slow} exists at its start. It
     * ignores SIGTERM, and SIGPIPE as a JVM does, so a copy left by a killed Ladder trains on (its
     * reports lost) until someone sends SIGKILL.
     */
    private static final String TRIAL = """
            set -u
            trap 'echo "ignoring SIGTERM" >&2' TERM
            trap '' PIPE
            mine=pids/trial-$LADDER_TRIAL_ID
            conflict() { echo "trial $LADDER_TRIAL_ID: $1" >> conflicts; exit 3; }
            running() { local s; read -r s 2>/dev/null < "/proc/$1/stat" || return 1; s=${s##*) }; [ "${s%% *}" != Z ]; }
            if [ -f "$mine" ] && running "$(cat "$mine")"; then conflict "pid $$ starts while pid $(cat "$mine") runs"; fi
            echo $$ > "$mine"
            ticks=1
            if [ -f slow ]; then ticks=100; fi
            epoch=$LADDER_RESUME_FROM
            while [ "$epoch" -lt "$LADDER_MAX_RESOURCE" ]; do
              epoch=$((epoch + 1))
              for ((i = 0; i < ticks; i++)); do
                sleep 0.1
                other=$(cat "$mine")
                if [ "$other" != $$ ]; then conflict "pid $$ at epoch $epoch runs beside pid $other"; fi
              done
              echo "LADDER_REPORT {\\"epoch\\": $epoch, \\"loss\\": $1}"
            done
            """;
    private static final String SPEC = """
            name: killed
            command: [bash, trial.sh, "{x}"]
            space:
              x: {type: real, lower: 0, upper: 1}
            metric: {name: loss, mode: min}
            resource: {name: epoch, min: 1, max: 9}
            scheduler: {name: asha, eta: 3}
            workers: 2
            grace_period: 1s
            stop: {max_trials: 6}
            seed: 3
            """;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        started.forEach(ProcessHandle::destroyForcibly); // after a failure
    }

    @Test
    void resumeAfterSigkillEndsTheKilledRunsTrialProcessesBeforeRestartingThem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("trial.sh"), TRIAL);
        Files.createDirectories(dir.resolve("pids"));
        Files.writeString(dir.resolve("slow"), "");
        Path spec = Files.writeString(dir.resolve("killed.yaml"), SPEC);
        Path runs = dir.resolve("runs");
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LadderCli.class.getName(), "run", spec.toString(), "--out", runs.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("run.log").toFile()).start();
        started.add(run.toHandle());
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!(Files.exists(dir.resolve("pids/trial-0")) && Files.exists(dir.resolve("pids/trial-1")))) { // both trials run
            assertThat(run.isAlive()).as(Files.readString(dir.resolve("run.log"))).isTrue();
            assertThat(System.nanoTime()).as("trials 0 and 1 running").isLessThan(deadline);
            Thread.sleep(20);
        }
        List<ProcessHandle> trials = run.descendants().filter(h -> !commandLine(h).contains("ladder-watchdog")).toList();
        started.addAll(trials);
        List<ProcessHandle> watchdog = run.children().filter(h -> commandLine(h).contains("ladder-watchdog")).toList();
        assertThat(watchdog).hasSize(1);
        watchdog.get(0).destroyForcibly();
        run.destroyForcibly().waitFor(); // SIGKILL; its slow trials train on
        Files.delete(dir.resolve("slow"));
        assertThat(trials).isNotEmpty().anyMatch(KilledRunTest::running);

        Run resumed = ladder("resume", "killed", "--out", runs.toString());

        assertThat(dir.resolve("conflicts")).as(() -> read(dir.resolve("conflicts"))).doesNotExist();
        assertThat(resumed.code()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("Trials: 6 started;").contains(" 0 failed");
        assertThat(trials).noneMatch(KilledRunTest::running);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static String commandLine(ProcessHandle h) {
        return h.info().commandLine().orElse("");
    }

    /** Alive and not a zombie (an exited process that its new parent has not reaped yet). */
    private static boolean running(ProcessHandle h) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
