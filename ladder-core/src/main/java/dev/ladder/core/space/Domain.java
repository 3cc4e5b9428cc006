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

    /** A value drawn from {@code rng} (uniformly, or log-uniformly for a log-scaled domain); the same draws give the same value. */
    Object sample(RandomGenerator rng);

    /** How many numbers {@link #encode} writes: 1 for numbers and ordinals, one per value for a choice, 0 for a constant. */
    int encodedSize();

    /** Writes {@code value}'s encoding, {@link #encodedSize()} numbers in [0,1], into {@code out} from {@code offset}. */
    void encode(Object value, double[] out, int offset);

    /** The value whose encoding is nearest {@code in} from {@code offset} (numbers outside [0,1] are clamped, NaN is 0.5). */
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
        /** Rejects non-finite bounds, {@code lower >= upper}, and a log scale with {@code lower <= 0}. */
        public Real {
            checkBounds(lower, upper, log);
        }

        @Override
        public Object sample(RandomGenerator rng) {
            return fromUnit(rng.nextDouble());
        }

        @Override
        public int encodedSize() { return 1; }

        @Override
        public void encode(Object value, double[] out, int offset) {
            double v = ((Number) value).doubleValue();
            out[offset] = log ? (Math.log(v) - Math.log(lower)) / (Math.log(upper) - Math.log(lower))
                    : (v - lower) / (upper - lower);
        }

        @Override
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

        @Override
        public boolean contains(Object value) {
            return value instanceof Number n && n.doubleValue() >= lower && n.doubleValue() <= upper;
        }

        @Override
        public List<Object> grid(int points) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < points; i++) {
                values.add(fromUnit(points == 1 ? 0.5 : (double) i / (points - 1)));
            }
            return values;
        }

        @Override
        public String type() { return log ? "logReal" : "real"; }

        @Override
        public Map<String, Object> describe() {
            return fields(type(), "lower", lower, "upper", upper);
        }
    }

    /** Integers in [lower, upper], uniform or log-uniform. */
    record Int(long lower, long upper, boolean log) implements Domain {
        /** Rejects {@code lower >= upper} and a log scale with {@code lower <= 0}. */
        public Int {
            checkBounds(lower, upper, log);
        }

        @Override
        public Object sample(RandomGenerator rng) {
            if (!log) {
                return lower + rng.nextLong(upper - lower + 1);
            }
            // log-uniform over [lower, upper + 1), floored: each integer v gets mass ~ log((v+1)/v)
            double x = Math.exp(Math.log(lower) + rng.nextDouble() * (Math.log(upper + 1.0) - Math.log(lower)));
            return Math.min(upper, Math.max(lower, (long) Math.floor(x)));
        }

        @Override
        public int encodedSize() { return 1; }

        @Override
        public void encode(Object value, double[] out, int offset) {
            long v = ((Number) value).longValue();
            out[offset] = log ? (Math.log(v) - Math.log(lower)) / (Math.log(upper) - Math.log(lower))
                    : (v - lower + 0.5) / (upper - lower + 1.0);
        }

        @Override
        public Object decode(double[] in, int offset) {
            double u = clampUnit(in[offset]);
            long v = log ? Math.round(Math.exp(Math.log(lower) + u * (Math.log(upper) - Math.log(lower))))
                    : lower + (long) Math.floor(u * (upper - lower + 1.0));
            return Math.min(upper, Math.max(lower, v));
        }

        @Override
        public boolean contains(Object value) {
            return (value instanceof Long || value instanceof Integer)
                    && ((Number) value).longValue() >= lower && ((Number) value).longValue() <= upper;
        }

        @Override
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

        @Override
        public String type() { return log ? "logInteger" : "integer"; }

        @Override
        public Map<String, Object> describe() {
            return fields(type(), "lower", lower, "upper", upper);
        }
    }

    /** Unordered categories: one-hot encoded. */
    record Choice(List<Object> values) implements Domain {
        /** Rejects an empty list and a value listed twice; numbers are normalised as in {@link Config}. */
        public Choice {
            values = checkValues(values, "choice");
        }

        @Override
        public Object sample(RandomGenerator rng) {
            return values.get(rng.nextInt(values.size()));
        }

        @Override
        public int encodedSize() { return values.size(); }

        @Override
        public void encode(Object value, double[] out, int offset) {
            int index = indexOf(values, value);
            for (int i = 0; i < values.size(); i++) {
                out[offset + i] = i == index ? 1.0 : 0.0;
            }
        }

        @Override
        public Object decode(double[] in, int offset) {
            int best = 0;
            for (int i = 1; i < values.size(); i++) {
                if (in[offset + i] > in[offset + best]) {
                    best = i;
                }
            }
            return values.get(best);
        }

        @Override
        public boolean contains(Object value) { return values.contains(value); }

        @Override
        public List<Object> grid(int points) { return values; }

        @Override
        public String type() { return "choice"; }

        @Override
        public Map<String, Object> describe() { return fields(type(), "values", values); }
    }

    /** Ordered categories: encoded by position. */
    record Ordinal(List<Object> values) implements Domain {
        /** Rejects an empty list and a value listed twice; the order given is the order encoded. */
        public Ordinal {
            values = checkValues(values, "ordinal");
        }

        @Override
        public Object sample(RandomGenerator rng) {
            return values.get(rng.nextInt(values.size()));
        }

        @Override
        public int encodedSize() { return 1; }

        @Override
        public void encode(Object value, double[] out, int offset) {
            out[offset] = (indexOf(values, value) + 0.5) / values.size();
        }

        @Override
        public Object decode(double[] in, int offset) {
            return values.get(bucket(in[offset], values.size()));
        }

        @Override
        public boolean contains(Object value) { return values.contains(value); }

        @Override
        public List<Object> grid(int points) { return values; }

        @Override
        public String type() { return "ordinal"; }

        @Override
        public Map<String, Object> describe() { return fields(type(), "values", values); }
    }

    /** {@code size} evenly spaced values from lower to upper (in log space if {@code log}), rounded if {@code integer}. */
    record FiniteRange(double lower, double upper, int size, boolean log, boolean integer) implements Domain {
        /** Rejects bounds as {@link Real} does, {@code size < 2}, and an integer range that rounds to one value. */
        public FiniteRange {
            checkBounds(lower, upper, log);
            if (size < 2) {
                throw new IllegalArgumentException("finiteRange size must be at least 2, got " + size);
            }
            if (integer && Math.round(lower) == Math.round(upper)) {
                throw new IllegalArgumentException("integer finiteRange [" + lower + ", " + upper + "] holds one value");
            }
        }

        /** The {@code i}-th value, 0 to {@code size - 1}: exactly {@code lower} and {@code upper} at the ends, a Long if {@code integer}. */
        public Object valueAt(int i) {
            double t = (double) i / (size - 1);
            double v = log ? Math.exp(Math.log(lower) + t * (Math.log(upper) - Math.log(lower)))
                    : lower + t * (upper - lower);
            v = i == 0 ? lower : i == size - 1 ? upper : v;
            return integer ? (Object) Math.round(v) : (Object) v;
        }

        @Override
        public Object sample(RandomGenerator rng) {
            return valueAt(rng.nextInt(size));
        }

        @Override
        public int encodedSize() { return 1; }

        @Override
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

        @Override
        public Object decode(double[] in, int offset) {
            return valueAt(bucket(in[offset], size));
        }

        @Override
        public boolean contains(Object value) {
            return value instanceof Number n && valueAt(nearestIndex(n.doubleValue())).equals(
                    integer ? (Object) n.longValue() : (Object) n.doubleValue())
                    && (!integer || value instanceof Long || value instanceof Integer);
        }

        @Override
        public List<Object> grid(int points) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                values.add(valueAt(i));
            }
            return values;
        }

        @Override
        public String type() { return "finiteRange"; }

        @Override
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
        /** Rejects null; a number is normalised as in {@link Config} (integers to Long, reals to Double). */
        public Constant {
            if (value == null) {
                throw new IllegalArgumentException("constant value must not be null");
            }
            value = Config.normalise(value);
        }

        @Override
        public Object sample(RandomGenerator rng) { return value; }

        @Override
        public int encodedSize() { return 0; }

        @Override
        public void encode(Object v, double[] out, int offset) { }

        @Override
        public Object decode(double[] in, int offset) { return value; }

        @Override
        public boolean contains(Object v) { return value.equals(v); }

        @Override
        public List<Object> grid(int points) { return List.of(value); }

        @Override
        public String type() { return "constant"; }

        @Override
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
