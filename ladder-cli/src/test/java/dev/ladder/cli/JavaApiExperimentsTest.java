package dev.ladder.cli;

import dev.ladder.core.Best;
import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.DemoCommandTest.Run;
import dev.ladder.core.Await;
import dev.ladder.core.Metric;
import dev.ladder.core.schedule.AshaScheduler;
import dev.ladder.core.search.RandomSearcher;
import dev.ladder.core.tune.QuadraticObjective;
import dev.ladder.core.tune.Tuner;
import dev.ladder.core.tune.TuningResult;
import dev.ladder.store.Store;
import dev.ladder.store.StoreLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Experiments made by the Java API, not the CLI, read by ls, show and export: a JSON-lines folder written by
 * {@code Tuner.output(dir, name)} and a store experiment created with {@code StoreLog.create(store, name, "{}", seed)}.
 */
class JavaApiExperimentsTest {

    private static Tuner.Builder quadratic(int seed) {
        return Tuner.builder()
                .scheduler(new AshaScheduler(new RandomSearcher(QuadraticObjective.SPACE, seed), Metric.minimize("loss"), 1, 9, 3))
                .objective(new QuadraticObjective(0.05)).workers(1).maxTrials(8);
    }

    /** "loss 0.1234 (trial 3 at 9)", as ls and show print the best. */
    private static String best(TuningResult r) {
        Best b = r.best().orElseThrow();
        return String.format(Locale.ROOT, "loss %.4f (trial %d at %d)", b.value(), b.trialId(), b.resource());
    }

    @Test
    void aJsonLinesExperimentIsListedShownAndExported(@TempDir Path out) throws Exception {
        TuningResult r = quadratic(3).output(out, "jq").run();
        Path folder = out.resolve("jq");

        Run ls = ladder("ls", "--out", out.toString()); // no store in out: the journal alone is listed
        assertThat(ls.code()).as(ls.err()).isZero();
        assertThat(ls.out()).startsWith("jq  FINISHED  8 trials  best " + best(r) + "  created ")
                .contains("journal " + folder.resolve("events.jsonl"));

        Run show = ladder("show", "jq", "--out", out.toString());
        assertThat(show.code()).as(show.err()).isZero();
        String config = "{\"x\":" + r.best().orElseThrow().config().getDouble("x") + "}";
        assertThat(show.out()).contains("Experiment jq (" + folder.resolve("events.jsonl") + ")")
                .contains("status     FINISHED").contains("scheduler asha(").contains("metric     loss (min)")
                .contains("best       " + best(r)).contains("config     " + config).contains("trials     8:")
                .contains("checkpoints 8 trials have one; ").contains(" under " + folder.resolve("checkpoints"))
                .doesNotContain("; seed ");

        Run csv = ladder("export", "jq", "--format", "csv", "--out", out.toString());
        assertThat(csv.code()).as(csv.err()).isZero();
        assertThat(csv.out()).isEqualTo(Files.readString(folder.resolve("results.csv"))); // the Tuner's own table
        Run jsonl = ladder("export", "jq", "--format", "jsonl", "--out", out.toString());
        assertThat(jsonl.out()).isEqualTo(Files.readString(folder.resolve("events.jsonl")));

        Run onJournal = ladder("export", "jq", "--format", "jsonl", "-o", folder.resolve("events.jsonl").toString(),
                "--force", "--out", out.toString());
        assertThat(onJournal.code()).isEqualTo(1);
        assertThat(onJournal.err()).contains("it is the journal of experiment jq");
        assertThat(Files.readString(folder.resolve("events.jsonl"))).isEqualTo(jsonl.out());

        for (String cmd : List.of("resume", "pause")) {
            Run refused = ladder(cmd, "jq", "--out", out.toString());
            assertThat(refused.code()).isEqualTo(1);
            assertThat(refused.err()).contains("experiment jq is a JSON-lines journal (" + folder.resolve("events.jsonl")
                    + "), not in a store: ladder " + cmd + " cannot act on it");
            assertThat(out.resolve("ladder.db")).as("no store created by " + cmd).doesNotExist();
        }
        assertThat(ladder("resume", "jq", "--out", out.toString()).err()).contains("needs the Java program that defines its objective");
    }

