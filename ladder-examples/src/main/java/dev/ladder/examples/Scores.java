package dev.ladder.examples;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary classification quality of probability predictions on one data set.
 *
 * @param logloss  mean negative log-likelihood (lower is better), see {@link Metrics#logLoss}
 * @param auc      area under the ROC curve (higher is better), see {@link Metrics#auc}
 * @param accuracy share of rows classified right at threshold 0.5, see {@link Metrics#accuracy}
 */
public record Scores(double logloss, double auc, double accuracy) {
    public static final String LOGLOSS = "logloss";
    public static final String AUC = "auc";
    public static final String ACCURACY = "accuracy";

    /** {@code {"logloss": ..., "auc": ..., "accuracy": ...}} in that order, unmodifiable. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(LOGLOSS, logloss);
        m.put(AUC, auc);
        m.put(ACCURACY, accuracy);
        return Collections.unmodifiableMap(m);
    }
}
