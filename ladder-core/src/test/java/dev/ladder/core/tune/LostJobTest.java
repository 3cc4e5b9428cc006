package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TrialEvent.Lost} as the Slurm executor posts it (a preempted, node-failed or cancelled batch job):
 * the job runs again from the last recorded checkpoint, not from the folder the lost job wrote, or ends as
 * the tuner had decided; the trial does not fail. Without the tuner handling the event the lost job stays
 * open and the run never ends.
 */
class LostJobTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One job as the executor ran it: its folder, where it resumed from and the checkpoint it found there. */
    record Run(int trialId, Path folder, long resumeFrom, long checkpoint) {
    }

    /**
     * A program on threads: it loads the resource its checkpoint holds (file {@code ck}, 0 without one),
     * reports every resource after it, saving each once answered. The first job matching {@code lose}
     * is lost after its first answered report, as if its node failed.
     */
    static final class LosingExecutor implements Executor {
        final List<Run> runs = new ArrayList<>();
        private final java.util.function.Predicate<Run> lose;
        private final boolean afterDecision;
        private final AtomicBoolean lost = new AtomicBoolean();

        /** {@code afterDecision}: lose the job once the tuner answered a report with "end", instead of after "go on". */
        LosingExecutor(java.util.function.Predicate<Run> lose, boolean afterDecision) {
            this.lose = lose;
            this.afterDecision = afterDecision;
        }

        @Override
        public int slots() {
            return 1;
        }

        @Override
        public void start(Job job, Consumer<TrialEvent> events) {
            Thread t = new Thread(() -> run(job, events));
            t.setDaemon(true);
            t.start();
        }

        private void run(Job job, Consumer<TrialEvent> events) {
            try {
                Path ck = Files.createDirectories(job.checkpointDir()).resolve("ck");
                long from = Files.exists(ck) ? Long.parseLong(Files.readString(ck)) : 0;
                Run run = new Run(job.trialId(), job.checkpointDir(), job.resumeFrom(), from);
                synchronized (runs) {
                    runs.add(run);
                }
                boolean losing = lose.test(run) && lost.compareAndSet(false, true);
                for (long r = from + 1; r <= job.maxResource(); r++) {
                    boolean goOn = report(job, r, events);
                    Files.writeString(ck, Long.toString(r));
                    if (losing && goOn != afterDecision) {
                        events.accept(new TrialEvent.Lost(job.trialId(), "node n7 failed"));
                        return;
                    }
                    if (!goOn) {
                        break;
                    }
                }
                events.accept(new TrialEvent.Ended(job.trialId(), -1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static boolean report(Job job, long r, Consumer<TrialEvent> events) {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            double x = job.config().getDouble("x");
            events.accept(new TrialEvent.Reported(job.trialId(), r, Map.of("loss", (x - 0.3) * (x - 0.3) + 1.0 / r), answer::complete));
            try {
                return answer.get(30, TimeUnit.SECONDS);
            } catch (InterruptedException | ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
        }
    }

    private static List<JsonNode> events(Path journal, String type) throws IOException {
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
    @Timeout(60)
    void aLostJobRunsAgainFromTheLastRecordedCheckpointAndItsTrialDoesNotFail(@TempDir Path out) throws IOException {
        // the first promoted job (it resumes from a recorded checkpoint at rung 1) is lost after its report at 2
        LosingExecutor executor = new LosingExecutor(run -> run.resumeFrom() > 0 && run.checkpoint() > 0, false);
        TuningResult r = Tuner.builder().scheduler(TunerTest.asha(3)).executor(executor).maxTrials(9)
                .output(out, "lost").run();

        assertThat(r.trials()).extracting(Trial::status).doesNotContain(TrialStatus.FAILED, TrialStatus.RUNNING);
        List<JsonNode> restarts = events(out.resolve("lost/events.jsonl"), "restart");
        assertThat(restarts).hasSize(1);
        int trial = restarts.get(0).get("trial").asInt();
        assertThat(restarts.get(0).toString()).contains("node n7 failed");
        List<Run> jobs = executor.runs.stream().filter(j -> j.trialId() == trial).toList();
        Run lostJob = jobs.stream().filter(j -> j.resumeFrom() > 0).findFirst().orElseThrow();
        Run again = jobs.get(jobs.indexOf(lostJob) + 1);
        // the lost job recorded its report past the checkpoint it started from, and saved it in a folder never sealed:
        // the new job resumes from the recorded resource with a copy of the last recorded checkpoint
        assertThat(again.resumeFrom()).isEqualTo(lostJob.checkpoint() + 1);
        assertThat(again.checkpoint()).isEqualTo(lostJob.checkpoint());
        assertThat(again.folder()).isNotEqualTo(lostJob.folder());
        assertThat(lostJob.folder()).doesNotExist();
        assertThat(r.trials().get(trial).lastResource()).isGreaterThan(lostJob.resumeFrom() + 1);
    }

    @Test
    @Timeout(60)
    void aJobLostAfterTheTunerDecidedItsEndEndsAsDecided(@TempDir Path out) throws IOException {
        // the only trial's job is lost right after the tuner answered its report at rung 1 with "end" (a pause: one
        // trial at a rung is never promoted)
        LosingExecutor executor = new LosingExecutor(run -> run.trialId() == 0, true);
        TuningResult r = Tuner.builder().scheduler(TunerTest.asha(3)).executor(executor).maxTrials(1)
                .output(out, "decided").run();

        assertThat(events(out.resolve("decided/events.jsonl"), "restart")).isEmpty();
        assertThat(r.trials().get(0).status()).isEqualTo(TrialStatus.PAUSED);
        assertThat(r.trials().get(0).lastResource()).isEqualTo(1);
        assertThat(executor.runs.get(0).folder()).doesNotExist(); // its checkpoint at 1 was never sealed: the job was lost
    }
}
