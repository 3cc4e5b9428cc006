package dev.ladder.examples;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Binary classification metrics computed from predicted probabilities of class 1 and 0/1 labels,
 * all in double precision. Every method checks that the arrays have the same, non-zero length,
 * that labels are 0 or 1 and that predictions are probabilities (for AUC: finite scores).
 */
public final class Metrics {
    /** Probabilities are clipped to {@code [EPS, 1 - EPS]} before taking logs (as scikit-learn did). */
    public static final double EPS = 1e-15;

    private Metrics() {
    }

    /** All three metrics from one prediction. */
    public static Scores scores(float[] p, float[] y) {
        return new Scores(logLoss(p, y), auc(p, y), accuracy(p, y));
    }

    /** Mean of {@code -(y log p + (1 - y) log(1 - p))}, with p clipped to {@code [EPS, 1 - EPS]}. */
    public static double logLoss(float[] p, float[] y) {
        check(p, y, true);
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            double q = Math.min(Math.max(p[i], EPS), 1 - EPS);
            sum -= y[i] == 1f ? Math.log(q) : Math.log1p(-q);
        }
        return sum / p.length;
    }

    /**
     * ROC AUC by ranks (the Mann-Whitney U statistic): rank all scores ascending, give tied scores
     * the average of their ranks, then {@code (R+ - n+ (n+ + 1) / 2) / (n+ n-)} where {@code R+}
     * is the sum of the positives' ranks. A tie between a positive and a negative counts one half.
     *
     * @throws IllegalArgumentException if the labels hold only one class (AUC is undefined)
     */
    public static double auc(float[] score, float[] y) {
        check(score, y, false);
        Integer[] order = IntStream.range(0, score.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
        long positives = 0;
        double positiveRankSum = 0;
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && score[order[end + 1]] == score[order[start]]) {
                end++;
            }
            double averageRank = (start + end) / 2.0 + 1; // ranks are 1-based
            for (int k = start; k <= end; k++) {
                if (y[order[k]] == 1f) {
                    positives++;
                    positiveRankSum += averageRank;
                }
            }
            start = end + 1;
        }
        long negatives = score.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("AUC is undefined when all " + score.length
                    + " labels are " + (positives == 0 ? 0 : 1));
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    /** Share of rows where {@code p > 0.5} agrees with {@code y == 1} (p = 0.5 predicts 0, as XGBoost's "error"). */
    public static double accuracy(float[] p, float[] y) {
        check(p, y, true);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            if ((p[i] > 0.5f) == (y[i] == 1f)) {
                right++;
            }
        }
        return (double) right / p.length;
    }

    private static void check(float[] p, float[] y, boolean probabilities) {
        if (p.length != y.length) {
            throw new IllegalArgumentException(p.length + " predictions for " + y.length + " labels");
        }
        if (p.length == 0) {
            throw new IllegalArgumentException("no predictions");
        }
        for (int i = 0; i < p.length; i++) {
            if (y[i] != 0f && y[i] != 1f) {
                throw new IllegalArgumentException("label " + y[i] + " at row " + i + " is not 0 or 1");
            }
            if (probabilities ? !(p[i] >= 0f && p[i] <= 1f) : !Float.isFinite(p[i])) {
                throw new IllegalArgumentException("prediction " + p[i] + " at row " + i
                        + (probabilities ? " is not a probability" : " is not a finite score"));
            }
        }
    }
}
