package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ladder's own storage failing is not a trial's fault: a full disk (a real tmpfs that fills up), a
 * read-only file system and a folder that cannot be made end the session with the cause and the path,
 * no trial is FAILED, and a resume once the cause is fixed makes the decisions of an uninterrupted run.
 */
class StorageFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TRIALS = 20;
    private static final int CHECKPOINT_BYTES = 256 * 1024;

    @TempDir
    Path dir;

    /** ASHA over the quadratic objective on one worker, saving checkpoints of 256 KiB each; {@code onReport} runs before each report. */
    private static Tuner.Builder asha(Runnable onReport) {
        QuadraticObjective q = new QuadraticObjective(0.05);
        Objective big = (config, ctx) -> q.run(config, new BigCheckpoints(ctx, onReport));
        return Tuner.builder().scheduler(TunerTest.asha(5)).objective(big).workers(1).maxTrials(TRIALS);
    }

    private record BigCheckpoints(TrialContext ctx, Runnable onReport) implements TrialContext {
        public int trialId() { return ctx.trialId(); }
        public long resumeFrom() { return ctx.resumeFrom(); }
        public long maxResource() { return ctx.maxResource(); }
        public Path checkpointDir() { return ctx.checkpointDir(); }

        public boolean report(long resource, Map<String, Double> metrics) {
            onReport.run();
            return ctx.report(resource, metrics);
        }

        @Override
        public void saveCheckpoint(byte[] bytes) {
            ctx.saveCheckpoint(Arrays.copyOf(bytes, CHECKPOINT_BYTES)); // the resource stays in the first 8 bytes
        }
    }

    /** The decisions of the same experiment run without trouble on the ordinary disk. */
    private List<String> reference() throws IOException {
        asha(() -> { }).log(EventLog.jsonl(dir.resolve("reference.jsonl")), dir.resolve("reference"), "reference").run();
        return decisions(dir.resolve("reference.jsonl"));
    }

    @Test
    void aFullDiskAtSaveCheckpointPausesWithTheCauseAndResumeFinishesAsIfNothingHappened() throws Exception {
        List<String> expected = reference();
        Path journal = dir.resolve("full.jsonl");
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "2m")) {
            Path checkpoints = disk.dir().resolve("checkpoints");
            AtomicReference<LadderIoFailure> heard = new AtomicReference<>();
            TunerListener listener = new TunerListener() {
                @Override
                public void onStorageFailure(LadderIoFailure failure) {
                    heard.set(failure);
                }
            };

            assertThatThrownBy(() -> asha(() -> { }).log(EventLog.jsonl(journal), checkpoints, "full").listener(listener).run())
                    .isInstanceOf(LadderIoFailure.class)
                    .hasMessageContaining("cannot save the checkpoint of trial")
                    .hasMessageContaining("no space left on device at " + checkpoints.resolve("trial-"));
            assertThat(heard.get()).isNotNull();
            assertThat(statuses(journal)).doesNotContain("FAILED");

            disk.resize("64m"); // space freed
            TuningResult resumed = asha(() -> { }).log(EventLog.jsonl(journal), checkpoints, "full").resume().run();

            assertThat(resumed.trials()).hasSize(TRIALS).extracting(Trial::status)
                    .doesNotContain(TrialStatus.FAILED, TrialStatus.RUNNING);
            assertThat(statuses(journal)).doesNotContain("FAILED");
            assertThat(decisions(journal)).isEqualTo(expected);
        }
    }

    @Test
    void aFullDiskUnderTheJournalLeavesWholeGroupsAndResumeFinishes() throws Exception {
        List<String> expected = reference();
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "2m")) {
            Path journal = disk.dir().resolve("events.jsonl");
            Path filler = disk.fill(12 * 1024); // room for a few dozen events

            assertThatThrownBy(() -> asha(() -> { }).log(EventLog.jsonl(journal), dir.resolve("checkpoints"), "j").run())
                    .isInstanceOf(LadderIoFailure.class)
                    .hasMessageContaining("cannot append to the journal: no space left on device at " + journal);
            List<String> lines = Files.readAllLines(journal);
            assertThat(lines).isNotEmpty();
            for (String line : lines) {
                JSON.readTree(line); // every line whole: the torn group was cut off again
            }
            assertThat(statuses(journal)).doesNotContain("FAILED");

            Files.delete(filler);
            AtomicReference<String> note = new AtomicReference<>();
            TuningResult resumed = asha(() -> { }).log(EventLog.jsonl(journal), dir.resolve("checkpoints"), "j").resume()
                    .listener(new TunerListener() {
                        @Override
                        public void onNote(String message) {
                            note.set(message);
                        }
                    }).run();

            assertThat(note.get()).as("nothing to repair").isNull();
            assertThat(resumed.trials()).hasSize(TRIALS).extracting(Trial::status).doesNotContain(TrialStatus.FAILED);
            assertThat(decisions(journal)).isEqualTo(expected);
        }
    }

    @Test
    void aFileSystemTurnedReadOnlyMidRunPausesNamingThePath() throws Exception {
        List<String> expected = reference();
        Path journal = dir.resolve("ro.jsonl");
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "64m")) {
            Path checkpoints = disk.dir().resolve("checkpoints");
            int[] reports = {0};
            Runnable turnReadOnlyAtReport30 = () -> {
                if (++reports[0] == 30) {
                    try {
                        disk.readOnly();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            };

            assertThatThrownBy(() -> asha(turnReadOnlyAtReport30).log(EventLog.jsonl(journal), checkpoints, "ro").run())
                    .isInstanceOf(LadderIoFailure.class)
                    .hasMessageContaining("read-only file system at " + checkpoints.resolve("trial-"));
            assertThat(statuses(journal)).doesNotContain("FAILED");

            disk.writable();
            TuningResult resumed = asha(() -> { }).log(EventLog.jsonl(journal), checkpoints, "ro").resume().run();

            assertThat(resumed.trials()).extracting(Trial::status).doesNotContain(TrialStatus.FAILED);
            assertThat(decisions(journal)).isEqualTo(expected);
        }
    }

    @Test
    void aCheckpointFolderThatCannotBeMadeIsNamedWithItsCause() throws Exception {
        Files.writeString(dir.resolve("a-file"), "not a folder"); // root writes through chmod, not through this
        Path checkpoints = dir.resolve("a-file").resolve("checkpoints");

        assertThatThrownBy(() -> asha(() -> { }).log(EventLog.jsonl(dir.resolve("e.jsonl")), checkpoints, "e").run())
                .isInstanceOf(LadderIoFailure.class)
                .hasMessageContaining("not a directory at " + checkpoints);
    }

    @Test
    void anOutputFolderUnderProcIsNamedWithItsCause() {
        Path out = Path.of("/proc/ladder-" + ProcessHandle.current().pid());

        assertThatThrownBy(() -> asha(() -> { }).output(out, "e").run())
                .isInstanceOf(LadderIoFailure.class)
                .hasMessageContaining("cannot create the experiment folder")
                .hasMessageContaining(" at /proc/ladder-");
    }

    @Test
    void aCommittedGroupIsInTheFileForAFreshReaderBeforeTheLogIsClosed() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventLog log = EventLog.jsonl(file);
        for (int seq = 1; seq <= 3; seq++) {
            log.commit(List.of(new dev.ladder.core.journal.JournalEntry(seq, null, new dev.ladder.core.journal.JournalEvent.Idle(0, true))));

            List<Long> seen = new ArrayList<>();
            try (EventLog reader = EventLog.jsonl(file)) { // a reader of its own, the writer still open
                reader.read(e -> seen.add(e.seq()));
            }
            assertThat(seen).as("after commit %d", seq).hasSize(seq).last().isEqualTo((long) seq);
        }
        log.close();
    }

    private static List<String> statuses(Path journal) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(journal)) {
            JsonNode e = JSON.readTree(line);
            if (e.get("type").asText().equals("end")) {
                out.add(e.get("status").asText());
            }
        }
        return out;
    }

    private static List<String> decisions(Path events) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode e = JSON.readTree(line);
            if (e.get("type").asText().equals("result")) {
                out.add(e.get("trial") + "@" + e.get("resource") + " " + e.get("decision") + " " + e.get("reason"));
            }
        }
        return out;
    }
}
