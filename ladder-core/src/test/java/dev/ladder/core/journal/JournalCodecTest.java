package dev.ladder.core.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.space.SearchSpace;
import dev.ladder.core.tune.JournalReplay;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The codec on a journal written by the version before typed events (every event type in it). */
class JournalCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static List<String> fixture() throws IOException {
        try (InputStream in = JournalCodecTest.class.getResourceAsStream("/journals/v1-events.jsonl")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The scheduler the fixture was written with: ASHA (promotion), r 1..27, eta 3, random search seed 5. */
    static AshaScheduler fixtureScheduler() {
        return new AshaScheduler(new RandomSearcher(SearchSpace.builder().real("x", 0, 1).build(), 5),
                Metric.minimize("loss"), 1, 27L, 3, AshaScheduler.Type.PROMOTION);
    }

    @Test
    void everyEventOfTheOldJournalDecodesAndEncodesToTheSameJson() throws IOException {
        List<String> lines = fixture();
        Set<String> types = lines.stream().map(l -> JournalCodec.type(JournalCodec.decode(l).event())).collect(Collectors.toSet());
        assertThat(types).containsExactlyInAnyOrder("experiment", "start", "resume", "restart", "idle", "result", "ignored",
                "invalid", "end", "suspend", "best_checkpoint", "gc", "resumed", "finish", "paused");
        for (String line : lines) {
            JournalEntry entry = JournalCodec.decode(line);
            String again = JournalCodec.encode(entry);
            assertThat(JournalCodec.decode(again)).as(line).isEqualTo(entry);
            // the same JSON, but that an ending's reason is written once when it is the event's own, and
            // the defaults (no ending, decided by the scheduler, an end without a checkpoint) are left out
            com.fasterxml.jackson.databind.node.ObjectNode old = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(line);
            if (old.path("then").isObject() && old.get("then").path("reason").equals(old.get("reason"))) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) old.get("then")).remove("reason");
            }
            if (old.path("then").isNull()) { // a job that goes on: no ending written
                old.remove("then");
            }
            if (old.path("by").asText().equals("scheduler")) { // the default
                old.remove("by");
            }
            if (old.path("checkpoint_resource").isNull()) {
                old.remove("checkpoint_resource");
            }
            if (old.path("type").asText().equals("end") && old.path("checkpoint").isNull()) { // an end without one
                old.remove("checkpoint");
            }
            assertThat(JSON.readTree(again)).as(line).isEqualTo(old);
        }
    }

    @Test
    void theOldJournalReplaysIntoTheStateItsFinishEventDescribes() throws IOException {
        JournalReplay replay = new JournalReplay(fixtureScheduler(), new ExperimentState(null, null));
        List<JournalEntry> entries = new ArrayList<>();
        for (String line : fixture()) {
            entries.add(JournalCodec.decode(line));
        }
        entries.forEach(replay);

        ExperimentState state = replay.state();
        JournalEvent.Summary finish = ((JournalEvent.Finish) entries.get(entries.size() - 1).event()).summary();
        assertThat(state.trials()).hasSize(finish.trials());
        assertThat(state.totalResource()).isEqualTo(finish.totalResource());
        assertThat(state.best().orElseThrow().trialId()).isEqualTo(finish.bestTrial());
        assertThat(state.best().orElseThrow().value()).isEqualTo(finish.bestValue());
        assertThat(state.openJobs()).isEmpty();
        assertThat(state.suspended()).isEmpty();
        assertThat(state.header().orElseThrow().metric()).isEqualTo(Metric.minimize("loss"));
        long failedEnds = entries.stream().filter(e -> e.event() instanceof JournalEvent.End end && end.status() == TrialStatus.FAILED).count();
        assertThat(state.failures()).isEqualTo(failedEnds).isPositive();
        assertThat(state.trials().values()).extracting(t -> t.status()).doesNotContain(TrialStatus.RUNNING);
    }

    @Test
    void anExperimentOfTheOldVersionResumesAndGoesOn(@org.junit.jupiter.api.io.TempDir java.nio.file.Path out) throws IOException {
        java.nio.file.Path events = out.resolve("e/events.jsonl");
        java.nio.file.Files.createDirectories(events.getParent());
        java.nio.file.Files.write(events, fixture());

        dev.ladder.core.tune.TuningResult r = dev.ladder.core.tune.Tuner.builder().scheduler(fixtureScheduler())
                .objective(new dev.ladder.core.tune.QuadraticObjective()).workers(2).maxTrials(26).maxFailures(100)
                .output(out, "e").resume().run();

        assertThat(r.trials()).hasSize(26);
        List<String> after = java.nio.file.Files.readAllLines(events);
        // its checkpoint folders were not copied: each recorded one is let go, saying why
        assertThat(after.subList(fixture().size(), after.size()))
                .anyMatch(l -> l.contains("\"type\":\"gc\"") && l.contains("is missing"));
        JournalReplay again = dev.ladder.core.tune.JournalReplay.replay(events, fixtureScheduler());
        assertThat(again.state().trials()).hasSize(26);
        assertThat(again.state().best()).isEqualTo(r.best());
    }

    @Test
    void aBadEventIsNamedWithItsSeqTypeAndField() {
        assertThatThrownBy(() -> JournalCodec.decode("{\"seq\":7,\"type\":\"result\",\"resource\":3,\"metrics\":{}}"))
                .hasMessage("event 7 (result) lacks 'trial'");
        assertThatThrownBy(() -> JournalCodec.decode("{\"seq\":8,\"type\":\"start\",\"trial\":1,\"resource\":\"x\",\"config\":{}}"))
                .hasMessage("event 8 (start) has a 'resource' that is not a number: \"x\"");
        assertThatThrownBy(() -> JournalCodec.decode("{\"seq\":9,\"type\":\"teleport\"}"))
                .hasMessage("event 9 (teleport) has an unknown type");
        assertThatThrownBy(() -> JournalCodec.decode("{\"seq\":10,\"type\":\"end\",\"trial\":1,\"status\":\"GONE\"}"))
                .hasMessage("event 10 (end) has an unknown status 'GONE'");
        assertThatThrownBy(() -> JournalCodec.decode("[1,2]")).hasMessageContaining("not an event object");
        assertThatThrownBy(() -> JournalCodec.decode("{\"seq\":1,")).hasMessageContaining("not valid JSON");
    }

    @Test
    void olderFieldsThatAreMissingTakeTheirDefaults() {
        JournalEvent.Result r = (JournalEvent.Result) JournalCodec.decode(
                "{\"seq\":3,\"type\":\"result\",\"trial\":0,\"resource\":1,\"metrics\":{\"loss\":0.5},\"decision\":\"PAUSE\"}").event();
        assertThat(r.byScheduler()).isTrue();
        assertThat(r.then()).isNull();
        assertThat(r.metrics()).isEqualTo(Map.of("loss", 0.5));
        JournalEvent.Gc gc = (JournalEvent.Gc) JournalCodec.decode("{\"seq\":4,\"type\":\"gc\",\"trial\":0}").event();
        assertThat(gc.best()).isFalse();
        JournalEvent.End end = (JournalEvent.End) JournalCodec.decode(
                "{\"seq\":5,\"type\":\"end\",\"trial\":0,\"status\":\"PAUSED\",\"checkpoint\":\"/old/abs/trial-0\"}").event();
        assertThat(end.checkpoint()).isEqualTo(new JournalEvent.CheckpointRef("/old/abs/trial-0", null));
        JournalEvent.Suspend s = (JournalEvent.Suspend) JournalCodec.decode(
                "{\"seq\":6,\"type\":\"suspend\",\"trial\":0,\"resource\":3}").event();
        assertThat(s.checkpoint()).isNull(); // names none: the recorded one stays
    }

    @Test
    void instantsAreWrittenAsInstantToStringWritesThem() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 10_000; i++) {
            java.time.Instant t = java.time.Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100), switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            });
            assertThat(Times.format(t)).isEqualTo(t.toString());
        }
    }

    @Test
    void encodingStreamsNumbersAndTextAsJson() throws IOException {
        JournalEntry e = new JournalEntry(12, java.time.Instant.parse("2026-12-04T00:00:00Z"), new JournalEvent.Result(3, 9,
                new java.util.TreeMap<>(Map.of("loss", 0.1 + 0.2, "acc", 1e-12)), "CONTINUE", "quote \" and \n newline", true, null, 1.5));
        JsonNode node = JSON.readTree(JournalCodec.encode(e));
        assertThat(node.get("metrics").get("loss").asDouble()).isEqualTo(0.1 + 0.2);
        assertThat(node.get("metrics").get("acc").asDouble()).isEqualTo(1e-12);
        assertThat(node.get("reason").asText()).isEqualTo("quote \" and \n newline");
        assertThat(JournalCodec.decode(node)).isEqualTo(e);
    }
}
