package dev.ladder.cli;

import static dev.ladder.cli.DemoCommandTest.ladder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ladder.cli.DemoCommandTest.Run;
import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.journal.JournalCodec;
import dev.ladder.core.journal.JournalEntry;
import dev.ladder.core.journal.JournalEvent;
import dev.ladder.store.TestPostgres;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ladder why} and {@code ladder plot}, and the PNGs that demo and resume draw, on the real demo (XGBoost on the
 * bundled data) in a SQLite store and in an embedded PostgreSQL, and on a JSON-lines journal of 10^4 trials.
 */
class WhyAndPlotTest {
    private static final Pattern RANK = Pattern.compile("rank (\\d+) of (\\d+)");

    @TempDir
    Path out;

    private List<JournalEntry> journal(String name, String... where) {
        List<String> args = new ArrayList<>(List.of("export", name, "--format", "jsonl"));
        args.addAll(List.of(where));
        Run r = ladder(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().lines().map(JournalCodec::decode).toList();
    }

    /** Pixels of exactly {@code rgb} inside the plot area (away from the title, axes and legend). */
    private static long pixels(Path png, int rgb) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img).as(png + " is a PNG").isNotNull();
        assertThat(img.getWidth()).isEqualTo(900);
        long n = 0;
        for (int y = 40; y < img.getHeight() - 90; y++) {
            for (int x = 100; x < img.getWidth() - 30; x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }

    private static void drawnWithData(Path folder) throws IOException {
        Path best = folder.resolve(ExperimentPlots.BEST);
        Path curves = folder.resolve(ExperimentPlots.CURVES);
        assertThat(Files.size(best)).isGreaterThan(10_000);
        assertThat(Files.size(curves)).isGreaterThan(10_000);
        assertThat(pixels(best, 0x1f77b4)).as("the best-so-far line in the plot area").isGreaterThan(200);
        assertThat(pixels(curves, 0x1f77b4) + pixels(curves, 0x2ca02c) + pixels(curves, 0xd62728))
                .as("learning curves (paused, completed, stopped) in the plot area").isGreaterThan(2000);
        assertThat(pixels(curves, 0xffffff)).as("background left").isGreaterThan(100_000);
    }

    @Test
    void demoDrawsItsPlotsAndWhyTellsEachDecisionAsTheJournalRecordsIt() throws Exception {
        Run demo = ladder("demo", "--max-trials", "40", "--seed", "4", "--out", out.toString(), "--name", "small");
        assertThat(demo.code()).as(demo.err()).isZero();
        Path folder = out.resolve("small");
        assertThat(demo.out()).contains("Plots: " + folder.resolve(ExperimentPlots.BEST) + " and " + ExperimentPlots.CURVES
                + " (redraw with: ladder plot small)");
        drawnWithData(folder);

        List<JournalEntry> journal = journal("small", "--out", out.toString());
        Map<Integer, Integer> resumes = new HashMap<>();
        journal.forEach(e -> {
            if (e.event() instanceof JournalEvent.Resume r) {
                resumes.merge(r.trialId(), 1, Integer::sum);
            }
        });
        int promoted = resumes.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        Run why = ladder("why", "small", "#" + promoted, "--out", out.toString());
        assertThat(why.code()).as(why.err()).isZero();
        assertThat(why.out()).startsWith("Trial " + promoted + " of small (asha(levels=[3, 9, 27, 81, 243], eta=3");
        int checked = 0;
        for (JournalEntry e : journal) {
            if (e.event().trialId() != promoted) {
                continue;
            }
            String line = why.out().lines().filter(l -> l.startsWith("  seq " + e.seq() + " ")).findFirst().orElse(null);
            if (e.event() instanceof JournalEvent.Result r && r.decision().equals("pause")) {
                Matcher m = RANK.matcher(r.reason());
                assertThat(m.find()).as(r.reason()).isTrue();
                int rank = Integer.parseInt(m.group(1));
                int size = Integer.parseInt(m.group(2));
                assertThat(rank).isEqualTo(rankAt(journal, promoted, r.resource(), e.seq())); // the journal agrees with its results
                assertThat(line).as("seq " + e.seq()).isNotNull().contains(" (r=" + r.resource() + "): logloss ")
                        .contains(" ranked " + dev.ladder.core.journal.TrialPath.ordinal(rank) + " of " + size + ";")
                        .contains("promotion needs the top 1/3 of " + size + " = " + size / 3 + ": paused");
                checked++;
            } else if (e.event() instanceof JournalEvent.Resume r) {
                assertThat(line).as("seq " + e.seq()).isNotNull().contains("promoted from rung")
                        .contains("resumes from its checkpoint at r=" + r.from() + ", to run to r=" + r.resource());
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);

        Run resume = ladder("resume", "small", "--max-trials", "50", "--out", out.toString());
        assertThat(resume.code()).as(resume.err()).isZero();
        assertThat(resume.out()).contains("Plots: " + folder.resolve(ExperimentPlots.BEST));
        drawnWithData(folder);
    }

    /** Rank (1 = best) of {@code trial}'s result at {@code resource} among those recorded at it up to {@code seq}. */
    private static int rankAt(List<JournalEntry> journal, int trial, long resource, long seq) {
        double own = journal.stream().filter(e -> e.seq() == seq).map(e -> ((JournalEvent.Result) e.event()).metrics().get("logloss"))
                .findFirst().orElseThrow();
        return 1 + (int) journal.stream().filter(e -> e.seq() <= seq && e.event() instanceof JournalEvent.Result r
                && r.resource() == resource && r.metrics().get("logloss") < own).count();
    }

    @Test
    void badInputGetsOneClearMessageAndTheStoreIsNeverWrittenOver() throws Exception {
        assertThat(ladder("demo", "--max-trials", "5", "--out", out.toString(), "--name", "x").code()).isZero();
        Run noTrial = ladder("why", "x", "9", "--out", out.toString());
        assertThat(noTrial.code()).isEqualTo(1);
        assertThat(noTrial.err()).isEqualTo("ladder: experiment x has no trial 9 (its trials are 0 to 4; see ladder show x)\n");
        Run word = ladder("why", "x", "seven", "--out", out.toString());
        assertThat(word.err()).contains("TRIAL must be a trial number such as 7").contains("got 'seven'");
        Run noExperiment = ladder("why", "nope", "1", "--out", out.toString());
        assertThat(noExperiment.err()).contains("no experiment named 'nope'");
        Run plotNone = ladder("plot", "nope", "--out", out.toString());
        assertThat(plotNone.err()).contains("no experiment named 'nope'");

        Run dots = ladder("plot", "..", "--out", out.toString());
        assertThat(dots.code()).isEqualTo(1);
        assertThat(dots.err()).contains("experiment name '..' is not allowed");
        Path db = out.resolve("ladder.db");
        byte[] before = Files.readAllBytes(db);
        Run onStore = ladder("plot", "x", "--out", out.toString(), "--to", db.toString());
        assertThat(onStore.err()).isEqualTo("ladder: cannot write the plots into " + db + ": it is a file, not a folder\n");
        Path evil = Files.createDirectories(out.resolve("evil"));
        Files.createSymbolicLink(evil.resolve(ExperimentPlots.BEST), db);
        Run viaLink = ladder("plot", "x", "--out", out.toString(), "--to", evil.toString());
        assertThat(viaLink.code()).isEqualTo(1);
        assertThat(viaLink.err()).contains("cannot write " + evil.resolve(ExperimentPlots.BEST) + ": it is the store " + db);
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        assertThat(Files.exists(evil.resolve(ExperimentPlots.CURVES))).isFalse(); // refused before anything was drawn

        Path elsewhere = out.resolve("charts");
        Run plot = ladder("plot", "x", "--out", out.toString(), "--to", elsewhere.toString());
        assertThat(plot.code()).as(plot.err()).isZero();
        assertThat(plot.out()).isEqualTo("Wrote " + elsewhere.resolve(ExperimentPlots.BEST) + "\nWrote "
                + elsewhere.resolve(ExperimentPlots.CURVES) + "\n");
    }

    @Test
    void whyAndPlotReadAPostgresStore() throws Exception {
        try (TestPostgres pg = TestPostgres.start()) {
            String url = pg.freshDatabase("why");
            Run demo = ladder("demo", "--max-trials", "20", "--storage", url, "--out", out.toString(), "--name", "pgdemo");
            assertThat(demo.code()).as(demo.err()).isZero();
            assertThat(demo.out()).contains("Plots: " + out.resolve("pgdemo").resolve(ExperimentPlots.BEST));
            Run why = ladder("why", "pgdemo", "0", "--storage", url);
            assertThat(why.code()).as(why.err()).isZero();
            assertThat(why.out()).contains("seq ").contains("started from scratch, to run to r=3")
                    .contains("rung 0 (r=3): logloss ");
            assertThat(ladder("why", "pgdemo", "20", "--storage", url).err()).contains("experiment pgdemo has no trial 20");
            Path to = out.resolve("pg-plots");
            Run plot = ladder("plot", "pgdemo", "--storage", url, "--to", to.toString());
            assertThat(plot.code()).as(plot.err()).isZero();
            drawnWithData(to);
        }
    }

    /**
     * A JSON-lines journal of 10^4 trials with 10 reports each (as {@code Tuner.output} writes): both charts drawn, the
     * curves thinned to {@link ExperimentPlots#MAX_CURVES}; prints how long the command took (docs/benchmarks.md).
     */
    @Test
    void tenThousandTrialsAreDrawnThinned() throws Exception {
        Path folder = Files.createDirectories(out.resolve("big"));
        writeBigJournal(folder.resolve(Experiments.JOURNAL), 10_000, 10);
        long t0 = System.nanoTime();
        Run plot = ladder("plot", "big", "--out", out.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertThat(plot.code()).as(plot.err()).isZero();
        System.out.printf("ladder plot of 10^4 trials, 10^5 results: %d ms%n", ms);
        drawnWithData(folder);
        Run why = ladder("why", "big", "9999", "--out", out.toString());
        assertThat(why.out()).contains("started from scratch, to run to r=10").contains("completed at r=10: reached resource 10");
    }

    @Test
    void beyondAThousandTrialsTheFurthestAndBestHalfAndAnEvenSampleOfTheRestAreDrawn() {
        Map<Integer, PlotData.Curve> curves = new java.util.LinkedHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            PlotData.Curve c = new PlotData.Curve(new PlotData.Doubles(), new PlotData.Doubles());
            c.resource().add(1);
            c.value().add(i);
            if (i % 100 == 7) { // 100 trials went further
                c.resource().add(9);
                c.value().add(-i);
            }
            curves.put(i, c);
        }
        List<Integer> drawn = ExperimentPlots.thin(curves, Metric.minimize("loss"));
        assertThat(drawn).hasSize(ExperimentPlots.MAX_CURVES).doesNotHaveDuplicates();
        assertThat(drawn.subList(0, 100)).allMatch(id -> id % 100 == 7); // the furthest first, the best of them first
        assertThat(drawn.get(0)).isEqualTo(9907);
        assertThat(drawn.subList(100, 500)).containsExactlyElementsOf(
                java.util.stream.IntStream.range(0, 404).filter(i -> i % 100 != 7).limit(400).boxed().toList());
        assertThat(drawn.get(drawn.size() - 1)).isGreaterThan(9_950); // the sample reaches the last trials
    }

    /** FIFO-like: every trial reports at 1..reports and completes; the loss falls with the resource. */
    static void writeBigJournal(Path file, int trials, int reports) throws IOException {
        StringBuilder sb = new StringBuilder();
        long[] seq = {0};
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        java.util.function.Consumer<JournalEvent> add = e -> sb.append(JournalCodec.encode(
                new JournalEntry(++seq[0], t.plusMillis(seq[0]), e))).append('\n');
        add.accept(new JournalEvent.Experiment("big", "fifo(max=" + reports + ", searcher=random(seed=1))", Metric.minimize("loss"), 1,
                new JournalEvent.Limits(trials, null, null, null, null)));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(1);
        for (int i = 0; i < trials; i++) {
            double x = rnd.nextDouble();
            add.accept(new JournalEvent.Start(i, reports, Config.of(Map.of("x", x))));
            for (int r = 1; r <= reports; r++) {
                add.accept(new JournalEvent.Result(i, r, Map.of("loss", x * x + 1.0 / r), "continue", "", true, null, seq[0] / 1000.0));
            }
            add.accept(new JournalEvent.End(i, TrialStatus.COMPLETED, reports, "reached resource " + reports, JournalEvent.CheckpointRef.NONE));
        }
        add.accept(new JournalEvent.Finish(new JournalEvent.Summary("no more work", trials, (long) trials * reports, 0, 0.0)));
        Files.writeString(file, sb);
    }
}
