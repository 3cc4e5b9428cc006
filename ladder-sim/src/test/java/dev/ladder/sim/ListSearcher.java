package dev.ladder.sim;

import dev.ladder.core.Config;
import dev.ladder.core.search.Searcher;
import java.util.List;
import java.util.Optional;

/** Proposes the given configurations in order, then nothing. */
final class ListSearcher implements Searcher {
    private final List<Config> configs;
    private int next;

    ListSearcher(List<Config> configs) {
        this.configs = List.copyOf(configs);
    }

    @Override
    public Optional<Config> next(int trialId) {
        return next < configs.size() ? Optional.of(configs.get(next++)) : Optional.empty();
    }
}
