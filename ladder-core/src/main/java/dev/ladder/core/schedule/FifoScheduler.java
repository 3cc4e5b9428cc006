package dev.ladder.core.schedule;

import dev.ladder.core.search.QueuedSearcher;
import dev.ladder.core.Metric;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.Searcher;
import java.util.Optional;

/** Every trial runs to the maximum resource; no early stopping. */
public final class FifoScheduler implements Scheduler {
    private final QueuedSearcher searcher;
    private final Metric metric;
    private final long maxResource;

    /** Runs each config from {@code searcher} to {@code maxResource} (at least 1). */
    public FifoScheduler(Searcher searcher, Metric metric, long maxResource) {
        if (maxResource < 1) {
            throw new IllegalArgumentException("max resource must be at least 1, got " + maxResource);
        }
        this.searcher = QueuedSearcher.of(searcher);
        this.metric = metric;
        this.maxResource = maxResource;
    }

    @Override
    public Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew) {
        if (!mayStartNew) {
            return Optional.empty();
        }
        return searcher.next(nextTrialId).map(c -> {
            searcher.onPending(nextTrialId, maxResource);
            return new Suggestion.Start(c, maxResource);
        });
    }

    @Override
    public Decision onResult(Trial trial, Result result) {
        searcher.onResult(trial, result);
        return Decision.CONTINUE;
    }

    @Override
    public void onTrialEnd(Trial trial) {
        searcher.onTrialEnd(trial);
    }

    @Override
    public Optional<QueuedSearcher> queuedSearcher() {
        return Optional.of(searcher);
    }

    @Override
    public Metric metric() {
        return metric;
    }

    @Override
    public String toString() {
        return "fifo(max=" + maxResource + ", searcher=" + searcher + ")";
    }
}
