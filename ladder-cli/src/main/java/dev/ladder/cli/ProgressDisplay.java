package dev.ladder.cli;

import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.tune.TuningResult;
import java.io.PrintStream;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A live progress bar over the trials started, with the counts of trials by status and the best
 * value so far. On a terminal it redraws in place; otherwise it prints a line every two seconds.
 */
final class ProgressDisplay implements TunerListener, AutoCloseable {
    private final ProgressBar bar;
    private final String metric;
    private final Map<TrialStatus, Integer> counts = new EnumMap<>(TrialStatus.class);
    private final Map<Integer, TrialStatus> status = new java.util.HashMap<>();
    private int started;
    private TuningResult.Best best;

    ProgressDisplay(String task, int maxTrials, String metric, PrintStream out) {
        this.metric = metric;
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(maxTrials)
                .setUnit(" trials", 1).showSpeed().hideEta();
        if (System.console() != null) {
            b.setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(200);
        } else {
            b.setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(2000)
                    .setConsumer(new DelegatingProgressBarConsumer(out::println, 200));
        }
        this.bar = b.build();
        for (TrialStatus s : TrialStatus.values()) {
            counts.put(s, 0);
        }
    }

    @Override
    public void onTrialStart(Trial trial, Suggestion suggestion) {
        if (suggestion instanceof Suggestion.Start) {
            started++;
            bar.stepTo(started);
        }
        move(trial.id(), TrialStatus.RUNNING);
    }

    @Override
    public void onResult(Trial trial, Result result, Decision decision, TuningResult.Best best) {
        this.best = best;
        refresh();
    }

    @Override
    public void onTrialEnd(Trial trial) {
        move(trial.id(), trial.status());
    }

    private void move(int id, TrialStatus to) {
        TrialStatus from = status.put(id, to);
        if (from != null) {
            counts.merge(from, -1, Integer::sum);
        }
        counts.merge(to, 1, Integer::sum);
        refresh();
    }

    private void refresh() {
        String b = best == null ? "-" : String.format(Locale.ROOT, "%.4f @%d", best.value(), best.resource());
        bar.setExtraMessage(String.format(Locale.ROOT, " | running %d paused %d stopped %d completed %d failed %d | best %s %s",
                counts.get(TrialStatus.RUNNING), counts.get(TrialStatus.PAUSED), counts.get(TrialStatus.STOPPED),
                counts.get(TrialStatus.COMPLETED), counts.get(TrialStatus.FAILED), metric, b));
    }

    @Override
    public void close() {
        refresh();
        bar.close();
    }
}
