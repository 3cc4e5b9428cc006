package dev.ladder.core.search.gp;

/**
 * Expected improvement below {@code best} of a Gaussian N(mean, sigma^2), in closed form:
 * (best - mean) Phi(z) + sigma phi(z), z = (best - mean) / sigma (Jones, Schonlau and Welch, 1998, eq. 15;
 * minimisation). The normal CDF comes from erfc (Numerical Recipes, 3rd ed., 6.2.2, relative error below 1.2e-7).
 */
public final class ExpectedImprovement {
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private ExpectedImprovement() {
    }

    public static double of(double mean, double sigma, double best) {
        double diff = best - mean;
        if (sigma <= 1e-12) {
            return Math.max(diff, 0);
        }
        double z = diff / sigma;
        return diff * normalCdf(z) + sigma * normalPdf(z);
    }

    static double normalPdf(double z) {
        return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
    }

    static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }
}
