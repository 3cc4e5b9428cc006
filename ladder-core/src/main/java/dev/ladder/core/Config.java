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

    /** A config of these values in the map's iteration order; a null name or a value not a number, string or boolean fails naming the parameter. */
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

    /** The values by name, in order; unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** True when the config has a value for {@code name}. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name} (Long, Double, String or Boolean); a missing name fails naming it and the config. */
    public Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in config " + this);
        }
        return v;
    }

    /** The value as a double; fails if it is not a number. */
    public double getDouble(String name) {
        Object v = get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new IllegalArgumentException("parameter '" + name + "' is not a number: " + v);
    }

    /** The value as a long; fails if it is neither a Long nor a Double with an integral value. */
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

    /** The value as an int, as {@link #getLong} and within int's range. */
    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    /** The value as a string ({@code String.valueOf}, so any type). */
    public String getString(String name) {
        return String.valueOf(get(name));
    }

    /** The value as a boolean; fails if it is not a Boolean. */
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
