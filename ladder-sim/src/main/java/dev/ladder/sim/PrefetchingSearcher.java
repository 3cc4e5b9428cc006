package dev.ladder.sim;

import dev.ladder.core.Config;
import dev.ladder.core.Result;
import dev.ladder.core.Trial;
import dev.ladder.core.search.Searcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Draws configurations from a searcher in blocks and tells the blackbox about each block
 * ({@link Blackbox#prefetch}), so that a surrogate evaluates many first epochs in one batch. The
 * sequence of configurations is the inner searcher's own, so this is only for searchers whose
 * proposals do not depend on results (random search, grid search): drawing ahead changes nothing there.
 */
public final class PrefetchingSearcher implements Searcher {
    private final Searcher inner;
    private final Blackbox blackbox;
    private final int block;
    private final ArrayDeque<Config> ahead = new ArrayDeque<>();
    private boolean exhausted;

    /** Draws {@code block} (at least 1) configs of {@code inner} at a time and hands each block to {@code blackbox} first. */
    public PrefetchingSearcher(Searcher inner, Blackbox blackbox, int block) {
        if (block < 1) {
            throw new IllegalArgumentException("block must be at least 1, got " + block);
        }
        this.inner = inner;
        this.blackbox = blackbox;
        this.block = block;
    }

    @Override
    public Optional<Config> next(int trialId) {
        if (ahead.isEmpty() && !exhausted) {
            List<Config> drawn = new ArrayList<>(block);
            for (int i = 0; i < block; i++) {
                Optional<Config> c = inner.next(trialId + i);
                if (c.isEmpty()) {
                    exhausted = true;
                    break;
                }
                drawn.add(c.get());
            }
            ahead.addAll(drawn);
            if (!drawn.isEmpty()) {
                blackbox.prefetch(drawn);
            }
        }
        return Optional.ofNullable(ahead.poll());
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
    public String toString() {
        return inner.toString();
    }
}
