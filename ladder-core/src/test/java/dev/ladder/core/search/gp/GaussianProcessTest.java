package dev.ladder.core.search.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {
    /** Matern-5/2, variance 1, lengthscale 0.5, mean 0.2, noise 0.01 over x = 0, 0.5, 1 with y = 1, -0.5, 0.25. */
    private static final Matern52 KERNEL = new Matern52(1);
    private static final double[] THETA = {0, Math.log(0.5), 0.2};
    private static final List<double[]> X = List.of(new double[] {0}, new double[] {0.5}, new double[] {1});
    private static final double[] Y = {1, -0.5, 0.25};

    /**
     * The expected values were computed by hand, outside this code, with numpy: K_ij = k(x_i, x_j) + 0.01 delta_ij,
     * mean(0.3) = 0.2 + k*^T K^-1 (y - 0.2), var(0.3) = k(0.3, 0.3) - k*^T K^-1 k*.
     */
    @Test
    void posteriorMeanAndVarianceMatchAThreePointExampleComputedByHand() {
        GaussianProcess gp = GaussianProcess.of(KERNEL, THETA, 0.01, X);
        double[] p = gp.predict(new double[] {0.3}, gp.weights(Y));
        assertThat(p[0]).isCloseTo(0.008061693387460767, within(1e-10));
        assertThat(p[1]).isCloseTo(0.08761298332351775, within(1e-10));
    }

    @Test
    void anIncrementalExtensionGivesTheSamePosteriorAsAFullFactorisation() {
        GaussianProcess gp = GaussianProcess.of(KERNEL, THETA, 0.01, X.subList(0, 1));
        gp.append(X.get(1));
        gp.append(X.get(2));
        double[] p = gp.predict(new double[] {0.3}, gp.weights(Y));
        assertThat(p[0]).isCloseTo(0.008061693387460767, within(1e-10));
        assertThat(p[1]).isCloseTo(0.08761298332351775, within(1e-10));
    }

    @Test
    void expectedImprovementMatchesItsClosedForm() {
        // (best - m) Phi(z) + s phi(z) with m = 0.1, s = 0.4, best = 0.3, computed with math.erfc
        assertThat(ExpectedImprovement.of(0.1, 0.4, 0.3)).isCloseTo(0.27911862296052237, within(1e-7));
        assertThat(ExpectedImprovement.of(0, 1, 0)).isCloseTo(1 / Math.sqrt(2 * Math.PI), within(1e-7));
        assertThat(ExpectedImprovement.of(0.5, 0, 0.2)).isZero();
        assertThat(ExpectedImprovement.of(0.1, 0, 0.2)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void aPendingPointLowersTheAcquisitionAroundIt() {
        GaussianProcess gp = GaussianProcess.of(KERNEL, THETA, 0.01, X);
        Acquisition alone = Acquisition.of(gp, Y, List.of(), r -> true, new SplittableRandom(1));
        Acquisition withPending = Acquisition.of(gp, Y, List.of(new double[] {0.3}), r -> true, new SplittableRandom(1));
        for (double x : new double[] {0.25, 0.3, 0.35}) {
            assertThat(withPending.score(new double[] {x})).as("x=%s", x).isLessThan(alone.score(new double[] {x}));
        }
        assertThat(withPending.score(new double[] {0.3})).isLessThan(0.5 * alone.score(new double[] {0.3}));
    }

    @Test
    void theExpDecayKernelsRowCacheGivesTheSameCovariancesAsOneByOne() {
        SplittableRandom rng = new SplittableRandom(11);
        ExpDecayKernel kernel = new ExpDecayKernel(2, null);
        double[] theta = kernel.initial();
        theta[theta.length - 1] = 0.3; // delta, so that every term matters
        List<double[]> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            inputs.add(new double[] {rng.nextDouble(), rng.nextDouble(), (1 + rng.nextInt(3)) / 3.0});
        }
        for (double r : new double[] {1.0 / 3, 1.0 / 3, 1.0, 2.0 / 3}) {
            for (int round = 0; round < 2; round++) {
                double[] x = {rng.nextDouble(), rng.nextDouble(), r};
                double[] out = new double[inputs.size()];
                kernel.crossCovariance(theta, inputs, x, out);
                for (int i = 0; i < out.length; i++) {
                    assertThat(out[i]).isEqualTo(kernel.covariance(theta, inputs.get(i), x));
                }
                inputs.add(new double[] {rng.nextDouble(), rng.nextDouble(), r}); // the model grows between calls
            }
        }
    }

    @Test
    void theLikelihoodGradientMatchesCentralDifferencesForEveryKernel() {
        SplittableRandom rng = new SplittableRandom(3);
        for (CovarianceModel model : List.of(new Matern52(2), new ExpDecayKernel(2, null), new ExpDecayKernel(2, 0.0), new ExpDecayKernel(2, 1.0))) {
            int inputs = model instanceof Matern52 ? 2 : 3;
            List<double[]> xs = new java.util.ArrayList<>();
            double[] y = new double[12];
            for (int i = 0; i < y.length; i++) {
                double[] x = new double[inputs];
                for (int j = 0; j < inputs; j++) {
                    x[j] = rng.nextDouble();
                }
                xs.add(x);
                y[i] = Math.sin(3 * x[0]) + x[1] + (inputs > 2 ? Math.exp(-2 * x[2]) : 0);
            }
            double[] at = new double[model.size() + 1];
            for (int i = 0; i < at.length; i++) {
                double lo = HyperparameterFit.lower(model, i);
                double hi = HyperparameterFit.upper(model, i);
                at[i] = lo + (0.3 + 0.4 * rng.nextDouble()) * (hi - lo);
            }
            double[] g = new double[at.length];
            HyperparameterFit.negativeLogLikelihood(model, xs, y, at, g);
            for (int i = 0; i < at.length; i++) {
                double h = 1e-5;
                double[] up = at.clone();
                double[] down = at.clone();
                up[i] += h;
                down[i] -= h;
                double[] ignored = new double[at.length];
                double numeric = (HyperparameterFit.negativeLogLikelihood(model, xs, y, up, ignored)
                        - HyperparameterFit.negativeLogLikelihood(model, xs, y, down, ignored)) / (2 * h);
                assertThat(g[i]).as("%s parameter %d", model.describe(), i)
                        .isCloseTo(numeric, within(1e-5 * (1 + Math.abs(numeric))));
            }
        }
    }

    @Test
    void theFitRaisesTheLikelihoodAndFindsTheIrrelevantInput() {
        SplittableRandom rng = new SplittableRandom(5);
        List<double[]> xs = new java.util.ArrayList<>();
        double[] y = new double[40];
        for (int i = 0; i < y.length; i++) {
            double[] x = {rng.nextDouble(), rng.nextDouble()};
            xs.add(x);
            y[i] = Math.sin(6 * x[0]); // x[1] does not matter
        }
        Matern52 model = new Matern52(2);
        HyperparameterFit.Fit fit = HyperparameterFit.fit(model, xs, y, null, 2, 60, new SplittableRandom(1));
        double[] start = new double[model.size() + 1];
        start[start.length - 1] = HyperparameterFit.NOISE_INITIAL;
        assertThat(fit.negativeLogLikelihood())
                .isLessThan(HyperparameterFit.negativeLogLikelihood(model, xs, y, start, new double[start.length]));
        double[] theta = fit.theta();
        assertThat(theta[2]).as("log lengthscale of the irrelevant input").isGreaterThan(theta[1] + 1);
    }
}
