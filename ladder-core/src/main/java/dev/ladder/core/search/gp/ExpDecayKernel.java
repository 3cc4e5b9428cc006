package dev.ladder.core.search.gp;

/**
 * MOBSTER's joint model over (x, r), MOBSTER slides, Tiao et al., arXiv:2003.10865, "Joint Gaussian Process
 * Surrogate Model": f(x, r) = gamma exp(-lambda r) + f0(x) (1 - delta exp(-lambda r)), lambda ~ Gamma,
 * f0 a Matern-5/2 ARD GP with constant mean mu. Integrating lambda out (kappa(r) = E[exp(-lambda r)] =
 * (beta / (r + beta))^alpha, beta = alpha / meanLambda) gives the mean mu + kappa(r) (gamma - delta mu) and
 * the covariance k0(x, x') (1 - delta (kappa(r) + kappa(r') - delta kappa(r + r')))
 * + (gamma - delta mu)^2 (kappa(r + r') - kappa(r) kappa(r')). The slides are silent on the centring of the
 * kernel, the parameterisation and the bounds: they follow Syne Tune's ExponentialDecayResourcesKernelFunction
 * (alpha in [1e-6, 250], meanLambda in [1e-4, 50]), except gamma's upper bound, 10 instead of the metric's
 * maximum, since Ladder standardises the targets. The input is [x, r] with r scaled to (0, 1].
 * theta = [Matern's theta, log alpha, log meanLambda, log gamma, delta (only when learned)].
 */
public final class ExpDecayKernel implements CovarianceModel {
    private final Matern52 x;
    private final Double fixedDelta;
    private final int base;

    /** {@code fixedDelta} 0 is the additive freeze-thaw model, 1 the pure decay; null learns delta in [0, 1]. */
    public ExpDecayKernel(int configDimension, Double fixedDelta) {
        if (fixedDelta != null && (fixedDelta < 0 || fixedDelta > 1)) {
            throw new IllegalArgumentException("delta must lie in [0, 1], got " + fixedDelta);
        }
        this.x = new Matern52(configDimension);
        this.fixedDelta = fixedDelta;
        this.base = x.size();
    }

    @Override
    public int size() {
        return base + (fixedDelta == null ? 4 : 3);
    }

    @Override
    public double[] initial() {
        double[] t = new double[size()];
        System.arraycopy(x.initial(), 0, t, 0, base);
        t[base] = Math.log(1.0);
        t[base + 1] = Math.log(0.5);
        t[base + 2] = Math.log(0.5);
        if (fixedDelta == null) {
            t[base + 3] = 0.5;
        }
        return t;
    }

    @Override
    public double lower(int i) {
        return i < base ? x.lower(i) : switch (i - base) {
            case 0 -> Math.log(1e-6);
            case 1 -> Math.log(1e-4);
            case 2 -> Math.log(1e-4);
            default -> 0;
        };
    }

    @Override
    public double upper(int i) {
        return i < base ? x.upper(i) : switch (i - base) {
            case 0 -> Math.log(250);
            case 1 -> Math.log(50);
            case 2 -> Math.log(10);
            default -> 1;
        };
    }

    private double delta(double[] theta) {
        return fixedDelta != null ? fixedDelta : theta[base + 3];
    }

    private double kappa(double[] theta, double r) {
        return cachedKappa[slot(theta, r)];
    }

    /**
     * The slot of r in the table of kappa and its two derivatives (d / d log alpha, d / d log meanLambda) under
     * theta's (alpha, meanLambda), computed on the first request: the table holds the few resource values (rung
     * levels and their sums) seen, by open addressing on the value's bits, filled to half at most.
     */
    private int slot(double[] theta, double r) {
        if (theta[base] != cachedLogAlpha || theta[base + 1] != cachedLogMean) {
            cachedLogAlpha = theta[base];
            cachedLogMean = theta[base + 1];
            java.util.Arrays.fill(cachedR, EMPTY);
            cached = 0;
        }
        long bits = Double.doubleToLongBits(r);
        int slot = (int) (bits ^ (bits >>> 29) ^ (bits >>> 47)) & (TABLE - 1);
        while (cachedR[slot] != EMPTY) {
            if (cachedR[slot] == bits) {
                return slot;
            }
            slot = (slot + 1) & (TABLE - 1);
        }
        if (cached == TABLE / 2) { // full: one of three scratch slots, enough for the lookups of one covariance
            slot = TABLE + scratch;
            scratch = (scratch + 1) % 3;
        } else {
            cachedR[slot] = bits;
            cached++;
        }
        double alpha = Math.exp(theta[base]);
        double beta = alpha / Math.exp(theta[base + 1]);
        double k = Math.pow(beta / (r + beta), alpha);
        double tail = alpha * r / (r + beta);
        cachedKappa[slot] = k;
        cachedByAlpha[slot] = k == 0 ? 0 : k * (Math.log(k) + tail); // d kappa / d log alpha
        cachedByMean[slot] = -k * tail; // d kappa / d log meanLambda
        return slot;
    }

