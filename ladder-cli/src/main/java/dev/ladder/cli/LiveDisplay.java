package dev.ladder.cli;

import dev.ladder.core.Best;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.tune.TuningResult;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live view of a run. On a terminal it redraws a block in place: a progress bar over the trials
 * started (when the run has a trial limit; without one, the count alone), the counts by status, the best so far, and a small table of the running trials (resource
 * reached of its target, last value, config). Otherwise (a pipe, a log file) it prints one plain line
 * every few seconds. Listener calls come from the tuner's thread; drawing runs on a timer thread.
 */
final class LiveDisplay implements TunerListener, AutoCloseable {
    private static final int TABLE_ROWS = 8;
    private final String title;
    /** The trial limit, null when there is none (then no bar and no "of N"). */
    private final Integer maxTrials;
    private final Metric metric;
    private final PrintStream out;
    private final boolean terminal;
    private final ScheduledExecutorService timer;
    private final Map<Integer, TrialStatus> status = new HashMap<>();
    private final Map<Integer, Row> running = new TreeMap<>();
    private final long startNanos = System.nanoTime();
    private int started;
    private Best best;
    private int drawnLines;

    private static final class Row {
        final String config;
        final long target;
        long resource;
        Double value;

        Row(String config, long resource, long target) {
            this.config = config;
            this.resource = resource;
            this.target = target;
        }
    }

    LiveDisplay(String title, Integer maxTrials, Metric metric, PrintStream out) {
        this(title, maxTrials, metric, out, System.console() != null);
    }

    LiveDisplay(String title, Integer maxTrials, Metric metric, PrintStream out, boolean terminal) {
        this.title = title;
        this.maxTrials = maxTrials;
        this.metric = metric;
        this.out = out;
        this.terminal = terminal;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ladder-display");
            t.setDaemon(true);
            return t;
        });
        long every = terminal ? 250 : 2000;
        timer.scheduleAtFixedRate(this::draw, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void onTrialStart(Trial trial, Suggestion suggestion) {
        started = Math.max(started, trial.id() + 1);
        status.put(trial.id(), TrialStatus.RUNNING);
        running.put(trial.id(), new Row(shortConfig(trial), trial.lastResource(), suggestion.resource()));
    }

    @Override
    public synchronized void onResult(Trial trial, Result result, Decision decision, Best best) {
        this.best = best;
        Row row = running.get(trial.id());
        if (row != null) {
            row.resource = result.resource();
            row.value = result.value(metric);
        }
    }

    @Override
    public synchronized void onTrialEnd(Trial trial) {
        status.put(trial.id(), trial.status());
        running.remove(trial.id());
    }

    @Override
    public synchronized void onNote(String message) {
        clear();
        out.println(message);
    }

    private static String shortConfig(Trial t) {
        StringBuilder b = new StringBuilder();
        t.config().asMap().forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=')
                .append(v instanceof Double d ? String.format(Locale.ROOT, "%.3g", d) : v));
        return b.length() > 60 ? b.substring(0, 57) + "..." : b.toString();
    }

    private String summary() {
        Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
        status.values().forEach(s -> counts.merge(s, 1, Integer::sum));
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s %s trials started, %ds", title,
                maxTrials == null ? Integer.toString(started) : started + "/" + maxTrials, (System.nanoTime() - startNanos) / 1_000_000_000L));
        for (TrialStatus s : TrialStatus.values()) {
            if (s == TrialStatus.PENDING) {
                continue;
            }
            b.append(", ").append(counts.getOrDefault(s, 0)).append(' ').append(s.name().toLowerCase(Locale.ROOT));
        }
        b.append("; best ").append(metric.name()).append(' ').append(best == null ? "-"
                : String.format(Locale.ROOT, "%.4g (trial %d at %d)", best.value(), best.trialId(), best.resource()));
        return b.toString();
    }

    private synchronized void draw() {
        if (!terminal) {
            out.println(summary());
            return;
        }
        List<String> lines = new ArrayList<>();
        int width = 30;
        if (maxTrials == null) {
            lines.add(summary());
        } else {
            int filled = (int) Math.min(width, (long) width * started / maxTrials);
            lines.add("[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + summary());
        }
        if (!running.isEmpty()) {
            lines.add(String.format(Locale.ROOT, "  %6s  %-11s  %-10s  %s", "trial", "resource", metric.name(), "config"));
            running.entrySet().stream().limit(TABLE_ROWS).forEach(e -> lines.add(String.format(Locale.ROOT, "  %6d  %-11s  %-10s  %s",
                    e.getKey(), e.getValue().resource + "/" + e.getValue().target,
                    e.getValue().value == null ? "-" : String.format(Locale.ROOT, "%.4g", e.getValue().value), e.getValue().config)));
            if (running.size() > TABLE_ROWS) {
                lines.add("  ... and " + (running.size() - TABLE_ROWS) + " more running");
            }
        }
        clear();
        lines.forEach(out::println);
        drawnLines = lines.size();
        out.flush();
    }

    /** Moves the cursor back over the block drawn last and clears it (terminal only). */
    private void clear() {
        if (terminal && drawnLines > 0) {
            out.print("\033[" + drawnLines + "F\033[J");
            drawnLines = 0;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        draw();
    }
}
