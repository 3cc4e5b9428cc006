package dev.ladder.core.search.gp;

import dev.ladder.core.Config;
import dev.ladder.core.space.SearchSpace;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * What the GP searchers share: the first {@code initial} configurations (and any while the model has fewer
 * than 2 observations) are drawn at random, later ones maximise an acquisition with {@link CandidateSearch};
 * every draw comes from one generator seeded with the experiment's seed. Prior observations count as initial
 * configurations ({@link #countPrior}).
 */
final class Proposer {
    private final SearchSpace space;
    private final int initial;
    private final SplittableRandom rng;
    private final CandidateSearch candidates;
    private int proposed;

    Proposer(SearchSpace space, int initial, long seed) {
        if (initial < 1) {
            throw new IllegalArgumentException("initial must be at least 1, got " + initial);
        }
        this.space = space;
        this.initial = initial;
        this.rng = new SplittableRandom(seed);
        this.candidates = new CandidateSearch(space);
    }

    SplittableRandom random() {
        return rng;
    }

    /** Prior observations (warm start) count towards the initial random design: a model fed enough of them proposes at once. */
    void countPrior(int observations) {
        proposed += observations;
    }

    /** The next configuration, given how many observations the model has and how to build its acquisition. */
    Config next(int observations, Supplier<ToDoubleFunction<double[]>> acquisition) {
        double[] x = proposed < initial || observations < 2 || space.dimension() == 0
                ? space.encode(space.sample(rng))
                : candidates.maximise(acquisition.get(), observations, rng);
        proposed++;
        return space.decode(x);
    }
}
