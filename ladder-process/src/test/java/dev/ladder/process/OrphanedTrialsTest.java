package dev.ladder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ladder.core.Config;
import dev.ladder.core.tune.Job;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trial processes belong to the Ladder JVM that started them: they die with it (the watchdog), and a
 * resumed experiment ends those of an earlier owner before it starts any job (endStaleJobs). Real
 * processes, found by their environment in /proc.
 */
@EnabledOnOs(OS.LINUX)
class OrphanedTrialsTest {
    /**
     * Reports an epoch every 0.2 s for a long time and keeps a child (a "data loader") that ignores
     * SIGTERM alive meanwhile; like a JVM it ignores SIGPIPE, so it runs on when the reader of its
     * reports is gone.
     */
    static final String SLOW_TRIAL = """
            trap '' PIPE
            (trap '' TERM; exec sleep 1000) &
            for ((r = LADDER_RESUME_FROM + 1; r <= LADDER_MAX_RESOURCE; r++)); do
              sleep 0.2
              echo "LADDER_REPORT {\\"resource\\": $r, \\"loss\\": $1}"
            done
            kill %1
            """;

    @TempDir
    Path dir;
    private final List<Process> started = new ArrayList<>();
    private final List<Owner> children = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
        children.forEach(o -> owned(o).forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly))); // after a failure
    }

    @Test
    void trialProcessesAndTheirChildrenDieWithinSecondsOfASigkilledLadder() throws Exception {
        Path script = Files.writeString(dir.resolve("trial.sh"), SLOW_TRIAL);
        Process ladder = start(javaMain(ProcessExperimentMain.class, dir.toString(), "slow", script.toString(), "4", "1000"));
        Owner owner = new Owner(ladder.pid(), Proc.stat(ladder.pid()).orElseThrow().startTicks());
        children.add(owner);
        // two trials, each a bash process with its sleep children
        await("two trial scripts of " + owner + " running", Duration.ofSeconds(60),
                () -> owned(owner).stream().filter(p -> command(p).startsWith("bash")).count() == 2);
        List<Long> trialProcesses = owned(owner);
        assertThat(trialProcesses.size()).isGreaterThanOrEqualTo(4);
        for (long pid : trialProcesses) {
            assertThat(Proc.stat(pid).orElseThrow().session()).as("pid %d runs in a session of its own, not Ladder's", pid)
                    .isNotEqualTo(Proc.stat(ladder.pid()).orElseThrow().session());
        }

        ladder.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no close()

        await("every process of " + owner + " gone", Duration.ofSeconds(10), () -> owned(owner).isEmpty());
        for (long pid : trialProcesses) {
            assertThat(ProcessHandle.of(pid).map(ProcessTree::running).orElse(false)).as("pid %d", pid).isFalse();
        }
    }

    @Test
    void endStaleJobsKillsTheProcessesAnEarlierOwnerLeftAndNoOthers() throws Exception {
        Path root = Files.createDirectories(dir.resolve("experiment/checkpoints"));
        Path other = Files.createDirectories(dir.resolve("other/checkpoints"));
        Owner dead = new Owner(Integer.MAX_VALUE, 1); // no such process: an owner that is gone
        Process stale = sleeper(Map.of(Owner.EXPERIMENT_VARIABLE, Owner.experimentKey(root), Owner.VARIABLE, dead.toString(),
                "LADDER_TRIAL_ID", "3"));
        Process staleChild = sleeper(Map.of(Owner.EXPERIMENT_VARIABLE, Owner.experimentKey(root))); // lost its owner variable: still the experiment's
        Process otherExperiment = sleeper(Map.of(Owner.EXPERIMENT_VARIABLE, Owner.experimentKey(other), Owner.VARIABLE, dead.toString()));
        Process mine = sleeper(Map.of(Owner.EXPERIMENT_VARIABLE, Owner.experimentKey(root), Owner.VARIABLE, Owner.current().toString()));
        assertThat(StaleProcesses.find(root)).extracting(StaleProcesses.Stale::pid)
                .containsExactlyInAnyOrder(stale.pid(), staleChild.pid());
        assertThat(StaleProcesses.find(root)).filteredOn(s -> s.pid() == stale.pid()).singleElement().hasToString(
                "pid " + stale.pid() + " (trial 3, owner " + Integer.MAX_VALUE + ":1)");

        new ProcessExecutor(List.of("true")).endStaleJobs(dir.resolve("experiment/../experiment/checkpoints"));

        assertThat(StaleProcesses.find(root)).isEmpty(); // it returns only when they are gone
        assertThat(stale.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stale.exitValue()).isEqualTo(128 + 9);
        assertThat(staleChild.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(otherExperiment.isAlive()).isTrue();
        assertThat(mine.isAlive()).isTrue();
    }

    @Test
    void theExperimentVariableNamesTheCheckpointRootHoweverDeepTheJobFolder() {
        Path root = dir.resolve("exp/checkpoints");
        assertThat(ProcessExecutor.checkpointRoot(new Job(4, Config.of(Map.of()), 0, 1, root.resolve("trial-4"))))
                .isEqualTo(root);
        assertThat(ProcessExecutor.checkpointRoot(new Job(4, Config.of(Map.of()), 0, 1, root.resolve("trial-4/job-2"))))
                .isEqualTo(root);
    }

    @Test
    void aProgramThatCannotBeStartedStillFailsWithTheSystemsReason() throws Exception {
        assertThatThrownBy(() -> Session.argv(List.of("no-such-program-here", "a"), dir))
                .hasMessage("No such file or directory");
        Path notExecutable = Files.writeString(dir.resolve("plain.txt"), "echo hi");
        assertThatThrownBy(() -> Session.argv(List.of("./plain.txt"), dir)).hasMessage("Permission denied");
        List<String> argv = Session.argv(List.of("bash", "-c", "exit 3"), null);
        assertThat(argv.subList(0, 3)).containsExactly(Session.SETSID, "--wait", "--");
        assertThat(argv.get(3)).startsWith("/").endsWith("/bash"); // looked up in PATH, as Java would
        assertThat(argv.subList(4, argv.size())).containsExactly("-c", "exit 3");
        assertThat(notExecutable).exists();
    }

    /** The processes whose environment names {@code owner}. */
    static List<Long> owned(Owner owner) {
        List<Long> out = new ArrayList<>();
        for (long pid : Proc.pids()) {
            if (owner.toString().equals(Proc.environ(pid).get(Owner.VARIABLE))) {
                out.add(pid);
            }
        }
        return out;
    }

    static String command(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().command()).map(c -> Path.of(c).getFileName().toString()).orElse("");
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s for %s", timeout, what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private Process sleeper(Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("sleep", "1000");
        pb.environment().remove(Owner.VARIABLE);
        pb.environment().putAll(env);
        return start(pb);
    }

    private ProcessBuilder javaMain(Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("child.log").toFile()));
    }

    private Process start(ProcessBuilder pb) throws IOException {
        Process p = pb.start();
        started.add(p);
        return p;
    }
}
