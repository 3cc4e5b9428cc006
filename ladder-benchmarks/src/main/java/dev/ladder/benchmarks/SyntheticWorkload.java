package dev.ladder.benchmarks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The synthetic multi-fidelity workload {@code peers-mf-curves-v1}, exactly as specified in
 * {@code docs/synthetic-workload.md}: trial i has a configuration x_i in [0,1]^2 and a learning
 * curve f(i, r) over the resources r = 1..81 (r_min = 1, R = 81, eta = 3, minimise).
 * Invariants: every value is a pure function of (i, r), computed with plain IEEE double operations
 * (no fused multiply-add, no platform exp), so it is bit-identical on every JVM; the workload for N
 * trials is a prefix of the workload for any larger N.
 */
public final class SyntheticWorkload {
    public static final String NAME = "peers-mf-curves-v1";
    public static final long SEED = 20240601L;
    public static final int MIN_RESOURCE = 1;
    public static final int MAX_RESOURCE = 81;
    public static final int ETA = 3;

    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    /** C[j] = 1 / j!, with j! computed in a double (exact up to 13!). */
    private static final double[] C = new double[14];

    static {
        double factorial = 1.0;
        for (int j = 0; j < C.length; j++) {
            if (j > 0) {
                factorial *= j;
            }
            C[j] = 1.0 / factorial;
        }
    }

    private SyntheticWorkload() {
    }

    /** The trial's parameters: its configuration, its noise draw, its final value and its time constant. */
    public record Curve(int trial, double x0, double x1, double v, double finalValue, double tau) {
        /** f(i, r) for this trial. */
        public double f(int r) {
            return finalValue + (1.0 - finalValue) * detExp(-((double) r) / tau);
        }
    }

    /** The SplitMix64 finaliser. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** U(k), k >= 1: the k-th double in [0,1) of SplitMix64 seeded with {@link #SEED}, counter-based. */
    public static double u(long k) {
        return (mix64(SEED + k * GAMMA) >>> 11) * 0x1.0p-53;
    }

    /** The spec's fixed exp: range reduction by ln 2, a degree-13 Taylor polynomial, exact scaling. */
    public static double detExp(double y) {
        int k = (int) Math.floor(y * INV_LN2 + 0.5);
        double t = (y - k * LN2_HI) - k * LN2_LO;
        double p = C[13];
        for (int j = 12; j >= 0; j--) {
            p = p * t + C[j];
        }
        return Math.scalb(p, k);
    }

    /** The parameters of trial {@code i}'s curve. */
    public static Curve curve(int i) {
        checkTrial(i);
        long base = 3L * i;
        double x0 = u(base + 1);
        double x1 = u(base + 2);
        double v = u(base + 3);
        return new Curve(i, x0, x1, v, finalValue(x0, x1, v), tau(x0, x1));
    }

    /** f(i, r): trial {@code i}'s value after {@code r} units of resource, r in 1..81. */
    public static double f(int i, int r) {
        checkTrial(i);
        if (r < MIN_RESOURCE || r > MAX_RESOURCE) {
            throw new IllegalArgumentException("resource must be in " + MIN_RESOURCE + ".." + MAX_RESOURCE + ", got " + r);
        }
        long base = 3L * i;
        double x0 = u(base + 1);
        double x1 = u(base + 2);
        double fin = finalValue(x0, x1, u(base + 3));
        return fin + (1.0 - fin) * detExp(-((double) r) / tau(x0, x1));
    }

    private static double finalValue(double x0, double x1, double v) {
        double dx0 = x0 - 0.3;
        double dx1 = x1 - 0.3;
        double d2 = dx0 * dx0 + dx1 * dx1;
        return 0.05 + 0.9 * (d2 / 0.98) + 0.02 * (v - 0.5);
    }

    private static double tau(double x0, double x1) {
        return 2.0 + 9.0 * (x0 * x0 + x1 * x1);
    }

    private static void checkTrial(int i) {
        if (i < 0) {
            throw new IllegalArgumentException("trial index must be at least 0, got " + i);
        }
    }

    /**
     * The spec's checksum: sha256 over f(i, r) as float64 little-endian, i = 0..n-1 outer,
     * r = 1..81 inner; lower-case hex.
     */
    public static String sha256(int n) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
        byte[] block = new byte[8 * MAX_RESOURCE];
        for (int i = 0; i < n; i++) {
            Curve c = curve(i);
            for (int r = MIN_RESOURCE; r <= MAX_RESOURCE; r++) {
                long bits = Double.doubleToRawLongBits(c.f(r));
                int o = 8 * (r - MIN_RESOURCE);
                for (int b = 0; b < 8; b++) {
                    block[o + b] = (byte) (bits >>> (8 * b));
                }
            }
            sha.update(block);
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
