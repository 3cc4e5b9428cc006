package dev.ladder.examples;

import dev.ladder.core.Config;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a Ladder {@link Config} into XGBoost booster parameters: fixed settings plus the tuned parameters.
 * A tuned parameter the config leaves out takes XGBoost's own default; a config key that is not a tunable
 * parameter is an error, so a typo in a search space cannot go unnoticed.
 *
 * <p>{@link #DEMO} is the demo's: binary classification with the seven tuned parameters of
 * {@link #XGBOOST_DEFAULTS}. For other settings start from it: {@link #with} fixes a parameter
 * ({@code with("scale_pos_weight", 2.3)}, {@code with("nthread", 2)}), {@link #tunable} lets the config set
 * another one ({@code tunable("gamma", 0.0)}, its XGBoost default). Instances are immutable.
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

    /**
     * The demo's parameters: objective binary:logistic, eval_metric logloss, tree_method hist, nthread 1, seed
     * {@link #SEED}, seed_per_iteration true (XGBoost reseeds its sampler from seed and round index at every
     * round, so a round's sampling does not depend on what ran before on the thread), verbosity 1; tunable:
     * {@link #XGBOOST_DEFAULTS}.
     */
    public static final BoosterParams DEMO = new BoosterParams(fixedDefaults(), XGBOOST_DEFAULTS);

    private final Map<String, Object> fixed;
    private final Map<String, Object> tunable;

    private BoosterParams(Map<String, Object> fixed, Map<String, Object> tunable) {
        this.fixed = Collections.unmodifiableMap(new LinkedHashMap<>(fixed));
        this.tunable = Collections.unmodifiableMap(new LinkedHashMap<>(tunable));
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

    private static Map<String, Object> fixedDefaults() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("objective", "binary:logistic");
        p.put("eval_metric", "logloss");
        p.put("tree_method", "hist");
        p.put("nthread", 1);
        p.put("seed", SEED);
        p.put("seed_per_iteration", true);
        p.put("verbosity", 1);
        return p;
    }

    /** These parameters with {@code name} fixed to {@code value} (no longer tunable if it was). */
    public BoosterParams with(String name, Object value) {
        Map<String, Object> f = new LinkedHashMap<>(fixed);
        f.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, name));
        Map<String, Object> t = new LinkedHashMap<>(tunable);
        t.remove(name);
        return new BoosterParams(f, t);
    }

    /**
     * These parameters with {@code name} tunable: a config may set it; without it XGBoost gets
     * {@code xgboostDefault}, whose type (integer, real, boolean, text) the config's value is read as.
     */
    public BoosterParams tunable(String name, Object xgboostDefault) {
        Map<String, Object> f = new LinkedHashMap<>(fixed);
        f.remove(name);
        Map<String, Object> t = new LinkedHashMap<>(tunable);
        t.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(xgboostDefault, name));
        return new BoosterParams(f, t);
    }

    /** The tunable parameters and the values they take when a config leaves them out. */
    public Map<String, Object> tunableDefaults() {
        return tunable;
    }

    /** The booster parameters for {@code config}: the fixed settings, then every tunable parameter. */
    public Map<String, Object> of(Config config) {
        for (String name : config.asMap().keySet()) {
            if (!tunable.containsKey(name)) {
                throw new IllegalArgumentException("unknown XGBoost parameter '" + name + "' in config " + config
                        + "; expected some of " + tunable.keySet());
            }
        }
        Map<String, Object> p = new LinkedHashMap<>(fixed);
        for (Map.Entry<String, Object> e : tunable.entrySet()) {
            String name = e.getKey();
            Object fallback = e.getValue();
            if (!config.has(name)) {
                p.put(name, fallback);
            } else if (fallback instanceof Integer || fallback instanceof Long) {
                p.put(name, config.getInt(name));
            } else if (fallback instanceof Boolean) {
                p.put(name, config.getBoolean(name));
            } else if (fallback instanceof Number) {
                p.put(name, config.getDouble(name));
            } else {
                p.put(name, config.getString(name));
            }
        }
        return p;
    }

    /** {@link #DEMO}'s booster parameters for {@code config}. */
    public static Map<String, Object> from(Config config) {
        return DEMO.of(config);
    }
}
