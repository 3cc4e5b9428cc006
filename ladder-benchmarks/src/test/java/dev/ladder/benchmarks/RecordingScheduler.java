package dev.ladder.benchmarks;

import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.schedule.Decision;
import dev.ladder.core.schedule.Scheduler;
import dev.ladder.core.schedule.Suggestion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Passes every call to a real scheduler and keeps what the driver did: starts and reports. */
final class RecordingScheduler implements Scheduler {
    record Report(int trialId, long resource, double value, long trialLastResource) {
    }

    final Scheduler delegate;
    /** The nextTrialId of every request answered with a start, in order. */
    final List<Integer> startedIds = new ArrayList<>();
    final List<Report> reports = new ArrayList<>();
    final Map<Integer, Long> lastReported = new HashMap<>();

    RecordingScheduler(Scheduler delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
        Optional<Suggestion> s = delegate.suggest(nextTrialId, mayStartNew);
        if (s.isPresent() && s.get() instanceof Suggestion.Start) {
            startedIds.add(nextTrialId);
        }
        return s;
    }

    @Override
    public Decision onResult(Trial trial, Result result) {
        reports.add(new Report(result.trialId(), result.resource(), result.value(metric()), trial.lastResource()));
        lastReported.put(trial.id(), result.resource());
        return delegate.onResult(trial, result);
    }

    @Override
    public void onTrialEnd(Trial trial) {
        delegate.onTrialEnd(trial);
    }

    @Override
    public Metric metric() {
        return delegate.metric();
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
