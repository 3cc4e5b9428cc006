package dev.ladder.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.FifoScheduler;
import dev.ladder.core.search.GridSearcher;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Slurm executor against a real single-node Slurm ({@link SlurmCluster}; skipped with the reason
 * where this machine cannot run one): a tuning run, a job the tuner ends (scancelled: its processes gone),
 * a job cancelled from outside (resumes from its checkpoint, its trial does not fail), a failing program.
 */
class SlurmExecutorTest {
    static final SearchSpace SPACE = SearchSpace.builder().real("x", 0, 1).build();
    static final Metric LOSS = Metric.minimize("loss");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * loss = (x - 0.3)^2 + 1/r at each resource r, printed with 6 decimals; a checkpoint file holds the last
     * resource. $EPOCH sleeps before each epoch; with $HOLD set, the first job that resumes a trial holds at
     * resource 2 for a minute (the test cancels it then). $SPAWN starts a child that sleeps.
     */
    static final String TRIAL = """
            ck="$LADDER_CHECKPOINT_DIR/ck"
            start=0; [ -f "$ck" ] && start=$(cat "$ck")
            echo "start ck=$start from=$LADDER_RESUME_FROM to=$LADDER_MAX_RESOURCE"
            [ -n "${SPAWN:-}" ] && sleep 1000 &
            for ((r = start + 1; r <= LADDER_MAX_RESOURCE; r++)); do
              [ -n "${EPOCH:-}" ] && sleep "$EPOCH"
              loss=$(awk -v x="$1" -v r="$r" 'BEGIN { printf "%.6f", (x - 0.3) ^ 2 + 1 / r }')
              echo "LADDER_REPORT {\\"resource\\": $r, \\"loss\\": $loss}"
              echo "$r" > "$ck.tmp" && mv "$ck.tmp" "$ck"
              if [ -n "${HOLD:-}" ] && [ "$LADDER_RESUME_FROM" -gt 0 ] && [ "$r" -eq 2 ] && mkdir "$HOLD" 2>/dev/null; then
                sleep 60
              fi
            done
            """;

    static String partition;

    /** Per test rather than per class, so that each skipped test is reported with the reason. */
    @BeforeEach
    void cluster() throws IOException, InterruptedException {
        partition = SlurmCluster.ensureRunning();
    }

    private static SlurmExecutor.Builder executor(Path dir) throws IOException {
        Path script = dir.resolve("trial.sh");
        Files.writeString(script, TRIAL);
        return SlurmExecutor.builder(List.of("bash", script.toString(), "{x}"))
                .slurm(new SlurmOptions(partition, "10", null, 1, null, null, List.of()))
                .pollInterval(Duration.ofMillis(200))
                .gracePeriod(Duration.ofSeconds(2));
    }

    /** (trial, resource, decision) of every result in a journal. */
    static List<String> decisions(Path events) throws IOException {
        List<String> out = new ArrayList<>();
        for (JsonNode e : events(events, "result")) {
            out.add(e.get("trial") + "@" + e.get("resource") + " " + e.get("decision"));
        }
        return out;
    }

