package dev.ladder.core.search.gp;

/**
 * BFGS (Nocedal and Wright, Numerical Optimization, 2nd ed., Algorithm 6.1) with a backtracking Armijo line
 * search (quadratic interpolation, a first step of length at most 1, the initial inverse Hessian scaled) and a
 * cap on iterations. Deterministic: no randomness, no threads. Written here because ddogleg's BFGS is not on
 * the Maven repository this project builds from.
 */
final class Bfgs {

    /** A function and its gradient; returns the value and fills {@code gradient}; +inf where undefined. */
    @FunctionalInterface
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /** The point reached and its value. */
    record Minimum(double[] x, double value) {
    }

    private Bfgs() {
    }

    static Minimum minimize(Objective f, double[] start, int maxIterations) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        if (!Double.isFinite(fx)) {
            return new Minimum(x, fx);
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            h[i][i] = 1;
        }
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] p = new double[n];
        for (int it = 0; it < maxIterations; it++) {
            double gp = 0;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s -= h[i][j] * g[j];
                }
                p[i] = s;
                gp += s * g[i];
            }
            if (gp >= 0) { // not a descent direction: restart from steepest descent
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(h[i], 0);
                    h[i][i] = 1;
                    p[i] = -g[i];
                }
                gp = -dot(g, g);
            }
            double step = it == 0 ? Math.min(1, 1 / Math.sqrt(dot(p, p))) : 1;
            double fNew = Double.POSITIVE_INFINITY;
            for (int ls = 0; ls < 30; ls++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * p[i];
                }
                fNew = f.evaluate(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * gp) {
                    break;
                }
                step *= backtrack(fx, gp, step, fNew);
            }
            if (!(Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * gp)) {
                break;
            }
            double[] s = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double improvement = fx - fNew;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (improvement < 1e-9 * (1 + Math.abs(fx)) || Math.sqrt(dot(g, g)) < 1e-6) {
                break;
            }
            double sy = dot(s, y);
            if (sy > 1e-12) {
                if (it == 0) { // scale the initial inverse Hessian before the first update (N&W eq. 6.20)
                    double scale = sy / dot(y, y);
                    for (int i = 0; i < n; i++) {
                        h[i][i] = scale;
                    }
                }
                update(h, s, y, sy);
            }
        }
        return new Minimum(x, fx);
    }

    /**
     * The factor to shrink a rejected step by: the minimiser of the quadratic through f(0), f'(0) and the
     * rejected f(step) (N&W section 3.5), kept in [0.1, 0.5]; 0.5 where f(step) is not finite.
     */
    private static double backtrack(double f0, double slope, double step, double fStep) {
        if (!Double.isFinite(fStep)) {
            return 0.5;
        }
        double curvature = fStep - f0 - slope * step;
        double factor = curvature > 0 ? -slope * step / (2 * curvature) : 0.5;
        return Math.max(0.1, Math.min(0.5, factor));
    }

    /** H <- (I - rho s y^T) H (I - rho y s^T) + rho s s^T. */
    private static void update(double[][] h, double[] s, double[] y, double sy) {
        int n = s.length;
        double rho = 1 / sy;
        double[] hy = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                hy[i] += h[i][j] * y[j];
            }
        }
        double yhy = dot(y, hy);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
