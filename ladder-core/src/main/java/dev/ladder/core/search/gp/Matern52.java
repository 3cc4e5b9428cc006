package dev.ladder.core.search.gp;

/**
 * Matern-5/2 kernel with one lengthscale per input (ARD) and a constant mean:
 * k(a, b) = s2 (1 + sqrt5 d + 5/3 d^2) exp(-sqrt5 d), d^2 = sum_i ((a_i - b_i) / l_i)^2.
 * theta = [log s2, log l_1..l_d, mean]. The bounds follow Syne Tune's Matern52 on targets standardised
 * to mean 0 and variance 1 (the MOBSTER slides, Tiao et al., arXiv:2003.10865,
 * "Joint Gaussian Process Surrogate Model", name the kernel and leave its bounds open).
 */
public final class Matern52 implements CovarianceModel {
    static final double SQRT5 = Math.sqrt(5);
    private final int dimension;
    /** The inverse lengthscales of the theta last seen (a searcher's model is used by one thread). */
    private double[] cachedTheta = new double[0];
    private double[] inverse = new double[0];

    public Matern52(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("a Matern kernel needs at least one input, got " + dimension);
        }
        this.dimension = dimension;
    }

    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return dimension + 2;
    }

    @Override
    public double[] initial() {
        return new double[size()]; // variance 1, every lengthscale 1, mean 0
    }

    @Override
    public double lower(int i) {
        return i == 0 ? Math.log(1e-3) : i <= dimension ? Math.log(1e-2) : -5;
    }

    @Override
    public double upper(int i) {
        return i == 0 ? Math.log(1e2) : i <= dimension ? Math.log(1e2) : 5;
    }

    @Override
    public double covariance(double[] theta, double[] a, double[] b) {
        double[] inv = inverseLengthscales(theta);
        double d2 = 0;
        for (int i = 0; i < dimension; i++) {
            double z = (a[i] - b[i]) * inv[i];
            d2 += z * z;
        }
        return Math.exp(theta[0]) * shape(Math.sqrt(d2));
    }

    private double[] inverseLengthscales(double[] theta) {
        double[] cached = cachedTheta;
        double[] inv = inverse;
        boolean same = cached.length == dimension;
        for (int i = 0; same && i < dimension; i++) {
            same = cached[i] == theta[1 + i];
        }
        if (!same) {
            cached = java.util.Arrays.copyOfRange(theta, 1, dimension + 1);
            inv = new double[dimension];
            for (int i = 0; i < dimension; i++) {
                inv[i] = Math.exp(-cached[i]);
            }
            inverse = inv;
            cachedTheta = cached;
        }
        return inv;
    }

    /** Exact: d/d log s2 = k, d/d log l_i = s2 5/3 (1 + sqrt5 d) exp(-sqrt5 d) z_i^2 with z_i = (a_i - b_i) / l_i, 0 for the mean. */
    @Override
    public void covarianceGradient(double[] theta, double[] a, double[] b, double k, double[] out) {
        double[] inv = inverseLengthscales(theta);
        double d2 = 0;
        for (int i = 0; i < dimension; i++) {
            double z = (a[i] - b[i]) * inv[i];
            out[1 + i] = z * z;
            d2 += z * z;
        }
        double d = Math.sqrt(d2);
        double c = Math.exp(theta[0]) * 5.0 / 3.0 * (1 + SQRT5 * d) * Math.exp(-SQRT5 * d);
        for (int i = 0; i < dimension; i++) {
            out[1 + i] *= c;
        }
        out[0] = k;
        out[dimension + 1] = 0;
    }

    /** (1 + sqrt5 d + 5/3 d^2) exp(-sqrt5 d): the kernel at scaled distance d with unit variance. */
    static double shape(double d) {
        return (1 + SQRT5 * d + 5.0 / 3.0 * d * d) * Math.exp(-SQRT5 * d);
    }

    @Override
    public double mean(double[] theta, double[] a) {
        return theta[dimension + 1];
    }

    @Override
    public String describe() {
        return "matern52(d=" + dimension + ")";
    }
}
