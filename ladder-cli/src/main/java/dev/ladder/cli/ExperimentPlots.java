package dev.ladder.cli;

import dev.ladder.benchmarks.harness.LinePlot;
import dev.ladder.core.Metric;
import dev.ladder.core.TrialStatus;
import dev.ladder.store.TrialRow;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The two PNGs of an experiment, drawn from its journal after {@code demo}, {@code run} and {@code resume} and by
 * {@code ladder plot}: the best value so far against wall time since the experiment began (a staircase, one step per
 * improvement), and the learning curves (the metric against the resource, log scale, one line per trial, coloured by
 * the trial's status). Beyond {@link #MAX_CURVES} trials the curves are thinned (the trials that went furthest, then an
 * even sample of the rest) and each curve keeps at most {@link #MAX_POINTS} points, so that drawing stays fast for
 * 10^4 trials; the title says how many are drawn.
 */
final class ExperimentPlots {
    static final String BEST = "best-so-far.png";
    static final String CURVES = "learning-curves.png";
    static final int MAX_CURVES = 1_000;
    static final int MAX_POINTS = 100;
    /** Each status its colour, whatever statuses a chart has. */
    private static final Map<TrialStatus, Color> COLOURS = Map.of(TrialStatus.COMPLETED, new Color(0x2ca02c),
            TrialStatus.RUNNING, new Color(0xff7f0e), TrialStatus.PAUSED, new Color(0x1f77b4), TrialStatus.STOPPED,
            new Color(0xd62728), TrialStatus.FAILED, new Color(0x7f7f7f), TrialStatus.PENDING, new Color(0xbcbd22));

    private ExperimentPlots() {
    }

    /**
     * Draws both charts of {@code e} (read from its journal) into {@code folder} (made when missing) and returns their
     * paths; see {@link #write(String, PlotData, Map, Path, Optional, Path)}.
     */
    static List<Path> write(ExperimentView e, Path folder, Optional<Path> store) throws IOException {
        PlotData data = new PlotData(e.header().metric());
        e.readJournal(data);
        Map<Integer, TrialStatus> status = new HashMap<>();
        for (TrialRow t : e.trials()) {
            status.put(t.trialId(), t.status());
        }
        return write(e.name(), data, status, folder, store, e instanceof JsonlExperiment j ? j.journal().file() : null);
    }

    /**
     * Draws both charts of experiment {@code name} from {@code data} into {@code folder} (made when missing). Refuses,
     * before anything is written, a folder that is a file, and a PNG path that is the store ({@code store}, with its side
     * files) or the journal {@code journal} (null: none); a PNG already there is replaced (written beside it, renamed).
     */
    static List<Path> write(String name, PlotData data, Map<Integer, TrialStatus> status, Path folder, Optional<Path> store,
                            Path journal) throws IOException {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("cannot write the plots into " + folder + ": it is a file, not a folder");
        }
        Files.createDirectories(folder);
        List<ExportFile> files = new ArrayList<>();
        for (String png : List.of(BEST, CURVES)) {
            Path target = folder.resolve(png);
            if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException("cannot write " + target + ": it is a folder");
            }
            ExportFile f = new ExportFile(target, true).check(store);
            if (journal != null) {
                f.checkNot(journal, "the journal of experiment " + name);
            }
            files.add(f);
        }
        CompletableFuture<byte[]> curves = CompletableFuture.supplyAsync(() -> curvesPlot(name, data, status).png());
        files.get(0).write(bestPlot(name, data).png());
        files.get(1).write(curves.join());
        return List.of(files.get(0).target(), files.get(1).target());
    }

    /**
     * Draws a tiny chart on a daemon thread, so that the first drawing's fixed cost (AWT, fonts, XChart's classes:
     * about half a second here) is paid while an experiment runs rather than after it; failures are ignored.
     */
    static void warmUp() {
        Thread t = new Thread(() -> {
            try {
                new LinePlot("", "", "").add(new LinePlot.Series("", new double[] {1, 2}, new double[] {1, 2}, null, null)).png();
            } catch (RuntimeException | Error e) {
                // the real drawing will say what is wrong
            }
        }, "ladder-plot-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    private static LinePlot bestPlot(String name, PlotData d) {
        Metric m = d.metric;
        LinePlot plot = new LinePlot(String.format(Locale.ROOT, "%s: best %s so far (%,d results)", name, m.name(), d.results),
                "seconds since the experiment began", m.name() + " (" + m.mode().name().toLowerCase(Locale.ROOT) + ")");
        if (d.bestTime.size() > 0 && d.lastTime > d.bestTime.last()) {
            d.bestTime.add(d.lastTime); // the best holds up to the last result
            d.bestValue.add(d.best);
        }
        plot.add(new LinePlot.Series("best " + m.name() + " so far, any resource", d.bestTime.toArray(), d.bestValue.toArray(), null, null));
        return plot;
    }

    private static LinePlot curvesPlot(String name, PlotData d, Map<Integer, TrialStatus> status) {
        List<Integer> drawn = thin(d.curves, d.metric);
        String shown = drawn.size() == d.curves.size() ? d.curves.size() + " trials"
                : String.format(Locale.ROOT, "%,d of %,d trials drawn: the furthest and best, and an even sample of the rest",
                drawn.size(), d.curves.size());
        LinePlot plot = new LinePlot(name + ": learning curves (" + shown + ")", "resource (log scale)",
                d.metric.name() + " (" + d.metric.mode().name().toLowerCase(Locale.ROOT) + ")").logX();
        Map<TrialStatus, List<Integer>> by = new EnumMap<>(TrialStatus.class);
        for (int id : drawn) {
            by.computeIfAbsent(status.getOrDefault(id, TrialStatus.RUNNING), s -> new ArrayList<>()).add(id);
        }
        for (TrialStatus s : List.of(TrialStatus.PENDING, TrialStatus.FAILED, TrialStatus.STOPPED, TrialStatus.PAUSED,
                TrialStatus.RUNNING, TrialStatus.COMPLETED)) { // the furthest last, drawn on top
            List<Integer> ids = by.getOrDefault(s, List.of());
            if (ids.isEmpty()) {
                continue;
            }
            List<double[]> xs = new ArrayList<>();
            List<double[]> ys = new ArrayList<>();
            for (int id : ids) {
                PlotData.Curve c = d.curves.get(id);
                xs.add(thinPoints(c.resource()));
                ys.add(thinPoints(c.value()));
            }
            plot.add(new LinePlot.Curves(s.name().toLowerCase(Locale.ROOT) + " (" + ids.size() + ")", COLOURS.get(s), xs, ys));
        }
        return plot;
    }

    /**
     * Every trial when there are at most {@link #MAX_CURVES}; else half of them from those that went furthest (the best
     * last value first), and an even sample of the rest by trial number.
     */
    static List<Integer> thin(Map<Integer, PlotData.Curve> curves, Metric metric) {
        if (curves.size() <= MAX_CURVES) {
            return List.copyOf(curves.keySet());
        }
        List<Integer> byReach = new ArrayList<>(curves.keySet());
        byReach.sort(Comparator.comparingDouble((Integer id) -> -curves.get(id).resource().last())
                .thenComparingDouble(id -> metric.loss(curves.get(id).value().last())).thenComparing(id -> id));
        List<Integer> out = new ArrayList<>(byReach.subList(0, MAX_CURVES / 2));
        List<Integer> rest = byReach.subList(MAX_CURVES / 2, byReach.size()).stream().sorted().toList();
        int wanted = MAX_CURVES - out.size();
        for (int i = 0; i < wanted; i++) {
            out.add(rest.get((int) ((long) i * rest.size() / wanted)));
        }
        return out;
    }

    /** At most {@link #MAX_POINTS} values: evenly spaced, the last always kept. */
    private static double[] thinPoints(PlotData.Doubles v) {
        double[] all = v.toArray();
        if (all.length <= MAX_POINTS) {
            return all;
        }
        double[] out = new double[MAX_POINTS];
        double step = (all.length - 1) / (double) (MAX_POINTS - 1);
        for (int i = 0; i < MAX_POINTS; i++) {
            out[i] = all[(int) Math.round(i * step)];
        }
        return out;
    }
}
