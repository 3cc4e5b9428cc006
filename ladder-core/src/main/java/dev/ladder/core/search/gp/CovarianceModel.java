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

    /** A short name with the dimension, for messages and {@code toString}. */
    String describe();
}
