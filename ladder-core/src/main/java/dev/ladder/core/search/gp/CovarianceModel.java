package dev.ladder.core.search.gp;

/**
 * A Gaussian-process prior over model inputs: a covariance and a mean function with a vector of
 * hyperparameters theta, positive ones stored as logarithms, each in a box. The observation noise is
 * not part of it ({@link HyperparameterFit} adds it).
 */
public interface CovarianceModel {

    /** Length of theta. */
    int size();

    /** Where the fit starts. */
    double[] initial();

    double lower(int i);

    double upper(int i);

    double covariance(double[] theta, double[] a, double[] b);

    double mean(double[] theta, double[] a);

    /** The step of the forward differences {@link #covarianceGradient} takes by default. */
    double STEP = 1e-6;

    /**
     * d k(a, b) / d theta_j for every j into {@code out}, given {@code k} = covariance(theta, a, b). The default
     * takes forward differences (one covariance per parameter); kernels override it with exact derivatives.
     */
    default void covarianceGradient(double[] theta, double[] a, double[] b, double k, double[] out) {
        double[] shifted = theta.clone();
        for (int j = 0; j < theta.length; j++) {
            double keep = shifted[j];
            shifted[j] = keep + STEP;
            out[j] = (covariance(shifted, a, b) - k) / STEP;
            shifted[j] = keep;
        }
    }

    /**
     * k(inputs_i, x) for every i into {@code out}; kernels may keep what does not depend on x between calls
     * with the same theta and inputs (the acquisition scores many x against one model).
     */
    default void crossCovariance(double[] theta, java.util.List<double[]> inputs, double[] x, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = covariance(theta, inputs.get(i), x);
        }
    }

    /** A short name with the dimension, for messages and {@code toString}. */
    String describe();
}
