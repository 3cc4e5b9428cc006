package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.background;
import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.DemoCommandTest.Background;
import dev.ladder.cli.DemoCommandTest.Run;
import dev.ladder.core.Await;
import dev.ladder.store.Store;
import dev.ladder.store.TrialRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19 from the command line: enqueue and prior data (part 3), ladder exclude (part 5), the budget warning (part 6). */
class WarmStartCommandsTest {
    private static final Path QUADRATIC = Path.of("../examples/quadratic/experiment.yaml");

    private static List<TrialRow> trials(Path out, String name) {
        try (Store store = Store.open(out.toString())) {
            return store.trials(store.experiment(name).orElseThrow().id());
        }
    }

    private static Path spec(Path dir, String extra) throws Exception {
        Files.copy(Path.of("../examples/quadratic/trial.sh"), dir.resolve("trial.sh"));
        return Files.writeString(dir.resolve("experiment.yaml"), Files.readString(QUADRATIC) + extra);
    }

    @Test
    void enqueuedConfigsRunFirstAnIdleExperimentTakesAnExclusionAndPriorDataFeedsTheNext(@TempDir Path dir) throws Exception {
        Path spec = spec(dir, "enqueue:\n  - {lr: 0.003, layers: 1}\n");
        Files.writeString(dir.resolve("more.csv"), "lr,layers\n0.01,2\n");
        String out = dir.resolve("runs").toString();
        Run r = ladder("run", spec.toString(), "--enqueue", dir.resolve("more.csv").toString(), "--out", out);
        assertThat(r.code()).as(r.err()).isZero();
        // 20 trials over rungs 1, 3, 9, 27 with eta 3: none reaches 27, and the start of the run says so
        assertThat(r.out()).contains("warning: with max trials 20, asha brings no trial to the maximum resource 27 "
                + "if every promotion is right (the highest it reaches is 9): one trial gets there with at least 27 trials");
        List<TrialRow> rows = trials(dir.resolve("runs"), "quadratic");
        assertThat(rows.get(0).configJson()).isEqualTo("{\"lr\":0.003,\"layers\":1}");
        assertThat(rows.get(1).configJson()).isEqualTo("{\"lr\":0.01,\"layers\":2}");

        String best = ladder("show", "quadratic", "--out", out).out().replaceAll("(?s).*best .*\\(trial (\\d+) at.*", "$1");
        Run ex = ladder("exclude", "quadratic", best, "--reason", "a known bug in its run", "--out", out);
        assertThat(ex.code()).as(ex.err()).isZero();
        assertThat(ex.out()).contains("Excluded trial " + best + " of quadratic: a known bug in its run");
        Run show = ladder("show", "quadratic", "--out", out);
        assertThat(show.out()).contains("excluded   trial " + best + ": a known bug in its run")
                .doesNotContain("(trial " + best + " at");
        assertThat(ladder("exclude", "quadratic", best, "--reason", "again", "--out", out).out())
                .contains("Trial " + best + " of quadratic is excluded already: a known bug in its run");
        assertThat(ladder("exclude", "quadratic", "99", "--reason", "x", "--out", out).err())
                .contains("experiment quadratic has no trial 99 (its trials are 0 to 19)");
        assertThat(ladder("ls", "--out", out).out()).startsWith("quadratic  FINISHED  20 trials"); // its status is kept

        // the resume replays the exclusion and the enqueued configs: every decision checks out
        Run more = ladder("resume", "quadratic", "--max-trials", "24", "--out", out);
        assertThat(more.code()).as(more.err()).isZero();
        assertThat(more.out()).contains("Trials: 24 started;").contains(" 0 failed");

        // the next experiment learns from this one: kde with prior data, RUSH with its best as the arm
        Path next = Files.writeString(dir.resolve("next.yaml"), Files.readString(spec)
                .replace("name: quadratic", "name: next").replace("scheduler: {name: asha, eta: 3}", "scheduler: {name: rush, eta: 3}\nsearcher: kde")
                .replace("max_trials: 20", "max_trials: 27") + "prior: quadratic\n");
        Run warm = ladder("run", next.toString(), "--out", out);
        assertThat(warm.code()).as(warm.err()).isZero();
        assertThat(warm.out()).doesNotContain("warning:");
        List<TrialRow> nextRows = trials(dir.resolve("runs"), "next");
        String bestConfig = ladder("show", "quadratic", "--out", out).out().replaceAll("(?s).*\n  config +(\\{[^\n]*\\}).*", "$1");
        assertThat(nextRows.get(0).configJson()).as("RUSH's transferred arm: the prior's best").isEqualTo(bestConfig);
        assertThat(nextRows.get(1).configJson()).as("then the enqueued").isEqualTo("{\"lr\":0.003,\"layers\":1}");
        try (Store store = Store.open(out)) {
            long id = store.experiment("next").orElseThrow().id();
            assertThat(store.eventsOfType(id, "prior")).hasSize(1);
            assertThat(store.eventsOfType(id, "prior").get(0).body()).contains("\"source\":\"quadratic\"");
        }
    }

