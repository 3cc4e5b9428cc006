package dev.ladder.examples;

import dev.ladder.core.Config;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a Ladder {@link Config} into XGBoost booster parameters: the fixed settings below plus
 * the seven tuned parameters. A tuned parameter the config leaves out takes XGBoost's own default
 * ({@link #XGBOOST_DEFAULTS}); a config key that is not a tuned parameter is an error, so a typo
 * in a search space cannot go unnoticed.
 */
public final class BoosterParams {
    /** XGBoost's seed for row and column subsampling; fixed so that a run is reproducible. */
    public static final int SEED = 0;

    /**
     * XGBoost's defaults for the tuned parameters (XGBoost 3.0 parameter docs), in search-space
     * order: eta 0.3, max_depth 6, min_child_weight 1, subsample 1, colsample_bytree 1,
     * lambda 1, alpha 0.
     */
    public static final Map<String, Object> XGBOOST_DEFAULTS = defaults();

    private BoosterParams() {
    }

    private static Map<String, Object> defaults() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("eta", 0.3);
        m.put("max_depth", 6);
        m.put("min_child_weight", 1.0);
        m.put("subsample", 1.0);
        m.put("colsample_bytree", 1.0);
        m.put("lambda", 1.0);
        m.put("alpha", 0.0);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The booster parameters for {@code config}: objective binary:logistic, eval_metric logloss,
     * tree_method hist, nthread 1, seed {@link #SEED}, seed_per_iteration true (XGBoost reseeds
     * its sampler from seed and round index at every round, so a round's sampling does not depend
     * on what ran before on the thread), then the tuned parameters.
     */
    public static Map<String, Object> from(Config config) {
        for (String name : config.asMap().keySet()) {
            if (!XGBOOST_DEFAULTS.containsKey(name)) {
                throw new IllegalArgumentException("unknown XGBoost parameter '" + name + "' in config " + config
                        + "; expected some of " + XGBOOST_DEFAULTS.keySet());
            }
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "binary:logistic");
        p.put("eval_metric", "logloss");
        p.put("tree_method", "hist");
        p.put("nthread", 1);
        p.put("seed", SEED);
        p.put("seed_per_iteration", true);
        p.put("verbosity", 1);
        for (Map.Entry<String, Object> e : XGBOOST_DEFAULTS.entrySet()) {
            String name = e.getKey();
            if (!config.has(name)) {
                p.put(name, e.getValue());
            } else if (name.equals("max_depth")) {
                p.put(name, config.getInt(name));
            } else {
                p.put(name, config.getDouble(name));
            }
        }
        return p;
    }
}
