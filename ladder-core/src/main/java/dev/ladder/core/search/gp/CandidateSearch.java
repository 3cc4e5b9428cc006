package dev.ladder.core.search.gp;

import dev.ladder.core.space.Domain;
import dev.ladder.core.space.SearchSpace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Maximises an acquisition over the [0,1] encoding of a search space: scores random configurations of the
 * space, then improves the best {@link #LOCAL_STARTS} by a local search inside the box (Gaussian steps on the
 * ordered coordinates, the one-hot blocks of choices kept, the step shrinking after a failure), and snaps the
 * winner to a configuration by decoding and encoding it. Syne Tune also scores random candidates first and
 * refines the best locally (with L-BFGS-B on the relaxed encoding); a derivative-free search is used here
 * because EI averaged over fantasies has no cheap gradient in this code. The number of random candidates
 * falls as the model grows (each costs O(n^2)): 250 (Syne Tune's default number of initial candidates) up to
 * 894 observations, then 2e8 / n^2, at least 40.
 */
public final class CandidateSearch {
    static final int LOCAL_STARTS = 3;
    static final int LOCAL_STEPS = 15;
    private final SearchSpace space;
    private final boolean[] ordered;

    public CandidateSearch(SearchSpace space) {
        this.space = space;
        this.ordered = new boolean[space.dimension()];
        int offset = 0;
        for (Domain d : space.domains().values()) {
            for (int i = 0; i < d.encodedSize(); i++) {
                ordered[offset + i] = !(d instanceof Domain.Choice);
            }
            offset += d.encodedSize();
        }
    }

    static int candidates(int observations) {
        double n = Math.max(1, observations);
        return (int) Math.max(40, Math.min(250, 2e8 / (n * n)));
    }

    /** The encoded configuration with the highest {@code score}, drawn with {@code rng}. */
    public double[] maximise(ToDoubleFunction<double[]> score, int observations, SplittableRandom rng) {
        int n = candidates(observations);
        List<double[]> xs = new ArrayList<>(n);
        List<Double> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double[] x = space.encode(space.sample(rng));
            xs.add(x);
            scores.add(score.applyAsDouble(x));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -scores.get(i)).thenComparingInt(i -> i));
        double[] best = xs.get(order.get(0));
        double bestScore = scores.get(order.get(0));
        for (int s = 0; s < Math.min(LOCAL_STARTS, n); s++) {
            double[] x = xs.get(order.get(s)).clone();
            double fx = scores.get(order.get(s));
            double step = 0.1;
            for (int it = 0; it < LOCAL_STEPS; it++) {
                double[] y = x.clone();
                for (int i = 0; i < y.length; i++) {
                    if (ordered[i]) {
                        y[i] = Math.min(1, Math.max(0, y[i] + step * rng.nextGaussian()));
                    }
                }
                y = space.encode(space.decode(y));
                double fy = score.applyAsDouble(y);
                if (fy > fx) {
                    x = y;
                    fx = fy;
                } else {
                    step *= 0.7;
                }
            }
            if (fx > bestScore) {
                best = x;
                bestScore = fx;
            }
        }
        return best;
    }
}
