package dev.ladder.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.TrialStatus;
import dev.ladder.store.TrialRow;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each chaos check finds the fault it is for: on made-up journals, a real orphan process, a real shared folder. */
class ChaosChecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theAuditCountsEveryKindOfFaultAndNamesTheTrials() throws Exception {
        RunRecord ref = record("FINISHED", List.of(result(0, 1, 0.5), result(0, 2, 0.4), result(0, 3, 0.3), result(1, 1, 0.9)),
                List.of(trial(0, TrialStatus.COMPLETED, 3), trial(1, TrialStatus.PAUSED, 1)));
        RunRecord chaos = record("FINISHED", List.of(result(0, 1, 0.5), result(0, 3, 0.3), result(0, 3, 0.3), result(1, 1, 0.8)),
                List.of(trial(0, TrialStatus.COMPLETED, 3), trial(1, TrialStatus.COMPLETED, 1), trial(2, TrialStatus.RUNNING, 0),
                        trial(3, TrialStatus.FAILED, 0)));
        Figures f = Audit.of("shell", 1, 2, 2, ref, chaos, List.of("trial 4 pid 99 (bash trial.sh)"),
                List.of("/x/trial-0 10 11 report", "/x/trial-0 10 11 exit"), "FINISHED");
        assertThat(f.lost()).isEqualTo(1);            // trial 0 @ 2: a gap
        assertThat(f.duplicated()).isEqualTo(1);      // trial 0 @ 3 twice
        assertThat(f.belowTarget()).isEqualTo(1);     // trial 1 COMPLETED at 1, its job's target 3
        assertThat(f.zombies()).isEqualTo(1);
        assertThat(f.failed()).isEqualTo(1);
        assertThat(f.mismatched()).isEqualTo(1);      // trial 1 @ 1: 0.8 against 0.9
        assertThat(f.orphans()).isEqualTo(1);
        assertThat(f.sharedFolders()).isEqualTo(1);
        assertThat(f.decisions()).isEqualTo("differ at 2/4");
        assertThat(f.clean()).isFalse();
        assertThat(f.details()).contains("lost: trial 0 @ 2 missing below its highest recorded resource 3",
                "duplicated: trial 0 @ 3 recorded again (pause p)", "zombie: trial 2 RUNNING at resource 0",
                "below-target: trial 1 COMPLETED at resource 1 (highest result 1), its last job's target was 3");
    }

    @Test
    void aCleanRunIsClean() throws Exception {
        RunRecord ref = record("FINISHED", List.of(result(0, 1, 0.5), result(0, 2, 0.4), result(0, 3, 0.3)),
                List.of(trial(0, TrialStatus.COMPLETED, 3)));
        Figures f = Audit.of("shell", 1, 2, 2, ref, ref, List.of(), List.of(), "FINISHED");
        assertThat(f.clean()).as(f.row() + f.details()).isTrue();
        assertThat(f.compared()).isEqualTo(3);
    }

    @Test
    void aTrialProcessOutlivingItsLadderIsAnOrphanAndIsEndedAtTheEnd() throws Exception {
        Path experiment = dir.resolve("runs/chaos");
        // "ladder" (the outer bash) starts a trial (the inner bash) that starts a child of its own
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "bash -c 'sleep 300 & wait' & wait");
        pb.environment().put("LADDER_CHECKPOINT_DIR", experiment.resolve("checkpoints/trial-4").toString());
        pb.environment().put("LADDER_TRIAL_ID", "4");
        Process ladder = pb.start();
        ProcessHandle trial = waitForChild(ladder.toHandle());
        waitForChild(trial);
        Duration grace = Duration.ofMillis(300);
        try (OrphanWatch watch = new OrphanWatch(experiment, grace)) {
            watch.owner(ladder.pid());
            long alive = System.nanoTime() + grace.toNanos() * 2;
            while (System.nanoTime() < alive) {
                Thread.sleep(50);
            }
            watch.sample();
            assertThat(watch.orphans()).as("the trial of a live owner").isEmpty();

            ladder.destroyForcibly().waitFor(); // SIGKILL: the trial goes on with parent 1
            watch.ownerGone();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (watch.orphans().isEmpty()) {
                assertThat(System.nanoTime()).as("an orphan counted within 30 s").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(watch.settle()).singleElement().asString().startsWith("trial 4 pid " + trial.pid() + " (");
        }
        assertThat(trial.onExit().get(30, TimeUnit.SECONDS).isAlive()).as("settle ended the orphan").isFalse();
    }

    @Test
    void theWrapperSeesNoConflictWhenJobsOfAFolderFollowEachOther() throws Exception {
        Path wrapper = wrapper();
        Path folder = dir.resolve("runs/chaos/checkpoints/trial-0");
        for (int job = 0; job < 2; job++) {
            Process p = wrapped(wrapper, folder, "echo 'LADDER_REPORT {\"resource\": 1}'; exit 3");
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("the program's exit code").isEqualTo(3);
        }
        assertThat(dir.resolve("conflicts.txt")).doesNotExist();
    }

    @Test
    void theWrapperRecordsACheckpointFolderTakenOverByASecondProcess() throws Exception {
        Path wrapper = wrapper();
        Path conflicts = dir.resolve("conflicts.txt");
        Path folder = dir.resolve("runs/chaos/checkpoints/trial-0");
        Process first = wrapped(wrapper, folder, "read x; echo 'LADDER_REPORT {\"resource\": 1}'");
        Path owner = dir.resolve("owners").resolve(folder.toString().replace('/', '_'));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(owner) || !Files.readString(owner).strip().equals(Long.toString(first.pid()))) {
            assertThat(System.nanoTime()).as("the first wrapper wrote its owner file").isLessThan(deadline);
            Thread.sleep(20);
        }
        Process second = wrapped(wrapper, folder, "echo 'LADDER_REPORT {\"resource\": 1}'");
        assertThat(second.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(new String(second.getInputStream().readAllBytes())).isEqualTo("LADDER_REPORT {\"resource\": 1}\n");
        assertThat(Files.readAllLines(conflicts)).containsExactly(folder + " " + second.pid() + " " + first.pid() + " start");
        first.getOutputStream().write("go\n".getBytes());
        first.getOutputStream().close();
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();
        assertThat(Files.readAllLines(conflicts)).containsExactly(folder + " " + second.pid() + " " + first.pid() + " start",
                folder + " " + first.pid() + " " + second.pid() + " report",
                folder + " " + first.pid() + " " + second.pid() + " exit");
    }

    @Test
    void killMomentsSpreadOverTheWholeRun() {
        long[] m = ChaosRun.moments(100, 30, 1);
        assertThat(m).hasSize(30).isSorted();
        assertThat(m[0]).isBetween(1L, 4L);
        assertThat(m[29]).isBetween(94L, 97L);
        assertThat(ChaosRun.moments(100, 30, 1)).isEqualTo(m);
        assertThat(ChaosRun.moments(100, 30, 2)).isNotEqualTo(m);
    }

    private Path wrapper() throws Exception {
        Path wrapper = dir.resolve("chaos-trial.sh");
        try (InputStream in = Workload.class.getResourceAsStream("chaos-trial.sh")) {
            Files.write(wrapper, in.readAllBytes());
        }
        Files.createDirectories(dir.resolve("owners"));
        return wrapper;
    }

    private Process wrapped(Path wrapper, Path folder, String program) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", wrapper.toString(), "bash", "-c", program);
        pb.environment().putAll(Map.of("LADDER_CHECKPOINT_DIR", folder.toString(), "CHAOS_OWNERS",
                dir.resolve("owners").toString(), "CHAOS_CONFLICTS", dir.resolve("conflicts.txt").toString()));
        return pb.start();
    }

    private static ProcessHandle waitForChild(ProcessHandle p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            var child = p.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            assertThat(System.nanoTime()).as("the trial's child started").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static RunRecord.Result result(int trial, long resource, double loss) throws Exception {
        return new RunRecord.Result(trial, resource, java.util.Map.of("loss", loss), "pause p");
    }

    private static TrialRow trial(int id, TrialStatus status, long last) {
        return new TrialRow(id, "{\"x\":" + id + "}", status, last, null, status == TrialStatus.FAILED ? "boom\nstack" : "");
    }

    private static RunRecord record(String status, List<RunRecord.Result> results, List<TrialRow> trials) {
        Map<Integer, String> configs = Map.of(0, "{\"x\":0}", 1, "{\"x\":1}", 2, "{\"x\":2}", 3, "{\"x\":3}");
        Map<Integer, Long> targets = Map.of(0, 3L, 1, 3L, 2, 3L, 3, 3L);
        return new RunRecord(dev.ladder.store.ExperimentStatus.valueOf(status), results, configs, targets, trials);
    }
}
