package dev.ladder.examples;

import dev.ladder.core.Config;
import dev.ladder.core.space.SearchSpace;
import java.util.LinkedHashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * The main demo's pieces: XGBoost on the German credit data (Weka's {@code credit-g.arff}, see
 * {@code datasets/README.md}), with boosting rounds as the resource.
 *
 * <p>The protocol: {@link #creditSplit()} splits the 1,000 rows 60/20/20 (stratified, fixed seed).
 * Tuning runs {@link #objective} over {@link #space()}: it trains on the train part and
 * reports on the validation part. The final comparison calls {@link #evaluateOnTest} twice, each
 * time training from scratch on the <em>train part only</em> (not train + validation) and
 * measuring on the untouched test part: once for the tuned config with the rounds it reached in
 * tuning, once for {@link #defaultConfig()} with {@link #DEFAULT_ROUNDS} rounds (the
 * {@code n_estimators=100} default of XGBoost's scikit-learn wrapper).
 */
public final class XGBoostDemo {
    /** Classpath resource of the German credit data. */
    public static final String CREDIT_G = "/datasets/credit-g.arff";
    /** Rounds for the default config: XGBoost's scikit-learn wrapper default {@code n_estimators}. */
    public static final int DEFAULT_ROUNDS = 100;

    private XGBoostDemo() {
    }

    /** The German credit data: 1,000 rows, 63 feature columns, classes [good, bad] (bad = 1). */
    public static Dataset creditG() {
        return Arff.load(CREDIT_G);
    }

    /** {@link #creditG()} split 60/20/20 with {@link Split#DEFAULT_SEED}: 600 / 200 / 200 rows. */
    public static Split creditSplit() {
        return Split.stratified(creditG(), Split.DEFAULT_SEED);
    }

    /** The objective that tunes on {@code split}: trains on train, reports on validation. */
    public static XGBoostObjective objective(Split split) {
        return XGBoostObjective.of(split);
    }

    /** The tuned XGBoost parameters and their ranges. */
    public static SearchSpace space() {
        return SearchSpace.builder()
                .logReal("eta", 0.005, 0.5)
                .integer("max_depth", 1, 10)
                .logReal("min_child_weight", 0.1, 20)
                .real("subsample", 0.5, 1.0)
                .real("colsample_bytree", 0.3, 1.0)
                .logReal("lambda", 0.001, 100)
                .logReal("alpha", 0.001, 10)
                .build();
    }

    /**
     * XGBoost's defaults for the tuned parameters, a fresh modifiable map: eta 0.3, max_depth 6,
     * min_child_weight 1, subsample 1, colsample_bytree 1, lambda 1, alpha 0.
     */
    public static Map<String, Object> defaultConfig() {
        return new LinkedHashMap<>(BoosterParams.XGBOOST_DEFAULTS);
    }

    /**
     * Trains {@code config} from scratch for {@code rounds} rounds on {@code split.train()} and
     * measures it on the held-out {@code split.test()}. Deterministic: the same arguments give
     * the same scores.
     */
    public static Scores evaluateOnTest(Split split, Config config, int rounds) throws XGBoostError {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be at least 1, got " + rounds);
        }
        Map<String, Object> params = BoosterParams.from(config);
        DMatrix dtrain = null;
        DMatrix dtest = null;
        Booster booster = null;
        try {
            dtrain = Boosting.matrix(split.train());
            dtest = Boosting.matrix(split.test());
            booster = Boosting.train(params, dtrain, rounds);
            return Metrics.scores(Boosting.predict(booster, dtest), split.test().labels());
        } finally {
            Boosting.dispose(booster);
            Boosting.dispose(dtest);
            Boosting.dispose(dtrain);
        }
    }
}
