package dev.ladder.core.search;

import dev.ladder.core.Config;
import dev.ladder.core.space.SearchSpace;
import java.util.Optional;
import java.util.SplittableRandom;

/** Independent uniform samples from the search space (log-uniform on log domains), seeded. */
public final class RandomSearcher implements Searcher {
    private final SearchSpace space;
    private final long seed;
    private final SplittableRandom rng;

    /** Samples from {@code space}; the same seed gives the same sequence of configs. */
    public RandomSearcher(SearchSpace space, long seed) {
        this.space = space;
        this.seed = seed;
        this.rng = new SplittableRandom(seed);
    }

    @Override
    public Optional<Config> next(int trialId) {
        return Optional.of(space.sample(rng));
    }

    @Override
    public String toString() {
        return "random(seed=" + seed + ")";
    }
}
