package dev.ladder.sim;

import java.util.SplittableRandom;

/**
 * Stragglers and dropped jobs as simulated in L. Li, "Towards Efficient Automated Machine Learning",
 * PhD thesis, Carnegie Mellon University, 2020 (CMU-ML-20-104; "the thesis"), section 3.3.3.
 * Each job (one start or one resume segment of a trial) draws its fate from its own stream, seeded by
 * ({@code seed}, trial id, segment number), so a trial's fate does not depend on what other trials do:
 * <ul>
 *   <li>straggler: its training time is multiplied by {@code 1 + |z|}, z ~ N(0, sigma) (Box-Muller);
 *       sigma = 0 gives exactly 1;</li>
 *   <li>drop: it is dropped after an exponential time of rate {@code -ln(1 - p)} per simulated second of
 *       its running time, so it survives t seconds with probability {@code (1 - p)^t}: the thesis's
 *       "probability p that a job will be dropped at each time unit", with the simulated second as the
 *       time unit, made continuous. p = 0 never drops, p = 1 drops at once.</li>
 * </ul>
 */
public record FailureModel(double sigma, double p, long seed) {
    public static final FailureModel NONE = new FailureModel(0, 0, 0);

    /** Rejects a negative or infinite sigma and a drop probability outside [0, 1]. */
    public FailureModel {
        if (!(sigma >= 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("straggler sigma must be a finite number >= 0, got " + sigma);
        }
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("drop probability per second must be in [0, 1], got " + p);
        }
    }

    /** Stragglers only: each job's time is multiplied by 1 + |z|, z ~ N(0, sigma), drawn from {@code seed}. */
    public static FailureModel stragglers(double sigma, long seed) {
        return new FailureModel(sigma, 0, seed);
    }

    /** Drops only: each job is dropped with probability {@code p} per simulated second, drawn from {@code seed}. */
    public static FailureModel drops(double p, long seed) {
        return new FailureModel(0, p, seed);
    }

    /** What happens to one job: its time factor (>= 1) and the seconds after its start at which it is dropped. */
    public record Fate(double slowdown, double dropAfter) {
    }

    /** The fate of segment {@code segment} (0 for the start, 1 for the first resume, ...) of trial {@code trialId}. */
    public Fate fate(int trialId, int segment) {
        SplittableRandom rng = new SplittableRandom(Seeds.mix(Seeds.mix(seed, trialId), segment));
        double slowdown = 1 + Math.abs(sigma * gaussian(rng));
        double u = 1 - rng.nextDouble(); // in (0, 1]
        double dropAfter = p == 0 ? Double.POSITIVE_INFINITY
                : p == 1 ? 0 : Math.max(0.0, Math.log(u) / Math.log1p(-p));
        return new Fate(slowdown, dropAfter);
    }

    /** A standard normal by Box-Muller, from two uniforms of {@code rng} (the same on every JDK). */
    static double gaussian(SplittableRandom rng) {
        double u1 = 1 - rng.nextDouble(); // in (0, 1], so the log is finite
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