    private static final long EMPTY = Double.doubleToLongBits(Double.NaN);
    private double cachedLogAlpha = Double.NaN;
    private double cachedLogMean = Double.NaN;
    private static final int TABLE = 128;
    private final long[] cachedR = new long[TABLE];
    private final double[] cachedKappa = new double[TABLE + 3];
    private final double[] cachedByAlpha = new double[TABLE + 3];
    private final double[] cachedByMean = new double[TABLE + 3];
    private int cached;
    private int scratch;

    @Override
    public double covariance(double[] theta, double[] a, double[] b) {
        int d = x.dimension();
        double ra = a[d];
        double rb = b[d];
        double delta = delta(theta);
        double ka = kappa(theta, ra);
        double kb = kappa(theta, rb);
        double kab = kappa(theta, ra + rb);
        double pref = Math.exp(theta[base + 2]) - delta * x.mean(theta, a);
        double factor = 1 - delta * (ka + kb - delta * kab);
        return x.covariance(theta, a, b) * factor + pref * pref * (kab - ka * kb);
    }

    /**
     * As {@link #covariance} row by row, with each row's resource factor and decay term (they depend on x's
     * resource only, the same for every candidate an acquisition scores) kept for the last theta, inputs and
     * resource: the same numbers, one Matern evaluation per row.
     */
    @Override
    public void crossCovariance(double[] theta, java.util.List<double[]> inputs, double[] b, double[] out) {
        int d = x.dimension();
        int n = out.length;
        double rb = b[d];
        if (theta != rowTheta || inputs != rowInputs || n != rowFactor.length || Double.compare(rb, rowR) != 0) {
            rowTheta = theta;
            rowInputs = inputs;
            rowR = rb;
            rowFactor = new double[n];
            rowDecay = new double[n];
            double delta = delta(theta);
            for (int i = 0; i < n; i++) {
                double[] a = inputs.get(i);
                double ka = kappa(theta, a[d]);
                double kb = kappa(theta, rb);
                double kab = kappa(theta, a[d] + rb);
                double pref = Math.exp(theta[base + 2]) - delta * x.mean(theta, a);
                rowFactor[i] = 1 - delta * (ka + kb - delta * kab);
                rowDecay[i] = pref * pref * (kab - ka * kb);
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] = x.covariance(theta, inputs.get(i), b) * rowFactor[i] + rowDecay[i];
        }
    }

    /** The rows' factors and decay terms for {@link #crossCovariance}, and what they were computed for. */
    private double[] rowTheta;
    private java.util.List<double[]> rowInputs;
    private double rowR = Double.NaN;
    private double[] rowFactor = new double[0];
    private double[] rowDecay = new double[0];

    /**
     * Exact: Matern's parameters through its gradient times the resource factor (its mean through gamma - delta mu);
     * kappa's through d kappa / d log alpha = kappa (log kappa + alpha r / (r + beta)) and
     * d kappa / d log meanLambda = -kappa alpha r / (r + beta); gamma's and delta's directly.
     */
    @Override
    public void covarianceGradient(double[] theta, double[] a, double[] b, double k, double[] out) {
        int d = x.dimension();
        double delta = delta(theta);
        int sa = slot(theta, a[d]);
        int sb = slot(theta, b[d]);
        int sab = slot(theta, a[d] + b[d]);
        double ka = cachedKappa[sa];
        double kb = cachedKappa[sb];
        double kab = cachedKappa[sab];
        double mu = x.mean(theta, a);
        double gamma = Math.exp(theta[base + 2]);
        double pref = gamma - delta * mu;
        double factor = 1 - delta * (ka + kb - delta * kab);
        double k0 = x.covariance(theta, a, b);
        x.covarianceGradient(theta, a, b, k0, out);
        for (int j = 0; j < base - 1; j++) {
            out[j] *= factor;
        }
        double decay = kab - ka * kb;
        out[base - 1] = -2 * delta * pref * decay;
        for (int j = 0; j < 2; j++) {
            double[] by = j == 0 ? cachedByAlpha : cachedByMean;
            double dka = by[sa];
            double dkb = by[sb];
            double dkab = by[sab];
            out[base + j] = -k0 * delta * (dka + dkb - delta * dkab) + pref * pref * (dkab - dka * kb - ka * dkb);
        }
        out[base + 2] = 2 * pref * gamma * decay;
        if (fixedDelta == null) {
            out[base + 3] = k0 * (2 * delta * kab - ka - kb) - 2 * pref * mu * decay;
        }
    }

    @Override
    public double mean(double[] theta, double[] a) {
        double mu = x.mean(theta, a);
        return mu + kappa(theta, a[x.dimension()]) * (Math.exp(theta[base + 2]) - delta(theta) * mu);
    }

    @Override
    public String describe() {
        return "exp-decay(d=" + x.dimension() + ", delta=" + (fixedDelta == null ? "learned" : fixedDelta) + ")";
    }
}
