package dev.ladder.core.search.gp;

import java.util.List;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;

/**
 * Kernel hyperparameters and the noise by maximum marginal likelihood: theta (log-parameterised where
 * positive, see {@link CovarianceModel}) plus log noise, minimised by {@link Bfgs} from a few starts. The
 * gradient is exact in the linear algebra, 1/2 tr((K^-1 - a a^T) dK) - a^T dm with a = K^-1 (y - m), and
 * takes dK/dtheta from {@link CovarianceModel#covarianceGradient} (exact in both kernels here: O(n^2) per
 * parameter, not O(n^3)) and dm/dtheta by forward differences. Leaving the box costs a quadratic penalty.
 */
public final class HyperparameterFit {
    static final double NOISE_LOWER = Math.log(1e-6);
    static final double NOISE_UPPER = Math.log(1.0);
    static final double NOISE_INITIAL = Math.log(1e-3);
    private static final double STEP = 1e-6;
    private static final double PENALTY = 100;

    private HyperparameterFit() {
    }

    /** The fitted [theta..., log noise]. */
    public record Fit(double[] parameters, double negativeLogLikelihood) {
        public double[] theta() {
            return java.util.Arrays.copyOf(parameters, parameters.length - 1);
        }

        public double noise() {
            return Math.exp(parameters[parameters.length - 1]);
        }
    }

    /**
     * Fits on ({@code inputs}, {@code y}). Without {@code warm}: from the model's initial values and
     * {@code restarts} seeded random points of the box; with it: from {@code warm} only.
     */
    public static Fit fit(CovarianceModel model, List<double[]> inputs, double[] y, double[] warm, int restarts,
                          int maxIterations, RandomGenerator rng) {
        int p = model.size() + 1;
        Bfgs.Objective f = (x, g) -> negativeLogLikelihood(model, inputs, y, x, g);
        Fit best = null;
        int starts = warm != null ? 1 : 1 + restarts;
        for (int s = 0; s < starts; s++) {
            double[] x0 = new double[p];
            if (warm != null) {
                x0 = warm.clone();
            } else if (s == 0) {
                System.arraycopy(model.initial(), 0, x0, 0, p - 1);
                x0[p - 1] = NOISE_INITIAL;
            } else {
                for (int i = 0; i < p; i++) {
                    x0[i] = lower(model, i) + rng.nextDouble() * (upper(model, i) - lower(model, i));
                }
            }
            Bfgs.Minimum m = Bfgs.minimize(f, x0, maxIterations);
            if (best == null || m.value() < best.negativeLogLikelihood()) {
                best = new Fit(clamp(model, m.x()), m.value());
            }
        }
        if (!Double.isFinite(best.negativeLogLikelihood())) {
            double[] x0 = new double[p];
            System.arraycopy(model.initial(), 0, x0, 0, p - 1);
            x0[p - 1] = NOISE_UPPER;
            return new Fit(x0, Double.POSITIVE_INFINITY);
        }
        return best;
    }

    static double lower(CovarianceModel model, int i) {
        return i < model.size() ? model.lower(i) : NOISE_LOWER;
    }

    static double upper(CovarianceModel model, int i) {
        return i < model.size() ? model.upper(i) : NOISE_UPPER;
    }

    static double[] clamp(CovarianceModel model, double[] x) {
        double[] c = x.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] = Math.max(lower(model, i), Math.min(upper(model, i), c[i]));
        }
        return c;
    }

    /**
     * The lower triangle of K^-1 = L^-T L^-1 from the Cholesky factor {@code l} (overwritten with L^-1), in
     * n^3/6 multiply-adds for the product instead of the n^3 of a general one; the upper triangle is left 0.
     */
    static double[] lowerInverse(double[] l, int n) {
        TriangularSolver_DDRM.invertLower(l, n);
        double[] w = new double[n * n];
        for (int k = 0; k < n; k++) {
            int rowK = k * n;
            for (int i = 0; i <= k; i++) {
                double lki = l[rowK + i];
                int rowI = i * n;
                for (int j = 0; j <= i; j++) {
                    w[rowI + j] += lki * l[rowK + j];
                }
            }
        }
        return w;
    }

    /** -log p(y | inputs, x) at the box-clamped x, plus the penalty for leaving the box; fills the gradient. */
    static double negativeLogLikelihood(CovarianceModel model, List<double[]> inputs, double[] y, double[] x, double[] gradient) {
        int n = inputs.size();
        int p = x.length;
        double[] c = clamp(model, x);
        double[] theta = java.util.Arrays.copyOf(c, p - 1);
        double noise = Math.exp(c[p - 1]);
        DMatrixRMaj k = GaussianProcess.covarianceMatrix(model, theta, noise, inputs);
        CholeskyDecomposition_F64<DMatrixRMaj> chol = DecompositionFactory_DDRM.chol(n, true);
        if (!chol.decompose(k.copy())) {
            java.util.Arrays.fill(gradient, 0);
            return Double.POSITIVE_INFINITY;
        }
        DMatrixRMaj l = chol.getT(null);
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            logDet += 2 * Math.log(l.unsafe_get(i, i));
        }
        double[] m = new double[n];
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = model.mean(theta, inputs.get(i));
            a[i] = y[i] - m[i];
        }
        double fit = 0;
        TriangularSolver_DDRM.solveL(l.data, a, n);
        for (int i = 0; i < n; i++) {
            fit += a[i] * a[i];
        }
        TriangularSolver_DDRM.solveTranL(l.data, a, n);
        double value = 0.5 * fit + 0.5 * logDet + 0.5 * n * Math.log(2 * Math.PI);
        // W = K^-1 - a a^T (lower triangle only); d(-log p)/dj = 1/2 tr(W dK_j) - a^T dm_j
        double[] w = lowerInverse(l.data, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                w[i * n + j] -= a[i] * a[j];
            }
        }
        double[] g = new double[p - 1];
        double[] dk = new double[p - 1];
        for (int s = 0; s < n; s++) {
            double[] in = inputs.get(s);
            for (int t = 0; t <= s; t++) {
                double kst = k.unsafe_get(s, t) - (s == t ? noise : 0);
                model.covarianceGradient(theta, in, inputs.get(t), kst, dk);
                double weight = (s == t ? 1 : 2) * w[s * n + t];
                for (int j = 0; j < g.length; j++) {
                    g[j] += weight * dk[j];
                }
            }
        }
        for (int j = 0; j < p - 1; j++) {
            double[] shifted = theta.clone();
            shifted[j] += STEP;
            double gj = 0.5 * g[j];
            for (int s = 0; s < n; s++) {
                gj -= a[s] * (model.mean(shifted, inputs.get(s)) - m[s]) / STEP;
            }
            gradient[j] = gj;
        }
        double trace = 0;
        for (int i = 0; i < n; i++) {
            trace += w[i * n + i];
        }
        gradient[p - 1] = 0.5 * trace * noise;
        for (int i = 0; i < p; i++) {
            double out = x[i] - c[i];
            if (out != 0) {
                value += 0.5 * PENALTY * out * out;
                gradient[i] = PENALTY * out; // the likelihood is flat along a clamped coordinate
            }
        }
        return value;
    }
}
