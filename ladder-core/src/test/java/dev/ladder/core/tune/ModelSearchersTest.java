package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.SchedulerSpec;
import dev.ladder.core.search.SearcherSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The model-based searchers through the real tuner: determinism, journal replay and resume after a crash. */
class ModelSearchersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Metric LOSS = Metric.minimize("loss");

    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of("fifo", SearcherSpec.of("gp")),
                Arguments.of("async-hyperband", SearcherSpec.of("mobster")),
                Arguments.of("async-hyperband-stopping", SearcherSpec.of("mobster").with("kernel", "matern52")),
                Arguments.of("asha", SearcherSpec.of("mobster").with("kernel", "exp-decay-combined")),
                Arguments.of("asha-stopping", SearcherSpec.of("mobster").with("kernel", "exp-decay-delta1")),
                Arguments.of("hyperband", SearcherSpec.of("mobster")));
    }

    private static Supplier<Scheduler> scheduler(String scheduler, SearcherSpec searcher, long seed) {
        SchedulerSpec spec = SchedulerSpec.of(scheduler).maxResource(27L).trials(30);
        return () -> spec.build(searcher.build(TunerTest.SPACE, LOSS, seed), LOSS);
    }

    private static List<Config> configs(TuningResult r) {
        return r.trials().stream().sorted(java.util.Comparator.comparingInt(Trial::id)).map(Trial::config).toList();
    }

    @ParameterizedTest
    @MethodSource("combinations")
    void theSameSeedGivesTheSameSuggestionsAndAnotherSeedOthers(String name, SearcherSpec searcher) {
        List<List<Config>> runs = new ArrayList<>();
        for (long seed : new long[] {7, 7, 8}) {
            runs.add(configs(Tuner.builder().scheduler(scheduler(name, searcher, seed).get())
                    .objective(new QuadraticObjective(0.02)).workers(1).maxTrials(20).run()));
        }
        assertThat(runs.get(0)).hasSize(20).isEqualTo(runs.get(1));
        assertThat(runs.get(2)).isNotEqualTo(runs.get(0));
    }

    /** The journal of a run on three threads, replayed into a fresh scheduler and searcher, gives every suggestion again. */
    @ParameterizedTest
    @MethodSource("combinations")
    void replayingTheJournalRebuildsTheModelsSuggestions(String name, SearcherSpec searcher, @TempDir Path out) {
        Supplier<Scheduler> fresh = scheduler(name, searcher, 8);
        TuningResult r = Tuner.builder().scheduler(fresh.get()).objective(new QuadraticObjective(0.02)).workers(3)
                .maxTrials(30).output(out, "e").run();
        assertThat(r.countByStatus().get(TrialStatus.FAILED)).isZero();
        JournalReplay replay = JournalReplay.replay(out.resolve("e/events.jsonl"), fresh.get());
        for (Trial t : r.trials()) {
            Trial again = replay.state().trial(t.id());
            assertThat(again.config()).isEqualTo(t.config());
            assertThat(again.status()).isEqualTo(t.status());
            assertThat(again.lastResource()).isEqualTo(t.lastResource());
        }
    }

    /** A crash after any event, then a resume (replay of the journal, then live): the decisions of an uninterrupted run. */
    @ParameterizedTest
    @MethodSource("combinations")
    void aResumeAfterACrashMakesTheSuggestionsAndDecisionsOfAnUninterruptedRun(String name, SearcherSpec searcher,
                                                                                @TempDir Path out) throws IOException {
        Supplier<Tuner.Builder> run = () -> Tuner.builder().scheduler(scheduler(name, searcher, 3).get())
                .objective(new QuadraticObjective(0.02)).workers(1).maxTrials(20);
        TuningResult full = run.get().output(out, "full").run();
        List<String> lines = Files.readAllLines(out.resolve("full/events.jsonl"));
        List<String> expected = decisions(out.resolve("full/events.jsonl"));
        Random random = new Random(11);
        for (int n = 0; n < 3; n++) {
            int cut = 1 + random.nextInt(lines.size() - 2);
            String dir = "cut-" + cut;
            Files.createDirectories(out.resolve(dir));
            Files.write(out.resolve(dir + "/events.jsonl"), lines.subList(0, cut));
            TuningResult resumed = run.get().output(out, dir).resume().run();
            assertThat(decisions(out.resolve(dir + "/events.jsonl"))).as("cut after event %d", cut).isEqualTo(expected);
            assertThat(configs(resumed)).isEqualTo(configs(full));
        }
    }

    /** (trial, config, resource, decision, reason) of every start and result. */
    private static List<String> decisions(Path events) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode e = JSON.readTree(line);
            String type = e.get("type").asText();
            if (type.equals("result") || type.equals("start")) {
                out.add(type + " " + e.get("trial") + " " + e.get("config") + "@" + e.get("resource") + " " + e.get("decision")
                        + " " + e.get("reason"));
            }
        }
        return out;
    }
}
