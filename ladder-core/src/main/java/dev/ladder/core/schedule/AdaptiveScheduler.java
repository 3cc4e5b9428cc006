package dev.ladder.core.schedule;

import dev.ladder.core.Metric;
import dev.ladder.core.search.Searcher;
import java.util.Arrays;
import java.util.Locale;

/**
 * The production defaults of L. Li, "Towards Efficient Automated Machine Learning", PhD thesis, Carnegie
 * Mellon University, 2020 (CMU-ML-20-104; "the thesis"), section 3.5.1, as Determined's adaptive searcher
 * exposes them (Determined AI, "Adaptive Hyperparameter Tuning", white paper, April 2020, section
 * "Adaptive Hyperparameter Search"): the user gives the number of trials n and the
 * maximum resource R; eta = 4 and at most 5 rungs (r = R/256); the mode picks the brackets
 * (aggressive: the 5-rung bracket only; standard: the 3 most aggressive, s = 0, 1, 2, i.e. brackets of
 * (maxRungs-1)/2+1 .. maxRungs rungs as in Determined; conservative: all);
 * n is split over brackets inversely to their average resource per configuration
 * (#rungs / eta^(#rungs - 1)), and each bracket's share caps the width of its bottom rung.
 * Brackets run ASHA with promotion, each on its own rungs.
 */
public final class AdaptiveScheduler extends RungScheduler {
    /** Which brackets run: the most aggressive only, the most aggressive half (as in Determined), or all. */
    public enum Mode { AGGRESSIVE, STANDARD, CONSERVATIVE }

    public static final long DEFAULT_ETA = 4;
    public static final int DEFAULT_MAX_RUNGS = 5;
    private final Mode mode;
    private final int trials;

    /** With eta {@value #DEFAULT_ETA} and at most {@value #DEFAULT_MAX_RUNGS} rungs. */
    public AdaptiveScheduler(Searcher searcher, Metric metric, int trials, long maxResource, Mode mode) {
        this(searcher, metric, trials, maxResource, mode, DEFAULT_ETA, DEFAULT_MAX_RUNGS);
    }

    /** Plans for {@code trials} trials up to {@code maxResource}, rungs at maxResource / eta^k, at most {@code maxRungs} of them. */
    public AdaptiveScheduler(Searcher searcher, Metric metric, int trials, long maxResource, Mode mode,
                             long eta, int maxRungs) {
        super(searcher, metric, settings(trials, maxResource, mode, eta, maxRungs));
        this.mode = mode;
        this.trials = trials;
    }

    private static Settings settings(int trials, long maxResource, Mode mode, long eta, int maxRungs) {
        long[] levels = levels(maxResource, eta, maxRungs);
        int[] rungCounts = bracketRungs(mode, levels.length);
        long[] caps = split(trials, eta, rungCounts);
        int[] start = new int[rungCounts.length];
        for (int b = 0; b < rungCounts.length; b++) {
            start[b] = levels.length - rungCounts[b];
        }
        return new Settings(Type.PROMOTION, levels[0], maxResource, eta, levels, start, caps, null,
                BracketSelection.PROPORTIONAL, 0, true);
    }

    /** R / eta^k for k = rungs-1 .. 0 (floored), with as many rungs as fit: at most maxRungs, the lowest at least 1. */
    public static long[] levels(long maxResource, long eta, int maxRungs) {
        if (maxResource < 1) {
            throw new IllegalArgumentException("max resource must be at least 1, got " + maxResource);
        }
        if (eta < 2 || maxRungs < 1) {
            throw new IllegalArgumentException("eta must be at least 2 and max rungs at least 1, got " + eta + ", " + maxRungs);
        }
        int rungs = 1;
        long r = maxResource;
        while (rungs < maxRungs && r / eta >= 1) {
            r /= eta;
            rungs++;
        }
        long[] levels = new long[rungs];
        long level = maxResource;
        for (int k = rungs - 1; k >= 0; k--) {
            levels[k] = level;
            level /= eta;
        }
        return levels;
    }

    /** The number of rungs of each bracket the mode runs, most rungs (most aggressive) first. */
    public static int[] bracketRungs(Mode mode, int maxRungs) {
        return switch (mode) {
            case AGGRESSIVE -> new int[] {maxRungs};
            case STANDARD -> descending((maxRungs - 1) / 2 + 1, maxRungs);
            case CONSERVATIVE -> descending(1, maxRungs);
        };
    }

    private static int[] descending(int from, int to) {
        int[] r = new int[to - from + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = to - i;
        }
        return r;
    }

    /** Each bracket's share of the trials: proportional to eta^(#rungs-1) / #rungs, the inverse of its average resource. */
    public static double[] shares(long eta, int[] rungCounts) {
        double[] w = new double[rungCounts.length];
        double total = 0;
        for (int b = 0; b < w.length; b++) {
            w[b] = Math.pow(eta, rungCounts[b] - 1) / rungCounts[b];
            total += w[b];
        }
        for (int b = 0; b < w.length; b++) {
            w[b] /= total;
        }
        return w;
    }

    /** The trial caps: floor(share * n), at least 1, the rest to the most aggressive bracket. */
    public static long[] split(int trials, long eta, int[] rungCounts) {
        if (trials < rungCounts.length) {
            throw new IllegalArgumentException("adaptive needs at least one trial per bracket: " + trials
                    + " trials for " + rungCounts.length + " brackets");
        }
        double[] share = shares(eta, rungCounts);
        long[] caps = new long[share.length];
        long given = 0;
        for (int b = 0; b < caps.length; b++) {
            caps[b] = Math.max(1, (long) Math.floor(share[b] * trials));
            given += caps[b];
        }
        caps[0] += Math.max(0, trials - given);
        return caps;
    }

    @Override
    public String toString() {
        return describe(Schedulers.ADAPTIVE.name(), String.format(Locale.ROOT, ", mode=%s, trials=%d, bracket caps=%s",
                mode.name().toLowerCase(), trials, Arrays.toString(bracketCaps())));
    }
}
