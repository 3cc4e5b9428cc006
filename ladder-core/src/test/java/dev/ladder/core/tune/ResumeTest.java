package dev.ladder.core.tune;

import dev.ladder.core.Best;
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
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resuming an experiment from its journal: after a crash at any event, after a pause, and to extend it. */
class ResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Tuner.Builder asha(Path out, String name, QuadraticObjective q, int trials) {
        return Tuner.builder().scheduler(TunerTest.asha(5)).objective(q).workers(1).maxTrials(trials).output(out, name);
    }

    /** (trial, resource, decision, reason, by) of every result the scheduler or tuner decided. */
    private static List<String> decisions(Path events) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode e = JSON.readTree(line);
            if (e.get("type").asText().equals("result")) {
                out.add(e.get("trial") + "@" + e.get("resource") + " " + e.get("decision") + " " + e.get("reason")
                        + " " + e.get("by"));
            }
        }
        return out;
    }

    @Test
    void aResumeAfterACrashAtAnyEventMakesTheDecisionsOfAnUninterruptedRun(@TempDir Path out) throws IOException {
        TuningResult full = asha(out, "full", new QuadraticObjective(0.05), 30).run();
        List<String> lines = Files.readAllLines(out.resolve("full/events.jsonl"));
        List<String> expected = decisions(out.resolve("full/events.jsonl"));
        Random random = new Random(11);
        for (int n = 0; n < 12; n++) {
            int cut = 1 + random.nextInt(lines.size() - 2); // the process died after event `cut`; no checkpoints left
            String name = "cut-" + cut;
            Files.createDirectories(out.resolve(name));
            Files.write(out.resolve(name + "/events.jsonl"), lines.subList(0, cut));

            TuningResult resumed = asha(out, name, new QuadraticObjective(0.05), 30).resume().run();

            assertThat(decisions(out.resolve(name + "/events.jsonl"))).as("cut after event %d", cut).isEqualTo(expected);
            assertThat(resumed.best()).isEqualTo(full.best());
            assertThat(resumed.totalResource()).isEqualTo(full.totalResource());
            assertThat(resumed.trials()).extracting(Trial::status).doesNotContain(TrialStatus.RUNNING);
        }
    }

    /**
     * A crash leaves checkpoints on disk that the journal never recorded (saved after a report whose
     * group was not committed yet): they must not count. The whole experiment folder of a finished run
     * is copied and its journal cut at random events, so every checkpoint on disk is ahead of the cut;
     * the objective fails its trial if it is handed a checkpoint ahead of its resume point.
     */
    @Test
    void checkpointsTheJournalNeverRecordedDoNotCount(@TempDir Path out) throws IOException {
        asha(out, "full", new QuadraticObjective(0.05), 30).run();
        List<String> lines = Files.readAllLines(out.resolve("full/events.jsonl"));
        List<String> expected = decisions(out.resolve("full/events.jsonl"));
        Random random = new Random(5);
        for (int n = 0; n < 8; n++) {
            int cut = 1 + random.nextInt(lines.size() - 2);
            Path crashed = out.resolve("crash-" + cut);
            copyTree(out.resolve("full"), crashed);
            Files.write(crashed.resolve("events.jsonl"), lines.subList(0, cut));

            TuningResult resumed = asha(out, crashed.getFileName().toString(), new QuadraticObjective(0.05), 30).resume().run();

            assertThat(resumed.trials()).as("cut after event %d", cut)
                    .allSatisfy(t -> assertThat(t.status()).as("trial %d: %s", t.id(), t.reason()).isNotEqualTo(TrialStatus.FAILED));
            assertThat(decisions(crashed.resolve("events.jsonl"))).as("cut after event %d", cut).isEqualTo(expected);
            try (Stream<Path> dirs = Files.walk(crashed.resolve("checkpoints"), 2)) { // only recorded job folders are left
                assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("job-")))
                        .allSatisfy(d -> assertThat(resumed.trials().get(Integer.parseInt(d.getParent().getFileName().toString()
                                .substring("trial-".length()))).checkpoint()).contains(d));
            }
        }
    }

    /** A suspend event of a job that never ran names no checkpoint: the trial keeps the one its end recorded. */
    @Test
    void aSuspendWithoutACheckpointKeepsTheRecordedOne(@TempDir Path out) throws IOException {
        asha(out, "s", new QuadraticObjective(0.05), 6).run();
        Path events = out.resolve("s/events.jsonl");
        JournalReplay full = JournalReplay.replay(events, TunerTest.asha(5));
        int paused = full.state().trials().values().stream().filter(t -> t.status() == TrialStatus.PAUSED).findFirst().orElseThrow().id();
        assertThat(full.state().latestCheckpoint(paused)).isPresent();
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        long seq = lines.size() + 1;
        lines.add("{\"seq\":" + seq + ",\"type\":\"suspend\",\"trial\":" + paused + ",\"resource\":3,"
                + "\"reason\":\"experiment ended: max wall time\",\"time\":\"2026-12-04T00:00:00Z\"}");
        Files.write(events, lines);

        JournalReplay replay = JournalReplay.replay(events, TunerTest.asha(5));

        assertThat(replay.state().latestCheckpoint(paused)).isEqualTo(full.state().latestCheckpoint(paused));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void aPausedExperimentResumesItsJobsFromTheirCheckpoints(@TempDir Path out) throws IOException {
        TuningResult full = asha(out, "full", new QuadraticObjective(0.05), 30).run();

        AtomicReference<Tuner> tuner = new AtomicReference<>();
        AtomicInteger results = new AtomicInteger();
        tuner.set(asha(out, "paused", new QuadraticObjective(0.05), 30).listener(new TunerListener() {
            @Override
            public void onResult(Trial trial, dev.ladder.core.Result result, dev.ladder.core.schedule.Decision d,
                                 Best best) {
                if (results.incrementAndGet() == 25) {
                    tuner.get().pause();
                }
            }
        }).build());
        TuningResult paused = tuner.get().run();
        assertThat(paused.stopReason()).isEqualTo("paused");
        List<Trial> suspended = paused.trials().stream().filter(t -> t.reason().equals("experiment paused")).toList();
        assertThat(suspended).isNotEmpty().allSatisfy(t -> {
            assertThat(t.status()).isEqualTo(TrialStatus.PAUSED);
            assertThat(t.checkpoint()).isPresent();
        });

        QuadraticObjective q = new QuadraticObjective(0.05);
        TuningResult resumed = asha(out, "paused", q, 30).resume().run();

        assertThat(decisions(out.resolve("paused/events.jsonl"))).isEqualTo(decisions(out.resolve("full/events.jsonl")));
        assertThat(resumed.best()).isEqualTo(full.best());
        for (Trial t : suspended) { // went on from its checkpoint, not from zero
            assertThat(q.resumedFrom.get(t.id()).get(0)).isEqualTo(t.lastResource()).isPositive();
        }
    }

    @Test
    void extendingAFinishedExperimentWidensTheBottomRungAndPromotesEarlierTrials(@TempDir Path out) throws IOException {
        TuningResult first = asha(out, "e", new QuadraticObjective(0.05), 20).run();
        assertThat(first.trials()).hasSize(20);

        QuadraticObjective q = new QuadraticObjective(0.05);
        TuningResult extended = asha(out, "e", q, 45).resume().run();

        assertThat(extended.trials()).hasSize(45);
        assertThat(q.resumedFrom.keySet()).anyMatch(id -> id < 20); // a trial of the first run was promoted later
        assertThat(extended.trials()).extracting(Trial::status).doesNotContain(TrialStatus.RUNNING);
        JournalReplay replay = JournalReplay.replay(out.resolve("e/events.jsonl"), TunerTest.asha(5));
        assertThat(replay.state().trials()).hasSize(45);
    }

    @Test
    void aTruncatedLastEntryIsCutOffReportedAndTheRestResumed(@TempDir Path out) throws IOException {
        TuningResult full = asha(out, "full", new QuadraticObjective(0.05), 30).run();
        List<String> lines = Files.readAllLines(out.resolve("full/events.jsonl"));
        int cut = lines.size() / 2;
        String partial = lines.get(cut).substring(0, lines.get(cut).length() / 2);
        Files.createDirectories(out.resolve("torn"));
        Files.writeString(out.resolve("torn/events.jsonl"), String.join("\n", lines.subList(0, cut)) + "\n" + partial);
        List<String> notes = new ArrayList<>();

        TuningResult resumed = asha(out, "torn", new QuadraticObjective(0.05), 30).resume()
                .listener(new TunerListener() {
                    @Override
                    public void onNote(String message) {
                        notes.add(message);
                    }
                }).run();

        assertThat(notes).singleElement().asString()
                .contains("the last entry (line " + (cut + 1) + ") is not valid JSON")
                .contains(cut + " intact events recovered");
        assertThat(resumed.best()).isEqualTo(full.best());
        assertThat(decisions(out.resolve("torn/events.jsonl"))).isEqualTo(decisions(out.resolve("full/events.jsonl")));
    }

    @Test
    void aCorruptEntryBeforeTheLastIsAnErrorNamingItsLine(@TempDir Path out) throws IOException {
        asha(out, "full", new QuadraticObjective(), 10).run();
        List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve("full/events.jsonl")));
        lines.set(4, "{\"seq\": 5, \"type\": \"start\", garbage");
        Files.write(out.resolve("full/events.jsonl"), lines);

        assertThatThrownBy(() -> asha(out, "full", new QuadraticObjective(), 10).resume().run())
                .hasMessageContaining("events.jsonl line 5 is corrupt (not valid JSON")
                .hasMessageContaining("cannot be replayed past line 4");
    }

    @Test
    void anExistingExperimentIsNotOverwrittenAndAMissingOneNotResumed(@TempDir Path out) {
        asha(out, "e", new QuadraticObjective(), 5).run();
        assertThatThrownBy(() -> asha(out, "e", new QuadraticObjective(), 5).run())
                .hasMessageContaining("experiment 'e' already exists");
        assertThatThrownBy(() -> asha(out, "nothing", new QuadraticObjective(), 5).resume().run())
                .hasMessageContaining("no experiment 'nothing' to resume");
    }
}
