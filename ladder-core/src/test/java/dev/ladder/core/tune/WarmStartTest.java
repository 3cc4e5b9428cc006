package dev.ladder.core.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ladder.core.Best;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.PriorTrial;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.search.gp.GpSearcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Warm starts (issue 19, part 3) and exclusions (part 5) through the tuner, its journal and replay. */
class WarmStartTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Metric LOSS = Metric.minimize("loss");
    private static final List<Config> ENQUEUED = List.of(x(0.31), x(0.9), x(0.05));

    private static Config x(double x) {
        return Config.of(Map.of("x", x));
    }

    private static Tuner.Builder asha(Path out, String name) {
        return Tuner.builder().scheduler(TunerTest.asha(5)).objective(new QuadraticObjective(0.05)).workers(1).maxTrials(20)
                .output(out, name);
    }

    /** (trial, resource, decision, reason, by) of every result, and every start's config. */
    private static List<String> decisions(Path events) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode e = JSON.readTree(line);
            String type = e.get("type").asText();
            if (type.equals("result")) {
                out.add(e.get("trial") + "@" + e.get("resource") + " " + e.get("decision") + " " + e.get("reason") + " " + e.get("by"));
            } else if (type.equals("start") || type.equals("exclude")) {
                out.add(type + " " + e.get("trial") + " " + e.path("config") + e.path("reason"));
            }
        }
        return out;
    }

    private static List<String> types(Path events) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            out.add(JSON.readTree(line).get("type").asText());
        }
        return out;
    }

    @Test
    void enqueuedConfigsRunFirstAndAResumeNeitherRepeatsNorForgetsThem(@TempDir Path out) throws IOException {
        TuningResult full = asha(out, "full").enqueue(QuadraticObjective.SPACE, ENQUEUED).run();
        assertThat(full.trials().subList(0, 3)).extracting(Trial::config).containsExactlyElementsOf(ENQUEUED);
        assertThat(full.trials().get(3).config()).isNotIn(ENQUEUED);
        List<String> lines = Files.readAllLines(out.resolve("full/events.jsonl"));
        assertThat(types(out.resolve("full/events.jsonl")).subList(0, 2)).containsExactly("experiment", "enqueue");

        // the process died once trial 0 had started: trials 1 and 2 still take the enqueued configs, once each
        int cut = types(out.resolve("full/events.jsonl")).indexOf("start") + 1;
        Files.createDirectories(out.resolve("cut"));
        Files.write(out.resolve("cut/events.jsonl"), lines.subList(0, cut));
        TuningResult resumed = asha(out, "cut").enqueue(QuadraticObjective.SPACE, ENQUEUED).resume().run();

        assertThat(decisions(out.resolve("cut/events.jsonl"))).isEqualTo(decisions(out.resolve("full/events.jsonl")));
        assertThat(types(out.resolve("cut/events.jsonl")).stream().filter("enqueue"::equals)).hasSize(1);
        assertThat(resumed.best()).isEqualTo(full.best());
        // replay of the journal alone rebuilds the same scheduler: every start (the enqueued ones included) matches
        JournalReplay replay = JournalReplay.replay(out.resolve("cut/events.jsonl"), TunerTest.asha(5));
        assertThat(replay.state().enqueued()).isEqualTo(ENQUEUED);
    }

    @Test
    void anEnqueuedConfigOutsideTheSpaceIsRefusedNamingItAndTheParameter(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> Tuner.builder().enqueue(QuadraticObjective.SPACE, x(0.5), x(2.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("enqueued: config 2 of 2 {x=2.0}: parameter 'x': value 2.0 is outside its domain {type=real, lower=0.0, upper=1.0}");
        Path csv = Files.writeString(dir.resolve("configs.csv"), "x\n0.5\n0.7,1\n");
        assertThatThrownBy(() -> WarmStart.configsFromFile(csv, QuadraticObjective.SPACE))
                .hasMessage("enqueue: " + csv + " line 3 has 2 fields, the header 1");
        Path yaml = Files.writeString(dir.resolve("configs.yaml"), "- {x: 0.5}\n- {y: 0.5}\n");
        assertThatThrownBy(() -> WarmStart.configsFromFile(yaml, QuadraticObjective.SPACE))
                .hasMessageStartingWith("enqueue: " + yaml + ": config 2 of 2 {y=0.5}: ")
                .hasMessageContaining("'x'");
        Path json = Files.writeString(dir.resolve("configs.json"), "{\"configs\": [{\"x\": 0.25}, {\"x\": 1}]}");
        assertThat(WarmStart.configsFromFile(json, QuadraticObjective.SPACE)).containsExactly(x(0.25), Config.of(Map.of("x", 1L)));
    }

    /** Prior data as the quadratic objective would have given it at r = 27. */
    private static PriorData prior() {
        List<PriorTrial> trials = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            double x = i / 11.0;
            trials.add(new PriorTrial(x(x), List.of(new PriorTrial.Point(27, Map.of("loss", (x - 0.3) * (x - 0.3) + 1.0 / 27)))));
        }
        return PriorData.of("test prior", trials);
    }

    @Test
    void priorDataChangesTheGpsSuggestionsAndReplayRebuildsTheSameModel(@TempDir Path out) throws IOException {
        GpSearcher cold = new GpSearcher(QuadraticObjective.SPACE, LOSS, 7, 5, 500);
        GpSearcher warm = new GpSearcher(QuadraticObjective.SPACE, LOSS, 7, 5, 500);
        warm.observePrior(prior().trials());
        assertThat(warm.observations()).isEqualTo(12);
        Config coldFirst = cold.next(0).orElseThrow();
        Config warmFirst = warm.next(0).orElseThrow();
        assertThat(warmFirst).isNotEqualTo(coldFirst);
        assertThat(Math.abs(warmFirst.getDouble("x") - 0.3)).as("the model learned where the minimum is").isLessThan(0.15);

        Tuner.builder().scheduler(gpAsha()).objective(new QuadraticObjective()).workers(1).maxTrials(8)
                .prior(prior()).output(out, "warm").run();
        Path events = out.resolve("warm/events.jsonl");
        assertThat(types(events).subList(0, 2)).containsExactly("experiment", "prior");
        JournalReplay replay = JournalReplay.replay(events, gpAsha()); // fails on the first start that differs
        assertThat(replay.state().priors()).containsOnlyKeys(prior().sha256());

        // without its prior event the same journal no longer replays: the model's suggestions depend on it
        JournalReplay withoutPrior = new JournalReplay(gpAsha(), new dev.ladder.core.journal.ExperimentState(LOSS, null));
        List<String> lines = Files.readAllLines(events);
        assertThatThrownBy(() -> lines.stream().map(dev.ladder.core.journal.JournalCodec::decode)
                .filter(e -> !(e.event() instanceof dev.ladder.core.journal.JournalEvent.Prior)).forEach(withoutPrior))
                .hasMessageContaining("replay diverged");
    }

    private static Scheduler gpAsha() {
        return new AshaScheduler(new GpSearcher(QuadraticObjective.SPACE, LOSS, 7, 5, 500), LOSS, 1, 27, 3);
    }

    @Test
    void anExcludedTrialLeavesTheBestAndTheRungsAndAResumeMakesTheSameDecisions(@TempDir Path out) throws IOException {
        Tuner[] tuner = new Tuner[1];
        int[] best = {-1};
        tuner[0] = asha(out, "full").enqueue(QuadraticObjective.SPACE, ENQUEUED).listener(new TunerListener() {
            @Override
            public void onResult(Trial trial, Result result, Decision decision, Best b) {
                if (trial.id() == 6 && result.resource() == 1) {
                    best[0] = b.trialId();
                    tuner[0].exclude(best[0], "a known bug in its run");
                }
            }
        }).build();
        TuningResult full = tuner[0].run();
        int excluded = best[0];
        assertThat(excluded).isGreaterThanOrEqualTo(0);
        assertThat(full.best().orElseThrow().trialId()).isNotEqualTo(excluded);
        Path events = out.resolve("full/events.jsonl");
        assertThat(decisions(events)).contains("exclude " + excluded + " \"a known bug in its run\"");
        JournalReplay replay = JournalReplay.replay(events, TunerTest.asha(5));
        assertThat(replay.state().excluded()).containsExactly(Map.entry(excluded, "a known bug in its run"));
        assertThat(replay.state().best()).isEqualTo(full.best());

        // resumed after a crash just after the exclusion: the same decisions to the end
        List<String> lines = Files.readAllLines(events);
        int cut = types(events).indexOf("exclude") + 1;
        Files.createDirectories(out.resolve("cut"));
        Files.write(out.resolve("cut/events.jsonl"), lines.subList(0, cut));
        TuningResult resumed = asha(out, "cut").enqueue(QuadraticObjective.SPACE, ENQUEUED).resume().run();
        assertThat(decisions(out.resolve("cut/events.jsonl"))).isEqualTo(decisions(events));
        assertThat(resumed.best()).isEqualTo(full.best());
    }

    @Test
    void priorDataReadsFromAnEarlierExperimentsJournalAndResultsTable(@TempDir Path out) {
        TuningResult earlier = asha(out, "earlier").run();
        PriorData fromJournal = PriorData.fromJournal(out.resolve("earlier/events.jsonl"));
        PriorData fromCsv = PriorData.fromCsv(out.resolve("earlier/results.csv"), QuadraticObjective.SPACE, "resource");
        assertThat(fromJournal.trials()).hasSize(earlier.trials().size());
        assertThat(fromCsv.trials()).hasSize(earlier.trials().size());
        assertThat(fromCsv.trials().get(4).results()).hasSameSizeAs(fromJournal.trials().get(4).results());
        assertThat(fromJournal.best(LOSS, 1)).containsExactly(earlier.best().orElseThrow().config());
    }
}