    static List<JsonNode> events(Path journal, String type) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode e = JSON.readTree(line);
            if (e.get("type").asText().equals(type)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void anAshaRunOnSlurmMakesTheDecisionsOfTheSameRunInProcess(@TempDir Path dir) throws IOException {
        TuningResult slurm = Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(SPACE, 7), LOSS, 1, 9, 3))
                .executor(executor(dir).build()).maxTrials(9).output(dir, "slurm").run();
        TuningResult local = Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(SPACE, 7), LOSS, 1, 9, 3))
                .objective((config, ctx) -> {
                    for (long r = ctx.resumeFrom() + 1; r <= ctx.maxResource(); r++) {
                        double x = config.getDouble("x");
                        double loss = Double.parseDouble(String.format(Locale.ROOT, "%.6f", (x - 0.3) * (x - 0.3) + 1.0 / r));
                        if (!ctx.report(r, Map.of("loss", loss))) {
                            return;
                        }
                    }
                }).workers(1).maxTrials(9).output(dir, "local").run();

        assertThat(slurm.trials()).hasSize(9).extracting(Trial::status).doesNotContain(TrialStatus.FAILED, TrialStatus.RUNNING);
        assertThat(slurm.countByStatus().get(TrialStatus.COMPLETED)).isPositive();
        assertThat(decisions(dir.resolve("slurm/events.jsonl"))).isEqualTo(decisions(dir.resolve("local/events.jsonl")));
        assertThat(slurm.best()).isEqualTo(local.best());
        // every job was a Slurm job of its own, and its output reached the trial's log
        Path logs = dir.resolve("slurm/logs/trial-" + slurm.best().orElseThrow().trialId());
        List<String> ids = SlurmCluster.jobIds(logs);
        assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
        assertThat(SlurmCluster.state(ids.get(0))).isEqualTo("COMPLETED");
        assertThat(Files.readString(logs.resolve("stdout.log"))).contains("LADDER_REPORT {\"resource\": 1");
    }

    @Test
    void aJobTheTunerEndsIsCancelledAndItsProcessesAreGone(@TempDir Path dir) throws IOException, InterruptedException {
        // the experiment ends once 3 units of resource are trained: the tuner ends the job at its report at 3 of 50
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 2), LOSS, 50))
                .executor(executor(dir).env("EPOCH", "0.2").env("SPAWN", "1").build())
                .maxTotalResource(3).output(dir, "stopped").run();

        Trial t = r.trials().get(0);
        assertThat(t.status()).isEqualTo(TrialStatus.STOPPED);
        Path logs = dir.resolve("stopped/logs/trial-0");
        String id = SlurmCluster.jobIds(logs).get(0);
        assertThat(SlurmCluster.state(id)).isEqualTo("CANCELLED");
        assertThat(Files.readString(logs.resolve("stderr.log"))).contains("cancelling Slurm job " + id);
        assertThat(Files.readString(logs.resolve("stdout.log"))).doesNotContain("\"resource\": 10,");
        // the program and its sleeping child ran on this host: Slurm ended them all
        OrphanedTrialsTest.await("the processes of the cancelled Slurm job " + id + " to end", Duration.ofSeconds(10),
                () -> StaleProcesses.find(dir.resolve("stopped/checkpoints")).isEmpty());
    }

    @Test
    void aJobCancelledOutsideLadderResumesFromItsCheckpointAndItsTrialDoesNotFail(@TempDir Path dir) throws Exception {
        // cancel the held job as an administrator (or a preemption without requeue) would
        heldJobInterruptedResumesFromItsCheckpoint(dir, "cancelled", id -> SlurmCluster.run("scancel", id),
                "CANCELLED", "was cancelled outside Ladder");
    }

    @Test
    void aJobWhoseNodeFailsResumesFromItsCheckpointOnceTheNodeIsBack(@TempDir Path dir) throws Exception {
        String node = SlurmCluster.run("sinfo", "--noheader", "--format=%n").strip();
        try {
            heldJobInterruptedResumesFromItsCheckpoint(dir, "node-failed", id -> {
                SlurmCluster.run("scontrol", "update", "NodeName=" + node, "State=DOWN", "Reason=ladder-test");
                try { // the node comes back once Slurm has ended the job: its new job runs there
                    OrphanedTrialsTest.await("Slurm job " + id + " to end with its node", Duration.ofSeconds(60),
                            () -> SlurmCluster.state(id).equals("NODE_FAIL"));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                SlurmCluster.run("scontrol", "update", "NodeName=" + node, "State=RESUME");
            }, "NODE_FAIL", "lost its node (NODE_FAIL)");
        } finally {
            if (SlurmCluster.run("sinfo", "--noheader", "--format=%T").contains("down")) {
                SlurmCluster.run("scontrol", "update", "NodeName=" + node, "State=RESUME");
            }
        }
    }

    /**
     * The first promoted job holds at resource 2; {@code interrupt} ends its Slurm job from outside, which must
     * end in Slurm state {@code state}: the trial does not fail, and its new job resumes from the recorded checkpoint.
     */
    private static void heldJobInterruptedResumesFromItsCheckpoint(Path dir, String name, java.util.function.Consumer<String> interrupt,
                                                                   String state, String why) throws Exception {
        Path hold = dir.resolve("held");
        SlurmExecutor executor = executor(dir).env("HOLD", hold.toString()).build();
        CompletableFuture<TuningResult> run = new CompletableFuture<>();
        Thread tuner = new Thread(() -> {
            try {
                run.complete(Tuner.builder().scheduler(new AshaScheduler(new RandomSearcher(SPACE, 3), LOSS, 1, 9, 3))
                        .executor(executor).maxTrials(3).output(dir, name).run());
            } catch (Throwable e) {
                run.completeExceptionally(e);
            }
        });
        tuner.start();
        OrphanedTrialsTest.await("a promoted job to reach resource 2", Duration.ofSeconds(60), () -> Files.isDirectory(hold));
        String running = SlurmCluster.run("squeue", "--noheader", "--states=RUNNING", "--format=%i %j").strip();
        assertThat(running).as("squeue").matches("\\d+ ladder-trial-\\d+");
        String id = running.split(" ")[0];
        int trial = Integer.parseInt(running.split("ladder-trial-")[1]);
        interrupt.accept(id);
        TuningResult r = run.get(120, TimeUnit.SECONDS);

        assertThat(r.trials()).extracting(Trial::status).doesNotContain(TrialStatus.FAILED, TrialStatus.RUNNING);
        assertThat(SlurmCluster.state(id)).isEqualTo(state);
        List<JsonNode> restarts = events(dir.resolve(name + "/events.jsonl"), "restart");
        assertThat(restarts).hasSize(1);
        assertThat(restarts.get(0).get("trial").asInt()).isEqualTo(trial);
        assertThat(restarts.get(0).toString()).contains("Slurm job " + id + " " + why);
        // the new job resumes from the recorded resource 2 with the last recorded checkpoint (1, sealed at the rung)
        String out = Files.readString(dir.resolve(name + "/logs/trial-" + trial + "/stdout.log"));
        assertThat(out).contains("start ck=1 from=1 to=3", "start ck=1 from=2 to=3");
        assertThat(r.trials().get(trial).lastResource()).isEqualTo(3);
        assertThat(SlurmCluster.jobIds(dir.resolve(name + "/logs/trial-" + trial))).hasSize(3);
    }

    @Test
    void aFailingProgramFailsItsTrialNamingTheSlurmJobItsExitCodeAndItsLastStderrLines(@TempDir Path dir) throws IOException {
        SlurmExecutor executor = SlurmExecutor.builder(List.of("bash", "-c", "echo 'CUDA out of memory' >&2; exit 3"))
                .slurm(new SlurmOptions(partition, null, null, null, null, null, List.of()))
                .pollInterval(Duration.ofMillis(200)).build();
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 1), LOSS, 3))
                .executor(executor).output(dir, "failing").run();

        Trial t = r.trials().get(0);
        assertThat(t.status()).isEqualTo(TrialStatus.FAILED);
        String id = SlurmCluster.jobIds(dir.resolve("failing/logs/trial-0")).get(0);
        assertThat(t.reason()).isEqualTo("trial 0: Slurm job " + id + " exited with code 3; last stderr lines: CUDA out of memory");
    }

    @Test
    void aJobSlurmRefusesFailsItsTrialWithSbatchsMessage(@TempDir Path dir) throws IOException {
        SlurmExecutor executor = SlurmExecutor.builder(List.of("true"))
                .slurm(new SlurmOptions("no-such-partition", null, null, null, null, null, List.of())).build();
        TuningResult r = Tuner.builder().scheduler(new FifoScheduler(new GridSearcher(SPACE, 1), LOSS, 3))
                .executor(executor).output(dir, "refused").run();

        assertThat(r.trials().get(0).reason())
                .startsWith("trial 0: cannot submit its Slurm job: sbatch exited with code 1: ")
                .contains("invalid partition specified: no-such-partition");
    }

    /**
     * examples/slurm/workers.sbatch, submitted as an array of 2 with a stand-in for {@code java} first on the
     * PATH (the worker command is not what is tested here) and resources this one-node cluster has: each task runs the worker jar with the storage URL
     * from the submitting environment, one slot and a name of its own.
     */
    @Test
    void theWorkerArrayScriptStartsOneWorkerPerTask(@TempDir Path dir) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"$@\" > \"$WORKERS/$SLURM_ARRAY_TASK_ID.args\"\n");
        bin.resolve("java").toFile().setExecutable(true);
        String url = "jdbc:postgresql://db:5432/ladder?user=u";
        String id = SlurmCluster.run("sbatch", "--parsable", "--array=1-2", "--cpus-per-task=1", "--mem=100M", "--time=5", "--chdir=" + dir,
                "--export=ALL,PATH=" + bin + ":" + System.getenv("PATH") + ",WORKERS=" + dir + ",LADDER_STORAGE=" + url
                        + ",LADDER_JAR=/shared/ladder.jar",
                Path.of("../examples/slurm/workers.sbatch").toAbsolutePath().normalize().toString()).strip();
        assertThat(id).as("sbatch's job id").matches("\\d+");
        OrphanedTrialsTest.await("both array tasks of job " + id + " to run", Duration.ofSeconds(30),
                () -> Files.exists(dir.resolve("1.args")) && Files.exists(dir.resolve("2.args")));
        String host = SlurmCluster.run("hostname", "-s").strip();
        for (int task = 1; task <= 2; task++) {
            assertThat(Files.readString(dir.resolve(task + ".args")).strip()).isEqualTo(
                    "-XX:TieredStopAtLevel=1 -jar /shared/ladder.jar worker --storage " + url + " --slots 1 --name slurm-" + id + "-" + task + "@" + host);
        }
    }

    /** On resume, the Slurm jobs an earlier run of the experiment left are cancelled before any trial restarts; others stay. */
    @Test
    void endStaleJobsCancelsTheExperimentsEarlierSlurmJobsOnly(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("exp/checkpoints"));
        Path other = Files.createDirectories(dir.resolve("other/checkpoints"));
        String stale = SlurmCluster.run("sbatch", "--parsable", "--output=/dev/null", "--comment=" + Owner.experimentKey(root),
                "--wrap=sleep 1000").strip();
        String foreign = SlurmCluster.run("sbatch", "--parsable", "--output=/dev/null", "--comment=" + Owner.experimentKey(other),
                "--wrap=sleep 1000").strip();
        try {
            executor(dir).build().endStaleJobs(root);

            assertThat(SlurmCluster.state(stale)).isEqualTo("CANCELLED");
            assertThat(SlurmCluster.state(foreign)).isIn("PENDING", "RUNNING");
        } finally {
            SlurmCluster.run("scancel", stale, foreign);
        }
    }

    /**
     * Ladder killed (SIGKILL) while two Slurm jobs run: they run on, since they are Slurm's; a resume first
     * cancels them and waits until Slurm says they ended, then runs the trials again from their checkpoints,
     * so no trial ever has two Slurm jobs at once.
     */
    @Test
    void aResumeAfterLadderWasKilledCancelsItsSlurmJobsBeforeRestartingTheirTrials(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("trial.sh");
        Files.writeString(script, TRIAL);
        Process ladder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SlurmExperimentMain.class.getName(), dir.toString(), "killed",
                script.toString(), partition, "2", "8", "0.5")
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        Path logs = dir.resolve("killed/logs");
        try {
            OrphanedTrialsTest.await("both trials to report", Duration.ofSeconds(60), () -> reported(logs.resolve("trial-0"))
                    && reported(logs.resolve("trial-1")));
        } finally {
            ladder.destroyForcibly().waitFor(); // SIGKILL: no close(), no scancel
        }
        String first0 = SlurmCluster.jobIds(logs.resolve("trial-0")).get(0);
        String first1 = SlurmCluster.jobIds(logs.resolve("trial-1")).get(0);
        assertThat(List.of(SlurmCluster.state(first0), SlurmCluster.state(first1))).containsOnly("RUNNING");

        TuningResult r = SlurmExperimentMain.builder(dir, "killed", script, partition, 2, 8, "0.05").run();

        assertThat(r.trials()).hasSize(2).allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialStatus.COMPLETED);
            assertThat(t.lastResource()).isEqualTo(8);
        });
        for (String trial : List.of("trial-0", "trial-1")) {
            List<String> ids = SlurmCluster.jobIds(logs.resolve(trial));
            assertThat(ids).hasSize(2);
            assertThat(SlurmCluster.state(ids.get(0))).isEqualTo("CANCELLED");
            // the new job started only after the old one had ended
            String ended = SlurmCluster.run("squeue", "--noheader", "--states=all", "--jobs=" + ids.get(0), "--format=%e").strip();
            String started = SlurmCluster.run("squeue", "--noheader", "--states=all", "--jobs=" + ids.get(1), "--format=%S").strip();
            assertThat(started.compareTo(ended)).as("%s: job %s started %s, job %s ended %s", trial, ids.get(1), started,
                    ids.get(0), ended).isGreaterThanOrEqualTo(0);
        }
    }

    private static boolean reported(Path trialLogs) {
        try {
            return Files.exists(trialLogs.resolve("stdout.log")) && Files.readString(trialLogs.resolve("stdout.log")).contains("LADDER_REPORT");
        } catch (IOException e) {
            return false;
        }
    }
}