    @Test
    void aRunningExperimentsTunerJournalsTheExclusion(@TempDir Path dir) throws Exception {
        Path spec = RunCommandTest.gatedQuadratic(dir, "workers: 2", "workers: 1", "max_trials: 20", "max_trials: 3");
        String runs = dir.resolve("runs").toString();
        Background running = background("run", spec.toString(), "--out", runs);
        Await.until("a trial process to start", Duration.ofMinutes(2), () -> Files.exists(dir.resolve("started")), running::outSoFar);

        Run ex = ladder("exclude", "quadratic", "0", "--reason", "NaN in its run", "--out", runs);
        assertThat(ex.code()).as(ex.err()).isZero();
        assertThat(ex.out()).contains("Asked the tuner running quadratic to exclude trial 0").contains("Excluded trial 0 of quadratic");
        Files.createFile(dir.resolve("go"));
        Run done = running.get();
        assertThat(done.code()).as(done.err()).isZero();
        TrialRow zero = trials(dir.resolve("runs"), "quadratic").get(0);
        assertThat(zero.status().name()).isEqualTo("STOPPED");
        assertThat(zero.reason()).isEqualTo("excluded: NaN in its run");
        assertThat(ladder("show", "quadratic", "--out", runs).out()).contains("excluded   trial 0: NaN in its run")
                .doesNotContain("(trial 0 at");
    }

    /** Part 4: the samples example, reports at multiples of each trial's batch size, judged at the first report past each rung. */
    @Test
    void samplesSeenAsTheResourceWithReportsAtIrregularAmounts(@TempDir Path dir) throws Exception {
        String out = dir.resolve("runs").toString();
        Run r = ladder("run", "../examples/samples/experiment.yaml", "--out", out);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Trials: 30 started;").contains(" 0 failed");
        List<TrialRow> rows = trials(dir.resolve("runs"), "samples");
        assertThat(rows).allSatisfy(t -> assertThat(t.lastResource()).isGreaterThanOrEqualTo(300));
        assertThat(rows).anySatisfy(t -> assertThat(t.lastResource()).isGreaterThanOrEqualTo(8100));
        assertThat(rows).as("reports fall between the rung levels").anySatisfy(t -> assertThat(t.lastResource())
                .isNotIn(300L, 900L, 2700L, 8100L));
        Run why = ladder("why", "samples", "0", "--out", out);
        assertThat(why.out()).containsPattern("rung 0 \\(r=300, by the report at \\d+\\)");
    }

    /** A JSON-lines experiment of the Java API that no process runs: ladder exclude appends to its journal, and a resume replays it. */
    @Test
    void aJsonLinesExperimentTakesAnExclusionWhenNoProcessHasItOpen(@TempDir Path out) {
        java.util.function.IntFunction<dev.ladder.core.tune.Tuner.Builder> quadratic = trials -> dev.ladder.core.tune.Tuner.builder()
                .scheduler(new dev.ladder.core.schedule.AshaScheduler(new dev.ladder.core.search.RandomSearcher(
                        dev.ladder.core.tune.QuadraticObjective.SPACE, 3), dev.ladder.core.Metric.minimize("loss"), 1, 9L, 3))
                .objective(new dev.ladder.core.tune.QuadraticObjective(0.05)).workers(1).maxTrials(trials).output(out, "jq");
        int best = quadratic.apply(8).run().best().orElseThrow().trialId();
        Run ex = ladder("exclude", "jq", Integer.toString(best), "--reason", "bug", "--out", out.toString());
        assertThat(ex.code()).as(ex.err()).isZero();
        assertThat(ladder("show", "jq", "--out", out.toString()).out()).contains("excluded   trial " + best + ": bug")
                .doesNotContain("(trial " + best + " at");
        dev.ladder.core.tune.TuningResult resumed = quadratic.apply(10).resume().run();
        assertThat(resumed.trials()).hasSize(10);
        assertThat(resumed.best().orElseThrow().trialId()).isNotEqualTo(best);
    }

    @Test
    void aBadEnqueuedConfigIsNamedWithItsKeyAndLine(@TempDir Path dir) throws Exception {
        Path spec = spec(dir, "enqueue:\n  - {lr: 0.003, layers: 1}\n  - {lr: 0.003, layers: 9}\n");
        Run r = ladder("run", spec.toString(), "--out", dir.resolve("runs").toString());
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("experiment.yaml:12: key 'enqueue'").contains("config 2 of 2").contains("parameter 'layers': value 9 is outside its domain");
        Files.writeString(dir.resolve("bad.json"), "[{\"lr\": 0.5, \"layer\": 2}]");
        Files.createDirectories(dir.resolve("x"));
        Run flag = ladder("run", spec(dir.resolve("x"), "").toString(), "--enqueue", dir.resolve("bad.json").toString(),
                "--out", dir.resolve("runs").toString());
        assertThat(flag.err()).contains("enqueue: " + dir.resolve("bad.json") + ": config 1 of 1");
    }
}
