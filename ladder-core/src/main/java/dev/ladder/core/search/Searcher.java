package dev.ladder.core.search;

import dev.ladder.core.Config;
import dev.ladder.core.PriorTrial;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import java.util.List;
import java.util.Optional;

/**
 * Proposes configurations; never decides resources. A searcher is a pure function of its seed and
 * of the calls it receives, so replaying the same calls rebuilds the same state.
 */
public interface Searcher {

    /** The configuration for the new trial {@code trialId}, or empty when the searcher has no more. */
    Optional<Config> next(int trialId);

    /** A trial reported a result (model-based searchers learn from it). */
    default void onResult(Trial trial, Result result) {
    }

    /** A trial's job ended; its status says how. */
    default void onTrialEnd(Trial trial) {
    }

    /**
     * Trial {@code trialId} now runs towards its next rung, at {@code resource}: its result there is pending
     * (multi-fidelity model-based searchers draw fantasies for it, and learn from results at rung levels).
     * The rung schedulers, synchronous Hyperband and FIFO call it when they start, promote or let a trial continue
     * (the median rule does not: a searcher under it sees no pending rung).
     */
    default void onPending(int trialId, long resource) {
    }

    /**
     * Trial {@code trialId} runs {@code config}, which this searcher did not propose (an enqueued one, warm
     * start): model-based searchers encode it now, as they would a config of their own (pending, fantasised).
     */
    default void onEnqueued(int trialId, Config config) {
    }

    /**
     * Prior data (an earlier experiment's trials, warm start) to learn from before the first suggestion;
     * prior trial {@code i} takes the id {@link PriorTrial#idOf PriorTrial.idOf(i)}. Searchers that do not
     * learn ignore it.
     */
    default void observePrior(List<PriorTrial> prior) {
    }

    /** Trial {@code trialId} was excluded: a searcher that learns forgets its observations. */
    default void exclude(int trialId) {
    }
}