    @Test
    void aStoreExperimentCreatedFromJavaShowsItsRealMetricAndBestBesideAJournal(@TempDir Path out) {
        TuningResult stored;
        try (Store store = Store.open(out.toString())) {
            stored = quadratic(7).log(StoreLog.create(store, "durable", "{}", 7), out.resolve("durable/checkpoints"), "durable").run();
        }
        TuningResult journal = quadratic(3).output(out, "jq").run();

        Run ls = ladder("ls", "--out", out.toString());
        assertThat(ls.out().lines().toList()).hasSize(2);
        assertThat(ls.out()).startsWith("durable  FINISHED  8 trials  best " + best(stored) + "  created ")
                .contains("\njq  FINISHED  8 trials  best " + best(journal)).doesNotContain("NaN");

        Run show = ladder("show", "durable", "--out", out.toString());
        assertThat(show.out()).contains("metric     loss (min)").contains("best       " + best(stored))
                .contains("; seed 7; scheduler asha(levels=[1, 3, 9], eta=3, searcher=random(seed=7))").doesNotContain("NaN");
        List<String> csv = ladder("export", "durable", "--out", out.toString()).out().lines().toList();
        assertThat(csv.get(0)).isEqualTo("trial,resource,seconds,loss,x");
        assertThat(ladder("show", "jq", "--out", out.toString()).out()).contains("best       " + best(journal));
    }

    @Test
    void aTornLastLineIsReportedAndABadMiddleLineNamed(@TempDir Path out) throws Exception {
        TuningResult r = quadratic(3).output(out, "torn").run();
        Path events = out.resolve("torn/events.jsonl");
        String intact = Files.readString(events);
        long lines = intact.lines().count();
        Files.writeString(events, "{\"seq\":" + (lines + 1) + ",\"type\":\"res", StandardOpenOption.APPEND);

        Run ls = ladder("ls", "--out", out.toString());
        assertThat(ls.code()).isZero();
        assertThat(ls.out()).startsWith("torn  FINISHED  8 trials  best " + best(r));
        assertThat(ls.err()).contains(events + ": the last line (" + (lines + 1) + ") is not valid JSON");
        Run show = ladder("show", "torn", "--out", out.toString());
        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("journal    " + events + ": the last line (" + (lines + 1) + ")");
        assertThat(ladder("export", "torn", "--format", "jsonl", "--out", out.toString()).out()).isEqualTo(intact);
        assertThat(Files.size(events)).as("reading repairs nothing").isGreaterThan(intact.length());

        // a bad line with events after it: that experiment is named as unreadable, the others are still listed
        quadratic(4).output(out, "ok").run();
        List<String> good = intact.lines().toList();
        Files.writeString(events, good.get(0) + "\n{oops\n" + String.join("\n", good.subList(2, good.size())) + "\n");
        Run again = ladder("ls", "--out", out.toString());
        assertThat(again.code()).isZero();
        assertThat(again.out()).startsWith("ok  FINISHED").doesNotContain("torn");
        assertThat(again.err()).contains(events + " line 2 is not valid JSON ({oops) and more events follow it");
        Run bad = ladder("show", "torn", "--out", out.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains(events + " line 2 is not valid JSON");

        // valid JSON, but a start event without its resource, with an event after it
        Files.createDirectories(out.resolve("odd"));
        Files.writeString(out.resolve("odd/events.jsonl"), good.get(0) + "\n{\"seq\":2,\"type\":\"start\",\"trial\":0}\n"
                + good.get(2) + "\n");
        Run odd = ladder("show", "odd", "--out", out.toString());
        assertThat(odd.code()).isEqualTo(1);
        assertThat(odd.err()).contains(out.resolve("odd/events.jsonl") + " line 2 is not a valid event (event 2 (start) lacks 'resource')"
                + " and more events follow it");
    }

    @Test
    void aJournalIsRunningWhileAProcessHoldsItAndInterruptedWhenNoneDoes(@TempDir Path out) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        QuadraticObjective inner = new QuadraticObjective();
        CompletableFuture<TuningResult> run = CompletableFuture.supplyAsync(() -> quadratic(3)
                .objective((config, ctx) -> {
                    try {
                        release.await(2, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    inner.run(config, ctx);
                })
                .output(out, "live").run());
        Path events = out.resolve("live/events.jsonl");
        Await.until("the first trial to start", () -> Files.exists(events) && read(events).contains("\"type\":\"start\""));

        Run ls = ladder("ls", "--out", out.toString());
        assertThat(ls.out()).startsWith("live  RUNNING  1 trials  best -");
        assertThat(ladder("show", "live", "--out", out.toString()).out())
                .contains("status     RUNNING, held by process " + ProcessHandle.current().pid());

        // the same journal, held by no process: its session ended without finish or paused
        Files.createDirectories(out.resolve("dead"));
        Files.writeString(out.resolve("dead/events.jsonl"), read(events));
        assertThat(ladder("ls", "--out", out.toString()).out()).contains("dead  INTERRUPTED  1 trials  best -");

        release.countDown();
        run.get(2, TimeUnit.MINUTES);
        assertThat(ladder("ls", "--out", out.toString()).out()).contains("live  FINISHED  8 trials");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
