package dev.ladder.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.ladder.core.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One setting of a registered scheduler or searcher: its name (snake_case in YAML and Java's
 * {@code with(name, value)}, {@code --kebab-case} on the command line), its type, its default (null: none,
 * or "estimated" where {@link #noDefault} says so), its range and one line of documentation. Values are
 * held as Long, Double, Boolean, String (a choice) or List of Config.
 */
public record Parameter(String name, Kind kind, Object defaultValue, String noDefault, double min, double max,
                        List<String> choices, String doc) {

    /** The value's type: Long, Double, Boolean, String (one of {@code choices}) or a list of Config. */
    public enum Kind { INTEGER, REAL, BOOLEAN, CHOICE, CONFIGS }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rejects a null name or kind; copies the choices. */
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        choices = List.copyOf(choices);
    }

    /** An integer at least {@code min}. */
    public static Parameter integer(String name, Long dflt, long min, String doc) {
        return new Parameter(name, Kind.INTEGER, dflt, null, min, Long.MAX_VALUE, List.of(), doc);
    }

    /** A real number at least {@code min}; {@code noDefault} says what leaving it out means. */
    public static Parameter real(String name, double min, String noDefault, String doc) {
        return new Parameter(name, Kind.REAL, null, noDefault, min, Double.POSITIVE_INFINITY, List.of(), doc);
    }

    /** A real number in [min, max] with a default. */
    public static Parameter real(String name, double dflt, double min, double max, String doc) {
        return new Parameter(name, Kind.REAL, dflt, null, min, max, List.of(), doc);
    }

    /** A boolean with a default. */
    public static Parameter bool(String name, boolean dflt, String doc) {
        return new Parameter(name, Kind.BOOLEAN, dflt, null, 0, 0, List.of(), doc);
    }

    /** One of {@code choices} (lower case), the first by default. */
    public static Parameter choice(String name, List<String> choices, String dflt, String doc) {
        return new Parameter(name, Kind.CHOICE, dflt, null, 0, 0, choices, doc);
    }

    /** A list of configurations (parameter name to value), empty by default. */
    public static Parameter configs(String name, String doc) {
        return new Parameter(name, Kind.CONFIGS, List.of(), null, 0, 0, List.of(), doc);
    }

    /** This parameter with another default (the same knob where one scheduler differs: adaptive's eta). */
    public Parameter withDefault(Object dflt, String noDefaultText) {
        return new Parameter(name, kind, dflt, noDefaultText, min, max, choices, doc);
    }

    /** The command-line flag: {@code min_resource} is {@code --min-resource}. */
    public String flag() {
        return "--" + name.replace('_', '-');
    }

    /**
     * {@code raw} (a command-line text, a YAML/JSON node, a Java value) as this parameter's type, checked
     * against its range; the message names neither key nor flag, the caller adds the one the user wrote.
     */
    public Object convert(Object raw) {
        if (raw instanceof JsonNode node) {
            return fromNode(node);
        }
        return switch (kind) {
            case INTEGER -> {
                long v;
                if (raw instanceof Number n && (raw instanceof Long || raw instanceof Integer || raw instanceof Short)) {
                    v = n.longValue();
                } else if (raw instanceof String s && s.trim().matches("-?\\d+")) {
                    try {
                        v = Long.parseLong(s.trim());
                    } catch (NumberFormatException e) {
                        throw bad(raw);
                    }
                } else {
                    throw bad(raw);
                }
                if (v < min) {
                    throw bad(raw);
                }
                yield v;
            }
            case REAL -> {
                double v;
                if (raw instanceof Number n) {
                    v = n.doubleValue();
                } else if (raw instanceof String s) {
                    try {
                        v = Double.parseDouble(s.trim());
                    } catch (NumberFormatException e) {
                        throw bad(raw);
                    }
                } else {
                    throw bad(raw);
                }
                if (!(v >= min) || !(v <= max) || Double.isInfinite(v)) {
                    throw bad(raw);
                }
                yield v;
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) {
                    yield b;
                }
                if (raw instanceof String s && (s.equals("true") || s.equals("false"))) {
                    yield Boolean.parseBoolean(s);
                }
                throw bad(raw);
            }
            case CHOICE -> {
                String s = raw instanceof Enum<?> e ? e.name() : String.valueOf(raw);
                String lower = s.toLowerCase(Locale.ROOT);
                if (!choices.contains(lower)) {
                    throw bad(raw);
                }
                yield lower;
            }
            case CONFIGS -> {
                if (!(raw instanceof List<?> list)) {
                    throw bad(raw);
                }
                List<Config> out = new ArrayList<>();
                for (Object o : list) {
                    if (o instanceof Config c) {
                        out.add(c);
                    } else if (o instanceof Map<?, ?> m) {
                        @SuppressWarnings("unchecked")
                        Map<String, ?> values = (Map<String, ?>) m;
                        out.add(Config.of(values));
                    } else {
                        throw bad(raw);
                    }
                }
                yield List.copyOf(out);
            }
        };
    }

    /** A YAML/JSON value; a bad one is reported as the user wrote it. */
    private Object fromNode(JsonNode n) {
        try {
            return fromNodeUnchecked(n);
        } catch (IllegalArgumentException e) {
            throw bad(n);
        }
    }

    private Object fromNodeUnchecked(JsonNode n) {
        return switch (kind) {
            case INTEGER -> n.isIntegralNumber() && n.canConvertToLong() ? convert(n.asLong()) : failNode(n);
            case REAL -> n.isNumber() ? convert(n.asDouble()) : failNode(n);
            case BOOLEAN -> n.isBoolean() ? n.asBoolean() : failNode(n);
            case CHOICE -> n.isTextual() ? convert(n.asText()) : failNode(n);
            case CONFIGS -> {
                if (!n.isArray()) {
                    yield failNode(n);
                }
                List<Object> maps = new ArrayList<>();
                for (JsonNode c : n) {
                    if (!c.isObject()) {
                        yield failNode(n);
                    }
                    maps.add(JSON.convertValue(c, Map.class));
                }
                yield convert(maps);
            }
        };
    }

    private Object failNode(JsonNode n) {
        throw bad(n);
    }

    /** {@code value} (of this parameter's type) as JSON, for a stored spec. */
    public JsonNode toNode(Object value) {
        if (value == null) {
            return JSON.nullNode();
        }
        if (kind == Kind.CONFIGS) {
            ArrayNode a = JSON.createArrayNode();
            for (Object c : (List<?>) value) {
                a.add(JSON.valueToTree(((Config) c).asMap()));
            }
            return a;
        }
        return JSON.valueToTree(value);
    }

    private IllegalArgumentException bad(Object raw) {
        return new IllegalArgumentException("expected " + expected() + ", got " + raw);
    }

    /** What a value must be, for messages and the docs table. */
    public String expected() {
        return switch (kind) {
            case INTEGER -> "an integer >= " + (long) min;
            case REAL -> Double.isInfinite(max) ? "a number >= " + fmt(min) : "a number from " + fmt(min) + " to " + fmt(max);
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case CONFIGS -> "a list of configurations (mappings of parameter names to values)";
        };
    }

    /** The header of the docs tables of parameters ({@link #markdownRow}). */
    public static final String TABLE_HEADER = "| parameter | flag | type | default | range | used by | meaning |\n"
            + "|---|---|---|---|---|---|---|\n";

    /** This parameter's row in a docs table; a list of configurations has no flag (YAML, Java, or a task store). */
    public String markdownRow(String dflt, String usedBy) {
        return "| `" + name + "` | " + (kind == Kind.CONFIGS ? "-" : "`" + flag() + "`") + " | " + kind.name().toLowerCase(Locale.ROOT)
                + " | " + dflt + " | " + expected() + " | " + usedBy + " | " + doc + " |\n";
    }

    /** The default as the docs show it. */
    public String defaultText() {
        if (defaultValue == null) {
            return noDefault == null ? "none" : noDefault;
        }
        if (kind == Kind.CONFIGS) {
            return "none";
        }
        return defaultValue instanceof Double d ? fmt(d) : defaultValue.toString();
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
