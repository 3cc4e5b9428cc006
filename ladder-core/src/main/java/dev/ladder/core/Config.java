package dev.ladder.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable assignment of values to hyperparameter names, in the order of the search space.
 * Values are normalised on construction: integral numbers become {@link Long}, other numbers
 * {@link Double}; strings and booleans stay as they are.
 */
public final class Config {
    private final Map<String, Object> values;

    private Config(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Config of(Map<String, ?> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            try {
                copy.put(Objects.requireNonNull(k, "parameter name"), normalise(v));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("parameter '" + k + "': " + e.getMessage());
            }
        });
        return new Config(copy);
    }

    /** Integral numbers to Long, other numbers to Double; strings and booleans as they are. */
    public static Object normalise(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float || v instanceof Double) {
            return ((Number) v).doubleValue();
        }
        if (v instanceof String || v instanceof Boolean) {
            return v;
        }
        throw new IllegalArgumentException("unsupported value " + v
                + (v == null ? "" : " of type " + v.getClass().getSimpleName()) + " (use numbers, strings or booleans)");
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in config " + this);
        }
        return v;
    }

    public double getDouble(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' is not a number: " + v);
    }

    public long getLong(String name) {
        Object v = get(name);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d && d == Math.rint(d)) {
            return d.longValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' is not an integer: " + v);
    }

    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    public String getString(String name) {
        return String.valueOf(get(name));
    }

    public boolean getBoolean(String name) {
        Object v = get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("parameter '" + name + "' is not a boolean: " + v);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Config c && c.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
