package dev.ladder.core.space;

import dev.ladder.core.Config;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The set of values one hyperparameter may take. Every domain can sample a value from a seeded
 * generator, encode a value into {@link #encodedSize()} numbers in [0,1] for models and decode
 * such numbers back; {@code decode(encode(v)) == v} for every value {@code v} of the domain.
 * Constructors reject impossible domains; {@link SearchSpace} adds the parameter's name to the message.
 */
public sealed interface Domain permits Domain.Real, Domain.Int, Domain.Choice, Domain.Ordinal,
        Domain.FiniteRange, Domain.Constant {

    Object sample(RandomGenerator rng);

    int encodedSize();

    void encode(Object value, double[] out, int offset);

    Object decode(double[] in, int offset);

    /** True when {@code value} is a value of this domain. */
    boolean contains(Object value);

    /** Values for a grid: all values of a finite domain, {@code points} spread values of a numeric one. */
    List<Object> grid(int points);

    /** The type name used in JSON and YAML. */
    String type();

    /** The fields written to JSON and YAML, {@code type} first. */
    Map<String, Object> describe();

    /** Real numbers in [lower, upper], uniform or log-uniform. */
    record Real(double lower, double upper, boolean log) implements Domain {
        public Real {
            checkBounds(lower, upper, log);
        }

        public Object sample(RandomGenerator rng) {
            return fromUnit(rng.nextDouble());
        }

        public int encodedSize() { return 1; }

        public void encode(Object value, double[] out, int offset) {
            double v = ((Number) value).doubleValue();
            out[offset] = log ? (Math.log(v) - Math.log(lower)) / (Math.log(upper) - Math.log(lower))
                    : (v - lower) / (upper - lower);
        }

        public Object decode(double[] in, int offset) {
            return fromUnit(clampUnit(in[offset]));
        }

        private double fromUnit(double u) {
            if (u <= 0 || u >= 1) {
                return u <= 0 ? lower : upper;
            }
            double v = log ? Math.exp(Math.log(lower) + u * (Math.log(upper) - Math.log(lower)))
                    : lower + u * (upper - lower);
            return Math.min(upper, Math.max(lower, v));
        }

        public boolean contains(Object value) {
            return value instanceof Number n && n.doubleValue() >= lower && n.doubleValue() <= upper;
        }

        public List<Object> grid(int points) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                values.add(fromUnit(points == 1 ? 0.5 : (double) i / (points - 1)));
            }
            return values;
        }

        public String type() { return log ? "logReal" : "real"; }

        public Map<String, Object> describe() {
            return fields(type(), "lower", lower, "upper", upper);
        }
    }

    /** Integers in [lower, upper], uniform or log-uniform. */
    record Int(long lower, long upper, boolean log) implements Domain {
        public Int {
            checkBounds(lower, upper, log);
        }

        public Object sample(RandomGenerator rng) {
            if (!log) {
                return lower + rng.nextLong(upper - lower + 1);
            }
            // log-uniform over [lower, upper + 1), floored: each integer v gets mass ~ log((v+1)/v)
            double x = Math.exp(Math.log(lower) + rng.nextDouble() * (Math.log(upper + 1.0) - Math.log(lower)));
            return Math.min(upper, Math.max(lower, (long) Math.floor(x)));
        }

        public int encodedSize() { return 1; }

        public void encode(Object value, double[] out, int offset) {
            long v = ((Number) value).longValue();
            out[offset] = log ? (Math.log(v) - Math.log(lower)) / (Math.log(upper) - Math.log(lower))
                    : (v - lower + 0.5) / (upper - lower + 1.0);
        }

        public Object decode(double[] in, int offset) {
            double u = clampUnit(in[offset]);
            long v = log ? Math.round(Math.exp(Math.log(lower) + u * (Math.log(upper) - Math.log(lower))))
                    : lower + (long) Math.floor(u * (upper - lower + 1.0));
            return Math.min(upper, Math.max(lower, v));
        }

        public boolean contains(Object value) {
            return (value instanceof Long || value instanceof Integer)
                    && ((Number) value).longValue() >= lower && ((Number) value).longValue() <= upper;
        }

        public List<Object> grid(int points) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                double t = points == 1 ? 0.5 : (double) i / (points - 1);
                double v = log ? Math.exp(Math.log(lower) + t * (Math.log(upper) - Math.log(lower)))
                        : lower + t * (upper - lower);
                Object rounded = Math.min(upper, Math.max(lower, Math.round(v)));
                if (!values.contains(rounded)) {
                    values.add(rounded);
                }
            }
            return values;
        }

        public String type() { return log ? "logInteger" : "integer"; }

        public Map<String, Object> describe() {
            return fields(type(), "lower", lower, "upper", upper);
        }
    }

    /** Unordered categories: one-hot encoded. */
    record Choice(List<Object> values) implements Domain {
        public Choice {
            values = checkValues(values, "choice");
        }

        public Object sample(RandomGenerator rng) {
            return values.get(rng.nextInt(values.size()));
        }

        public int encodedSize() { return values.size(); }

        public void encode(Object value, double[] out, int offset) {
            int index = indexOf(values, value);
            for (int i = 0; i < values.size(); i++) {
                out[offset + i] = i == index ? 1.0 : 0.0;
            }
        }

        public Object decode(double[] in, int offset) {
            int best = 0;
            for (int i = 1; i < values.size(); i++) {
                if (in[offset + i] > in[offset + best]) {
                    best = i;
                }
            }
            return values.get(best);
        }

        public boolean contains(Object value) { return values.contains(value); }

        public List<Object> grid(int points) { return values; }

        public String type() { return "choice"; }

        public Map<String, Object> describe() { return fields(type(), "values", values); }
    }

    /** Ordered categories: encoded by position. */
    record Ordinal(List<Object> values) implements Domain {
        public Ordinal {
            values = checkValues(values, "ordinal");
        }

        public Object sample(RandomGenerator rng) {
            return values.get(rng.nextInt(values.size()));
        }

        public int encodedSize() { return 1; }

        public void encode(Object value, double[] out, int offset) {
            out[offset] = (indexOf(values, value) + 0.5) / values.size();
        }

        public Object decode(double[] in, int offset) {
            return values.get(bucket(in[offset], values.size()));
        }

        public boolean contains(Object value) { return values.contains(value); }

        public List<Object> grid(int points) { return values; }

        public String type() { return "ordinal"; }

        public Map<String, Object> describe() { return fields(type(), "values", values); }
    }

    /** {@code size} evenly spaced values from lower to upper (in log space if {@code log}), rounded if {@code integer}. */
    record FiniteRange(double lower, double upper, int size, boolean log, boolean integer) implements Domain {
        public FiniteRange {
            checkBounds(lower, upper, log);
            if (size < 2) {
                throw new IllegalArgumentException("finiteRange size must be at least 2, got " + size);
            }
            if (integer && Math.round(lower) == Math.round(upper)) {
                throw new IllegalArgumentException("integer finiteRange [" + lower + ", " + upper + "] holds one value");
            }
        }

        public Object valueAt(int i) {
            double t = (double) i / (size - 1);
            double v = log ? Math.exp(Math.log(lower) + t * (Math.log(upper) - Math.log(lower)))
                    : lower + t * (upper - lower);
            v = i == 0 ? lower : i == size - 1 ? upper : v;
            return integer ? (Object) Math.round(v) : (Object) v;
        }

        public Object sample(RandomGenerator rng) {
            return valueAt(rng.nextInt(size));
        }

        public int encodedSize() { return 1; }

        public void encode(Object value, double[] out, int offset) {
            out[offset] = (nearestIndex(((Number) value).doubleValue()) + 0.5) / size;
        }

        private int nearestIndex(double v) {
            int best = 0;
            for (int i = 1; i < size; i++) {
                if (Math.abs(((Number) valueAt(i)).doubleValue() - v)
                        < Math.abs(((Number) valueAt(best)).doubleValue() - v)) {
                    best = i;
                }
            }
            return best;
        }

        public Object decode(double[] in, int offset) {
            return valueAt(bucket(in[offset], size));
        }

        public boolean contains(Object value) {
            return value instanceof Number n && valueAt(nearestIndex(n.doubleValue())).equals(
                    integer ? (Object) n.longValue() : (Object) n.doubleValue())
                    && (!integer || value instanceof Long || value instanceof Integer);
        }

        public List<Object> grid(int points) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                values.add(valueAt(i));
            }
            return values;
        }

        public String type() { return "finiteRange"; }

        public Map<String, Object> describe() {
            Map<String, Object> m = fields(type(), "lower", lower, "upper", upper);
            m.put("size", size);
            m.put("log", log);
            m.put("integer", integer);
            return m;
        }
    }

    /** A fixed value: part of every config, never searched. */
    record Constant(Object value) implements Domain {
        public Constant {
            if (value == null) {
                throw new IllegalArgumentException("constant value must not be null");
            }
            value = Config.normalise(value);
        }

        public Object sample(RandomGenerator rng) { return value; }

        public int encodedSize() { return 0; }

        public void encode(Object v, double[] out, int offset) { }

        public Object decode(double[] in, int offset) { return value; }

        public boolean contains(Object v) { return value.equals(v); }

        public List<Object> grid(int points) { return List.of(value); }

        public String type() { return "constant"; }

        public Map<String, Object> describe() { return fields(type(), "value", value); }
    }

    private static void checkBounds(double lower, double upper, boolean log) {
        if (!Double.isFinite(lower) || !Double.isFinite(upper)) {
            throw new IllegalArgumentException("bounds must be finite numbers, got [" + lower + ", " + upper + "]");
        }
        if (lower >= upper) {
            throw new IllegalArgumentException("lower bound " + num(lower) + " must be below upper bound " + num(upper));
        }
        if (log && lower <= 0) {
            throw new IllegalArgumentException("a log-scaled domain needs a positive lower bound, got " + num(lower));
        }
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static List<Object> checkValues(List<?> values, String type) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException(type + " needs at least one value");
        }
        List<Object> normalised = new ArrayList<>();
        for (Object v : values) {
            Object n = Config.normalise(v);
            if (normalised.contains(n)) {
                throw new IllegalArgumentException(type + " lists the value " + v + " twice");
            }
            normalised.add(n);
        }
        return List.copyOf(normalised);
    }

    private static int indexOf(List<Object> values, Object value) {
        int i = values.indexOf(Config.normalise(value));
        if (i < 0) {
            throw new IllegalArgumentException("value " + value + " is not one of " + values);
        }
        return i;
    }

    private static int bucket(double u, int size) {
        return (int) Math.min(size - 1, Math.floor(clampUnit(u) * size));
    }

    private static double clampUnit(double u) {
        return Double.isNaN(u) ? 0.5 : Math.min(1.0, Math.max(0.0, u));
    }

    private static Map<String, Object> fields(String type, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
