package dev.ladder.core.search;

import java.util.random.RandomGenerator;

/**
 * A product-kernel density over {@link KdeSpace} coordinates, as BOHB fits its good and bad densities
 * (Falkner, Klein, Hutter, "BOHB: Robust and Efficient Hyperparameter Optimization at Scale", ICML 2018,
 * section 3 and Algorithm 2, and its reference code, HpBandSter's config generator): a Gaussian kernel on each continuous
 * coordinate and an Aitchison-Aitken kernel on each category, bandwidths by the normal reference rule
 * 1.06 * std * n^(-1/(d+4)) (statsmodels' {@code normal_reference}, which HpBandSter uses), at least
 * {@code minBandwidth}. Unlike statsmodels, a category's bandwidth is also at most (c-1)/c, the uniform
 * kernel: beyond it the kernel would favour the categories the data do not hold.
 */
final class ParzenEstimator {
    private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);
    /** Truncated normal draws give up after this many rejections and keep the centre. */
    private static final int MAX_REJECTIONS = 100;

    private final double[][] data;
    private final int[] categories;
    private final double[] bandwidth;
    private final double[] logNorm;
    private final double[] logSame;
    private final double[] logOther;

    /** Fits the density of the rows {@code data} (at least one); {@code categories[j]} is 0 for a continuous coordinate. */
    ParzenEstimator(double[][] data, int[] categories, double minBandwidth) {
        this.data = data;
        this.categories = categories;
        int n = data.length;
        int d = categories.length;
        double shrink = Math.pow(n, -1.0 / (d + 4));
        bandwidth = new double[d];
        logNorm = new double[d];
        logSame = new double[d];
        logOther = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : data) {
                mean += row[j];
            }
            mean /= n;
            double var = 0;
            for (double[] row : data) {
                var += (row[j] - mean) * (row[j] - mean);
            }
            double h = Math.max(minBandwidth, 1.06 * Math.sqrt(var / n) * shrink);
            if (categories[j] > 0) {
                h = categories[j] == 1 ? 0 : Math.min(h, (categories[j] - 1.0) / categories[j]);
                logSame[j] = Math.log(1 - h);
                logOther[j] = categories[j] == 1 ? 0 : Math.log(h / (categories[j] - 1));
            } else {
                logNorm[j] = -Math.log(h) - HALF_LOG_TWO_PI;
            }
            bandwidth[j] = h;
        }
    }

    double bandwidth(int j) {
        return bandwidth[j];
    }

    int size() {
        return data.length;
    }

    /** The log of the density at {@code x}: log of the mean over the rows of the product of the kernels. */
    double logDensity(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            double[] row = data[i];
            double s = 0;
            for (int j = 0; j < x.length; j++) {
                if (categories[j] > 0) {
                    s += row[j] == x[j] ? logSame[j] : logOther[j];
                } else {
                    double z = (x[j] - row[j]) / bandwidth[j];
                    s += logNorm[j] - 0.5 * z * z;
                }
            }
            terms[i] = s;
            max = Math.max(max, s);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            return max;
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum / data.length);
    }

    /**
     * A candidate as BOHB draws it: a random row, then per continuous coordinate a normal around it with
     * {@code factor} times the bandwidth, truncated to [0,1]; per category the row's with probability 1 - bandwidth,
     * else a uniform one.
     */
    double[] sample(RandomGenerator rng, double factor) {
        double[] row = data[rng.nextInt(data.length)];
        double[] x = new double[row.length];
        for (int j = 0; j < row.length; j++) {
            if (categories[j] > 0) {
                x[j] = rng.nextDouble() < 1 - bandwidth[j] ? row[j] : rng.nextInt(categories[j]);
            } else {
                double scale = factor * bandwidth[j];
                double v = row[j];
                for (int tries = 0; tries < MAX_REJECTIONS; tries++) {
                    double draw = row[j] + scale * rng.nextGaussian();
                    if (draw >= 0 && draw <= 1) {
                        v = draw;
                        break;
                    }
                }
                x[j] = v;
            }
        }
        return x;
    }
}
