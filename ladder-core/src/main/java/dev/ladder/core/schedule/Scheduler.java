package dev.ladder.core.schedule;

import dev.ladder.core.Config;
import dev.ladder.core.Metric;
import dev.ladder.core.PriorTrial;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.QueuedSearcher;
import java.util.List;
import java.util.Optional;

/**
 * An asynchronous state machine deciding which jobs run and for how long. It takes all randomness
 * from its searcher's seed and all time from the calls it receives, never from the clock, so that
 * replaying the same calls into a fresh scheduler reaches the same state.
 */
public interface Scheduler {

    /**
     * Work for a free worker: a new trial (which gets the id {@code nextTrialId}, only when
     * {@code mayStartNew}) or the resumption of a paused one; empty when there is nothing to run now.
     */
    Optional<Suggestion> suggest(int nextTrialId, boolean mayStartNew);

    /** A running trial reported a result. */
    Decision onResult(Trial trial, Result result);

    /** A trial's job ended; its status (PAUSED, STOPPED, COMPLETED, FAILED) says how. */
    default void onTrialEnd(Trial trial) {
    }

    /**
     * Runs {@code configs} first, in order, as new trials (warm start), before the searcher's own. The
     * tuner journals them ({@code enqueue} event) and replay calls this again.
     */
    default void enqueue(List<Config> configs) {
        queuedSearcher().orElseThrow(() -> new UnsupportedOperationException(this + " takes no enqueued configurations"))
                .enqueue(configs);
    }

    /** Hands prior data to the searcher (warm start); journaled as a {@code prior} event and replayed. */
    default void observePrior(List<PriorTrial> prior) {
        queuedSearcher().orElseThrow(() -> new UnsupportedOperationException(this + " takes no prior data")).observePrior(prior);
    }

    /** The searcher this scheduler draws new configurations from, wrapped to take enqueued ones; empty if it has none. */
    default Optional<QueuedSearcher> queuedSearcher() {
        return Optional.empty();
    }

    /**
     * Trial {@code trialId} no longer counts: it leaves every rung (later ranks are computed as if it had
     * never been there), is never promoted or resumed, and its later reports enter no rung. Decisions
     * already taken stay. Journaled as an {@code exclude} event and replayed.
     */
    default void exclude(int trialId) {
        queuedSearcher().ifPresent(q -> q.exclude(trialId));
    }

    /** The metric whose values this scheduler compares. */
    Metric metric();
}
