package dev.ladder.sim;

import dev.ladder.core.Best;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.TrialStatus;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Suggestion;
import dev.ladder.core.tune.TunerListener;
import dev.ladder.core.tune.TuningResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records every report and every job (segment) with the simulated times at which they happened. */
final class Recorder implements TunerListener {
    record Report(int trial, long resource, double time, String decision) {
    }

    record Segment(int trial, long from, long to, double start, double end, TrialStatus status, String reason) {
        double charge() {
            return end - start;
        }
    }

    private record Open(long from, double start) {
    }

    final List<Report> reports = new ArrayList<>();
    final List<Segment> segments = new ArrayList<>();
    private final Map<Integer, Open> open = new HashMap<>();
    private final SimulatedExecutor clock;

    Recorder(SimulatedExecutor clock) {
        this.clock = clock;
    }

    @Override
    public void onTrialStart(Trial trial, Suggestion suggestion) {
        open.put(trial.id(), new Open(trial.lastResource(), clock.now()));
    }

    @Override
    public void onResult(Trial trial, Result result, Decision decision, Best best) {
        String name = decision.getClass().getSimpleName();
        reports.add(new Report(trial.id(), result.resource(), clock.now(), name));
    }

    @Override
    public void onTrialEnd(Trial trial) {
        Open o = open.remove(trial.id());
        segments.add(new Segment(trial.id(), o.from(), trial.lastResource(), o.start(), clock.now(),
                trial.status(), trial.reason()));
    }
}
