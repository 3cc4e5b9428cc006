package dev.ladder.core.search.gp;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * The Cholesky factor L of K + noise I over a set of inputs, for fixed hyperparameters. Built at once with
 * EJML (O(n^3)) and extended one input at a time (O(n^2)): L's rows are kept ragged (row i holds i + 1
 * numbers) so that an extension appends a row. The targets are not part of it: {@link #weights} solves
 * for any target vector in O(n^2), so a change of standardisation or fantasy values costs no refactoring.
 */
public final class GaussianProcess {
    private final CovarianceModel model;
    private final double[] theta;
    private final double noise;
    private final List<double[]> inputs;
    private final List<double[]> rows;

    private GaussianProcess(CovarianceModel model, double[] theta, double noise, List<double[]> inputs, List<double[]> rows) {
        this.model = model;
        this.theta = theta;
        this.noise = noise;
        this.inputs = inputs;
        this.rows = rows;
    }

    /** The factor over {@code inputs}; fails if K + noise I is not positive definite. */
    public static GaussianProcess of(CovarianceModel model, double[] theta, double noise, List<double[]> inputs) {
        int n = inputs.size();
        List<double[]> rows = new ArrayList<>(n + 16);
        if (n > 0) {
            DMatrixRMaj k = covarianceMatrix(model, theta, noise, inputs);
            CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
            if (!chol.decompose(k)) {
                throw new IllegalStateException("the covariance of " + n + " inputs is not positive definite under "
                        + model.describe());
            }
            DMatrixRMaj l = chol.getT(null);
            for (int i = 0; i < n; i++) {
                double[] row = new double[i + 1];
                System.arraycopy(l.data, i * n, row, 0, i + 1);
                rows.add(row);
            }
        }
        return new GaussianProcess(model, theta.clone(), noise, new ArrayList<>(inputs), rows);
    }

    /** K + noise I over {@code inputs}, as a dense EJML matrix. */
    static DMatrixRMaj covarianceMatrix(CovarianceModel model, double[] theta, double noise, List<double[]> inputs) {
        int n = inputs.size();
        DMatrixRMaj k = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = model.covariance(theta, inputs.get(i), inputs.get(j));
                k.unsafe_set(i, j, v);
                k.unsafe_set(j, i, v);
            }
            k.unsafe_set(i, i, k.unsafe_get(i, i) + noise);
        }
        return k;
    }

    public int size() {
        return rows.size();
    }

    public CovarianceModel model() {
        return model;
    }

    public double[] theta() {
        return theta.clone();
    }

    /** The prior mean at {@code x} under this model's theta. */
    public double priorMean(double[] x) {
        return model.mean(theta, x);
    }

    /** Adds {@code input}: one new row of L, O(n^2). */
    public void append(double[] input) {
        double[] k = crossCovariance(input);
        double[] l = forward(k);
        double s = model.covariance(theta, input, input) + noise;
        for (double v : l) {
            s -= v * v;
        }
        double[] row = java.util.Arrays.copyOf(l, l.length + 1);
        row[l.length] = Math.sqrt(Math.max(s, 1e-12 * (1 + noise)));
        rows.add(row);
        inputs.add(input);
    }

    /** A copy that can be extended without changing this one (rows are shared, never modified). */
    public GaussianProcess copy() {
        return new GaussianProcess(model, theta, noise, new ArrayList<>(inputs), new ArrayList<>(rows));
    }

    /** k(X, x) for every input X. */
    public double[] crossCovariance(double[] x) {
        double[] k = new double[inputs.size()];
        model.crossCovariance(theta, inputs, x, k);
        return k;
    }

    /** Solves L v = b. */
    public double[] forward(double[] b) {
        int n = rows.size();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = rows.get(i);
            v[i] = (b[i] - dot(row, v, i)) / row[i];
        }
        return v;
    }

    /** The sum of a[j] b[j] over j < n, in four independent partial sums so that the CPU can overlap them. */
    static double dot(double[] a, double[] b, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Solves L^T v = b (row-oriented: each row of L is read once). */
    private double[] backward(double[] b) {
        double[] v = b.clone();
        for (int i = rows.size() - 1; i >= 0; i--) {
            double[] row = rows.get(i);
            v[i] /= row[i];
            double vi = v[i];
            for (int j = 0; j < i; j++) {
                v[j] -= row[j] * vi;
            }
        }
        return v;
    }

    /** (K + noise I)^-1 (y - m): the weights of the posterior mean for targets {@code y}. */
    public double[] weights(double[] y) {
        double[] r = new double[rows.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = y[i] - model.mean(theta, inputs.get(i));
        }
        return backward(forward(r));
    }

    /** The posterior at {@code x} for the targets whose {@link #weights} are given: {mean, variance}. */
    public double[] predict(double[] x, double[] weights) {
        double[] k = crossCovariance(x);
        double mean = model.mean(theta, x);
        for (int i = 0; i < k.length; i++) {
            mean += k[i] * weights[i];
        }
        return new double[] {mean, variance(x, k)};
    }

    /** The posterior variance at {@code x} given k(X, x) (of the latent function, without noise). */
    double variance(double[] x, double[] k) {
        double[] v = forward(k);
        double var = model.covariance(theta, x, x);
        for (double z : v) {
            var -= z * z;
        }
        return Math.max(var, 1e-12);
    }

    /**
     * Draws {@code samples} joint values of the targets at {@code pending} from the posterior predictive
     * (latent posterior plus noise) given targets {@code y}: the MOBSTER slides' Step 2, "draw fantasy values
     * for pending evaluations" (MOBSTER slides, Tiao et al., arXiv:2003.10865). Returns [sample][pending point].
     */
    public double[][] fantasies(List<double[]> pending, double[] y, int samples, RandomGenerator rng) {
        int p = pending.size();
        double[] w = weights(y);
        double[] mean = new double[p];
        double[][] v = new double[p][];
        for (int a = 0; a < p; a++) {
            double[] k = crossCovariance(pending.get(a));
            mean[a] = model.mean(theta, pending.get(a));
            for (int i = 0; i < k.length; i++) {
                mean[a] += k[i] * w[i];
            }
            v[a] = forward(k);
        }
        DMatrixRMaj cov = new DMatrixRMaj(p, p);
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                double c = model.covariance(theta, pending.get(a), pending.get(b));
                for (int i = 0; i < v[a].length; i++) {
                    c -= v[a][i] * v[b][i];
                }
                cov.unsafe_set(a, b, c);
                cov.unsafe_set(b, a, c);
            }
            cov.unsafe_set(a, a, Math.max(cov.unsafe_get(a, a), 0) + noise + 1e-9);
        }
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(p, true);
        DMatrixRMaj l = chol.decompose(cov) ? chol.getT(null) : diagonalRoot(cov);
        double[][] out = new double[samples][p];
        double[] z = new double[p];
        for (int s = 0; s < samples; s++) {
            for (int a = 0; a < p; a++) {
                z[a] = rng.nextGaussian();
            }
            for (int a = 0; a < p; a++) {
                double sum = mean[a];
                for (int b = 0; b <= a; b++) {
                    sum += l.unsafe_get(a, b) * z[b];
                }
                out[s][a] = sum;
            }
        }
        return out;
    }

    private static DMatrixRMaj diagonalRoot(DMatrixRMaj cov) {
        DMatrixRMaj l = new DMatrixRMaj(cov.numRows, cov.numCols);
        for (int a = 0; a < cov.numRows; a++) {
            l.unsafe_set(a, a, Math.sqrt(Math.max(cov.unsafe_get(a, a), 0)));
        }
        return l;
    }
}
