package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executors whose jobs outlive the tuner (workers reached through a store): jobs start and answers leave
 * only once the journal holds what precedes them, and a lost job runs again from its checkpoint.
 */
class OutlivingExecutorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs jobs on threads like {@link InProcessExecutor}, says its jobs outlive the tuner, and loses the first job of the trials in {@code lose}. */
    private static final class Outliving implements Executor {
        final InProcessExecutor inner;
        final Set<Integer> lose;
        final Path journal;
        final List<String> problems = new ArrayList<>();

        Outliving(QuadraticObjective q, Set<Integer> lose, Path journal) {
            this.inner = new InProcessExecutor(q, 1);
            this.lose = ConcurrentHashMap.newKeySet();
            this.lose.addAll(lose);
            this.journal = journal;
        }

        @Override public int slots() { return 1; }
        @Override public boolean outlivesTuner() { return true; }

        @Override
        public void start(Job job, Consumer<TrialEvent> events) {
            checkJournalHolds("start of trial " + job.trialId(), "\"trial\":" + job.trialId());
            if (lose.remove(job.trialId())) {
                events.accept(new TrialEvent.Lost(job.trialId(), "its worker stopped heartbeating"));
                return;
            }
            inner.start(job, e -> events.accept(e instanceof TrialEvent.Reported r
                    ? new TrialEvent.Reported(r.trialId(), r.resource(), r.metrics(), goOn -> {
                        checkJournalHolds("answer to trial " + r.trialId() + " at " + r.resource(),
                                "\"trial\":" + r.trialId() + ",\"resource\":" + r.resource());
                        r.reply().send(goOn);
                    })
                    : e));
        }

        /** The journal file must already hold a line containing {@code needle} when the tuner acts. */
        private void checkJournalHolds(String what, String needle) {
            try {
                if (Files.readAllLines(journal).stream().noneMatch(l -> l.contains(needle))) {
                    synchronized (problems) {
                        problems.add(what + " before the journal held it");
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override public void close() { inner.close(); }
    }

    private static List<String> events(Path journal, String type) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode e = JSON.readTree(line);
            if (e.get("type").asText().equals(type)) {
                out.add(e.get("trial") + " " + (e.has("reason") ? e.get("reason").asText() : ""));
            }
        }
        return out;
    }

    @Test
    void jobsStartAndAnswersLeaveOnlyOnceTheJournalHoldsThem(@TempDir Path out) throws IOException {
        Outliving executor = new Outliving(new QuadraticObjective(0.05), Set.of(), out.resolve("x/events.jsonl"));
        TuningResult r = Tuner.builder().scheduler(TunerTest.asha(5)).executor(executor).maxTrials(12).output(out, "x").run();

        assertThat(executor.problems).isEmpty();
        TuningResult local = Tuner.builder().scheduler(TunerTest.asha(5)).objective(new QuadraticObjective(0.05)).maxTrials(12)
                .output(out, "local").run();
        assertThat(r.best()).isEqualTo(local.best());
        assertThat(r.totalResource()).isEqualTo(local.totalResource());
    }

    @Test
    void aLostJobRunsAgainFromItsCheckpointAndItsTrialDoesNotFail(@TempDir Path out) throws IOException {
        Path journal = out.resolve("x/events.jsonl");
        Outliving executor = new Outliving(new QuadraticObjective(0.05), Set.of(0, 3), journal);
        TuningResult r = Tuner.builder().scheduler(TunerTest.asha(5)).executor(executor).maxTrials(12).output(out, "x").run();

        assertThat(r.trials()).extracting(Trial::status).doesNotContain(TrialStatus.FAILED, TrialStatus.RUNNING);
        assertThat(events(journal, "restart")).containsExactly("0 its worker stopped heartbeating", "3 its worker stopped heartbeating");
        TuningResult local = Tuner.builder().scheduler(TunerTest.asha(5)).objective(new QuadraticObjective(0.05)).maxTrials(12)
                .output(out, "local").run();
        assertThat(r.best()).isEqualTo(local.best());
        assertThat(r.totalResource()).isEqualTo(local.totalResource());
    }
}
