package dev.ladder.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.tune.EventLog;
import dev.ladder.core.tune.LadderIoFailure;
import dev.ladder.core.tune.SmallDisk;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process trial whose log Ladder cannot write (a real tmpfs that fills up, a log folder that cannot
 * be made) is not FAILED: the experiment pauses naming the cause and the path, and resumes once fixed.
 */
class ProcessStorageFailureTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Tuner.Builder tuner(Path logs, int trials) throws IOException {
        Path script = dir.resolve("trial.sh");
        Files.writeString(script, ProcessExecutorTest.trial(""));
        ProcessExecutor exec = ProcessExecutor.builder(List.of("bash", script.toString(), "{x}")).workers(2)
                .env("OUT", dir.toString()).logRoot(logs).gracePeriod(ProcessExecutorTest.GRACE).workingDir(dir).build();
        return Tuner.builder().scheduler(ProcessExecutorTest.asha(3)).executor(exec).maxTrials(trials).output(dir.resolve("out"), "e");
    }

    @Test
    void aFullDiskUnderTheTrialLogsPausesWithTheCauseAndResumeFinishes() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "1m")) {
            Path logs = disk.dir().resolve("logs");
            Path filler = disk.fill(12 * 1024); // a tmpfs file takes a 4 KiB page at least: room for a trial or two

            assertThatThrownBy(() -> tuner(logs, 12).run())
                    .isInstanceOf(LadderIoFailure.class)
                    .hasMessageContaining("cannot write the trial's log: no space left on device at " + logs.resolve("trial-"));
            assertThat(endStatuses()).doesNotContain("FAILED");

            Files.delete(filler);
            TuningResult resumed = tuner(logs, 12).resume().run();

            assertThat(resumed.trials()).hasSize(12).extracting(Trial::status)
                    .doesNotContain(TrialStatus.FAILED, TrialStatus.RUNNING);
            assertThat(endStatuses()).doesNotContain("FAILED");
        }
    }

    @Test
    void aTrialWhoseOwnCheckpointWriteHitsAFullDiskDoesNotFail() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(dir.resolve("disk"), "1m")) {
            Path checkpoints = disk.dir().resolve("checkpoints");
            Path filler = disk.fill(0);
            Path journal = dir.resolve("events.jsonl");

            assertThatThrownBy(() -> tuner(dir.resolve("logs"), 6).log(EventLog.jsonl(journal), checkpoints, "e").run())
                    .isInstanceOf(LadderIoFailure.class)
                    .hasMessageContaining("no space left on device at " + checkpoints.resolve("trial-"));
            assertThat(endStatuses(journal)).doesNotContain("FAILED");

            Files.delete(filler);
            TuningResult resumed = tuner(dir.resolve("logs"), 6).log(EventLog.jsonl(journal), checkpoints, "e").resume().run();

            assertThat(resumed.trials()).hasSize(6).extracting(Trial::status).doesNotContain(TrialStatus.FAILED);
        }
    }

    @Test
    void aLogFolderThatCannotBeMadePausesNamingIt() throws Exception {
        Files.writeString(dir.resolve("a-file"), "not a folder"); // root writes through chmod, not through this

        assertThatThrownBy(() -> tuner(dir.resolve("a-file").resolve("logs"), 4).run())
                .isInstanceOf(LadderIoFailure.class)
                .hasMessageContaining(": cannot open its log folder: not a directory at " + dir.resolve("a-file")); // either of 2 workers
        assertThat(endStatuses()).doesNotContain("FAILED");
    }

    private List<String> endStatuses() throws IOException {
        return endStatuses(dir.resolve("out/e/events.jsonl"));
    }

    private static List<String> endStatuses(Path journal) throws IOException {
        return Files.readAllLines(journal).stream().map(l -> {
            try {
                return JSON.readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).filter(e -> e.get("type").asText().equals("end")).map(e -> e.get("status").asText()).toList();
    }
}
