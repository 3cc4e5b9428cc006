package dev.ladder.core.search.gp;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Expected improvement averaged over fantasy samples: the MOBSTER slides' Steps 2 and 3
 * (MOBSTER slides, Tiao et al., arXiv:2003.10865, "Draw Fantasy Values for Pending Evaluations", "Optimize
 * Acquisition Function"). Each sample completes the targets with fantasy values drawn jointly at the pending
 * inputs; the posterior variance depends on the inputs only, so one factor over observed plus pending inputs
 * serves every sample and only the mean weights differ. Syne Tune draws 20 samples; so does {@link #SAMPLES}.
 */
public final class Acquisition {
    public static final int SAMPLES = 20;
    private final GaussianProcess gp;
    private final double[][] weights;
    private final double[] best;

    private Acquisition(GaussianProcess gp, double[][] weights, double[] best) {
        this.gp = gp;
        this.weights = weights;
        this.best = best;
    }

    /** Decides which targets (observed then pending, in order) count for the incumbent: the lowest of them is EI's best. */
    @FunctionalInterface
    public interface Incumbent {
        boolean counts(int row);
    }

    /**
     * The acquisition over {@code gp} (its inputs the observed ones, targets {@code y}) with {@code pending}
     * inputs fantasised; the incumbent of each sample is the lowest target (observed or fantasy) that
     * {@code incumbent} admits.
     */
    public static Acquisition of(GaussianProcess gp, double[] y, List<double[]> pending, Incumbent incumbent,
                                 RandomGenerator rng) {
        if (pending.isEmpty()) {
            return new Acquisition(gp, new double[][] {gp.weights(y)}, new double[] {lowest(y, incumbent)});
        }
        double[][] fantasies = gp.fantasies(pending, y, SAMPLES, rng);
        GaussianProcess extended = gp.copy();
        pending.forEach(extended::append);
        double[][] weights = new double[SAMPLES][];
        double[] best = new double[SAMPLES];
        double[] full = java.util.Arrays.copyOf(y, y.length + pending.size());
        for (int s = 0; s < SAMPLES; s++) {
            System.arraycopy(fantasies[s], 0, full, y.length, pending.size());
            weights[s] = extended.weights(full);
            best[s] = lowest(full, incumbent);
        }
        return new Acquisition(extended, weights, best);
    }

    private static double lowest(double[] y, Incumbent incumbent) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < y.length; i++) {
            if (incumbent.counts(i)) {
                best = Math.min(best, y[i]);
            }
        }
        if (best == Double.POSITIVE_INFINITY) { // nothing at this level yet: any target will do
            for (double v : y) {
                best = Math.min(best, v);
            }
        }
        return best;
    }

    /** The averaged expected improvement at a model input. */
    public double score(double[] input) {
        double[] k = gp.crossCovariance(input);
        double sigma = Math.sqrt(gp.variance(input, k));
        double prior = gp.priorMean(input);
        double sum = 0;
        for (int s = 0; s < weights.length; s++) {
            double mean = prior + GaussianProcess.dot(k, weights[s], k.length);
            sum += ExpectedImprovement.of(mean, sigma, best[s]);
        }
        return sum / weights.length;
    }
}
