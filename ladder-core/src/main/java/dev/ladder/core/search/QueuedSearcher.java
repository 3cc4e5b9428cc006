package dev.ladder.core.search;

import dev.ladder.core.Config;
import dev.ladder.core.PriorTrial;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A searcher that proposes enqueued configurations first, in order, then its inner searcher's (warm
 * start, as Optuna's enqueue_trial). Every scheduler wraps its searcher in one, so that
 * {@code Scheduler.enqueue} works whatever the searcher. Still a pure function of the calls it gets.
 */
public final class QueuedSearcher implements Searcher {
    private final Searcher inner;
    private final Deque<Config> queue = new ArrayDeque<>();

    private QueuedSearcher(Searcher inner) {
        this.inner = Objects.requireNonNull(inner, "searcher");
    }

    /** {@code searcher} wrapped (once: a queued searcher is returned as it is). */
    public static QueuedSearcher of(Searcher searcher) {
        return searcher instanceof QueuedSearcher q ? q : new QueuedSearcher(searcher);
    }

    /** Adds {@code configs} after those enqueued before. */
    public void enqueue(List<Config> configs) {
        configs.forEach(c -> queue.add(Objects.requireNonNull(c, "config")));
    }

    /** How many enqueued configurations have not been proposed yet. */
    public int waiting() {
        return queue.size();
    }

    @Override
    public Optional<Config> next(int trialId) {
        Config c = queue.poll();
        if (c == null) {
            return inner.next(trialId);
        }
        inner.onEnqueued(trialId, c);
        return Optional.of(c);
    }

    @Override
    public void onResult(Trial trial, Result result) {
        inner.onResult(trial, result);
    }

    @Override
    public void onTrialEnd(Trial trial) {
        inner.onTrialEnd(trial);
    }

    @Override
    public void onPending(int trialId, long resource) {
        inner.onPending(trialId, resource);
    }

    @Override
    public void onEnqueued(int trialId, Config config) {
        inner.onEnqueued(trialId, config);
    }

    @Override
    public void observePrior(List<PriorTrial> prior) {
        inner.observePrior(prior);
    }

    @Override
    public void exclude(int trialId) {
        inner.exclude(trialId);
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
