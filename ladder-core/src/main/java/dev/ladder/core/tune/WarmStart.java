package dev.ladder.core.tune;

import dev.ladder.core.Config;
import dev.ladder.core.space.SearchSpace;
import java.util.List;

/** Checks for warm starts: every enqueued or imported configuration must lie in the search space. */
public final class WarmStart {
    private WarmStart() {
    }

    /** {@code configs} unchanged once each lies in {@code space}; else one error naming {@code source}, the config's number and the parameter. */
    public static List<Config> checked(SearchSpace space, List<Config> configs, String source) {
        for (int i = 0; i < configs.size(); i++) {
            checked(space, configs.get(i), source + ": config " + (i + 1) + " of " + configs.size());
        }
        return List.copyOf(configs);
    }

    static Config checked(SearchSpace space, Config config, String where) {
        try {
            space.validate(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " " + config + ": " + e.getMessage(), e);
        }
        return config;
    }

    /** A CSV field as a config value: an integer, a number, true/false, or the text. */
    static Object value(String field) {
        String f = field.trim();
        if (f.equals("true") || f.equals("false")) {
            return Boolean.parseBoolean(f);
        }
        try {
            return Long.parseLong(f);
        } catch (NumberFormatException notLong) {
            try {
                return Double.parseDouble(f);
            } catch (NumberFormatException notDouble) {
                return field;
            }
        }
    }
}
