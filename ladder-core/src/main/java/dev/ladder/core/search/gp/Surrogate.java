package dev.ladder.core.search.gp;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The model a GP searcher keeps between suggestions: observed inputs and losses, standardised targets, the
 * fitted hyperparameters and the Cholesky factor. Cost control (documented in docs/schedulers.md): the
 * hyperparameters are refitted while there are fewer than {@link #EVERY_UNTIL} observations after each new
 * one, later after every 20% more (at most {@link #MAX_GAP} apart), warm-started from the last fit after
 * the first; a fit sees at most {@link #FIT_SIZE} observations (every k-th); between refits new observations
 * extend the factor in O(n^2). Beyond {@code maxData} observations the factor is rebuilt at each refit on
 * the {@code maxData} most useful ones ({@link Subsample}). All randomness comes from the seed.
 */
public final class Surrogate {
    static final int EVERY_UNTIL = 30;
    static final int MAX_GAP = 50;
    static final int FIT_SIZE = 300;
    static final int RESTARTS = 2;
    static final int FIRST_ITERATIONS = 60;
    static final int WARM_ITERATIONS = 10;

    /** Chooses which observations the model keeps when there are more than it may. */
    @FunctionalInterface
    public interface Subsample {
        List<Integer> keep(int max);
    }

    private final CovarianceModel model;
    private final int maxData;
    private final SplittableRandom rng;
    private final List<double[]> inputs = new ArrayList<>();
    private final List<Double> losses = new ArrayList<>();
    private double[] parameters;
    private int fittedAt = -1;
    private GaussianProcess gp;
    /** Indices (into inputs) of the rows of gp, in order. */
    private final List<Integer> modelled = new ArrayList<>();

    public Surrogate(CovarianceModel model, int maxData, long seed) {
        this.model = model;
        this.maxData = maxData;
        this.rng = new SplittableRandom(seed);
    }

    public int size() {
        return inputs.size();
    }

    public void add(double[] input, double loss) {
        inputs.add(input.clone());
        losses.add(loss);
    }

    /** Changes the loss of observation {@code index} (the factor depends on inputs only and stays). */
    public void replace(int index, double loss) {
        losses.set(index, loss);
    }

    public void clear() {
        inputs.clear();
        losses.clear();
        gp = null;
        modelled.clear();
    }

    /** Brings the hyperparameters and the factor up to date with every observation; {@code subsample} is used beyond maxData. */
    public GaussianProcess update(Subsample subsample) {
        int n = inputs.size();
        boolean refit = fittedAt < 0 || n < EVERY_UNTIL ? n != fittedAt
                : n - fittedAt >= Math.min(MAX_GAP, Math.max(1, fittedAt / 5));
        if (refit) {
            List<Integer> rows = n > maxData ? new ArrayList<>(subsample.keep(maxData)) : range(0, n);
            List<double[]> fitInputs = new ArrayList<>();
            List<Double> fitLosses = new ArrayList<>();
            int stride = (rows.size() + FIT_SIZE - 1) / FIT_SIZE;
            for (int i = 0; i < rows.size(); i += stride) {
                fitInputs.add(inputs.get(rows.get(i)));
                fitLosses.add(losses.get(rows.get(i)));
            }
            double[] y = standardise(fitLosses);
            HyperparameterFit.Fit fit = HyperparameterFit.fit(model, fitInputs, y, parameters, RESTARTS,
                    parameters == null ? FIRST_ITERATIONS : WARM_ITERATIONS, rng);
            parameters = fit.parameters();
            fittedAt = n;
            modelled.clear();
            modelled.addAll(rows);
            gp = build(rows);
        } else if (gp == null) {
            modelled.clear();
            modelled.addAll(range(0, n));
            gp = build(modelled);
        } else {
            int last = modelled.isEmpty() ? -1 : modelled.get(modelled.size() - 1);
            for (int i = last + 1; i < n; i++) {
                gp.append(inputs.get(i));
                modelled.add(i);
            }
        }
        return gp;
    }

    private GaussianProcess build(List<Integer> rows) {
        List<double[]> x = new ArrayList<>(rows.size());
        rows.forEach(i -> x.add(inputs.get(i)));
        double[] theta = java.util.Arrays.copyOf(parameters, parameters.length - 1);
        double noise = Math.exp(parameters[parameters.length - 1]);
        try {
            return GaussianProcess.of(model, theta, noise, x);
        } catch (IllegalStateException notPositive) {
            return GaussianProcess.of(model, theta, noise + 1e-4, x); // jitter, as GP libraries do
        }
    }

    /** The indices of the observations in the current factor, in its row order. */
    public List<Integer> modelled() {
        return java.util.Collections.unmodifiableList(modelled);
    }

    /** Standardised targets of the modelled observations (mean 0, variance 1 over all observations). */
    public double[] targets() {
        double[] y = new double[modelled.size()];
        double[] ms = moments(losses);
        for (int i = 0; i < y.length; i++) {
            y[i] = (losses.get(modelled.get(i)) - ms[0]) / ms[1];
        }
        return y;
    }

    /** A loss in the standardised units of {@link #targets}. */
    public double standardised(double loss) {
        double[] ms = moments(losses);
        return (loss - ms[0]) / ms[1];
    }

    private static double[] standardise(List<Double> values) {
        double[] ms = moments(values);
        double[] y = new double[values.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = (values.get(i) - ms[0]) / ms[1];
        }
        return y;
    }

    private static double[] moments(List<Double> values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= Math.max(1, values.size());
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        var /= Math.max(1, values.size());
        return new double[] {mean, var > 1e-18 ? Math.sqrt(var) : 1};
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> r = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            r.add(i);
        }
        return r;
    }
}
