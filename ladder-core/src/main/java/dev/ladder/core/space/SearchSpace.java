package dev.ladder.core.space;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.ladder.core.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Named domains in a fixed order. Configs are sampled, encoded to [0,1]^d and decoded in that order.
 * Written to JSON and YAML as a mapping from name to {@code {type: ..., ...}}; a plain scalar reads
 * as a constant.
 */
public final class SearchSpace {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private final Map<String, Domain> domains;
    private final int dimension;

    private SearchSpace(Map<String, Domain> domains) {
        this.domains = Collections.unmodifiableMap(domains);
        this.dimension = domains.values().stream().mapToInt(Domain::encodedSize).sum();
    }

    /** A builder that adds parameters in the order the configs will list them. */
    public static Builder builder() {
        return new Builder();
    }

    /** The domains by parameter name, in order; unmodifiable. */
    public Map<String, Domain> domains() {
        return domains;
    }

    /** The parameter names, in order. */
    public List<String> names() {
        return List.copyOf(domains.keySet());
    }

    /** Length of the encoded vector. */
    public int dimension() {
        return dimension;
    }

    /** A config with a value sampled from each domain, in order, so that a seeded {@code rng} gives the same config. */
    public Config sample(RandomGenerator rng) {
        Map<String, Object> values = new LinkedHashMap<>();
        domains.forEach((name, d) -> values.put(name, d.sample(rng)));
        return Config.of(values);
    }

    /** The config as {@link #dimension()} numbers in [0,1], each domain's encoding in order; the config must have every parameter. */
    public double[] encode(Config config) {
        double[] out = new double[dimension];
        int offset = 0;
        for (Map.Entry<String, Domain> e : domains.entrySet()) {
            e.getValue().encode(config.get(e.getKey()), out, offset);
            offset += e.getValue().encodedSize();
        }
        return out;
    }

    /** The config nearest an encoded vector of length {@link #dimension()} (values outside [0,1] are clamped). */
    public Config decode(double[] encoded) {
        if (encoded.length != dimension) {
            throw new IllegalArgumentException("expected " + dimension + " encoded values, got " + encoded.length);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        int offset = 0;
        for (Map.Entry<String, Domain> e : domains.entrySet()) {
            values.put(e.getKey(), e.getValue().decode(encoded, offset));
            offset += e.getValue().encodedSize();
        }
        return Config.of(values);
    }

    /** Checks that {@code config} assigns every parameter a value of its domain, and nothing else. */
    public void validate(Config config) {
        for (Map.Entry<String, Domain> e : domains.entrySet()) {
            if (!config.has(e.getKey())) {
                throw new IllegalArgumentException("config " + config + " has no value for parameter '" + e.getKey() + "'");
            }
            Object v = config.get(e.getKey());
            if (!e.getValue().contains(v)) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "': value " + v
                        + " is outside its domain " + e.getValue().describe());
            }
        }
        for (String name : config.asMap().keySet()) {
            if (!domains.containsKey(name)) {
                throw new IllegalArgumentException("config names parameter '" + name + "' that the search space lacks");
            }
        }
    }

    // ---- JSON and YAML ----

    /** The space as pretty-printed JSON, read back by {@link #fromJson}. */
    public String toJson() {
        return write(JSON);
    }

    /** The space as YAML (the form of a spec's {@code space:}), read back by {@link #fromYaml}. */
    public String toYaml() {
        return write(YAML);
    }

    /** The space as a mapping from name to the domain's {@link Domain#describe() fields}. */
    public JsonNode toTree() {
        ObjectNode root = JSON.createObjectNode();
        domains.forEach((name, d) -> root.set(name, JSON.valueToTree(d.describe())));
        return root;
    }

    private String write(ObjectMapper mapper) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(toTree());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a space written by {@link #toJson}; an invalid text or domain fails naming the parameter. */
    public static SearchSpace fromJson(String json) {
        return fromTree(read(JSON, json, "JSON"));
    }

    /** Reads a space from YAML ({@code lr: {type: logReal, lower: 1e-4, upper: 0.1}}; a plain value is a constant). */
    public static SearchSpace fromYaml(String yaml) {
        return fromTree(read(YAML, yaml, "YAML"));
    }

    private static JsonNode read(ObjectMapper mapper, String text, String format) {
        try {
            return mapper.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("search space is not valid " + format + ": " + e.getMessage(), e);
        }
    }

    /** Reads a space from a mapping of names to domain descriptions, as written by {@link #toTree()}. */
    public static SearchSpace fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("search space must be a mapping from parameter names to domains");
        }
        Builder b = builder();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            b.add(e.getKey(), () -> DomainReader.read(e.getValue()));
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SearchSpace s && s.domains.equals(domains);
    }

    @Override
    public int hashCode() {
        return domains.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Collects domains in order; every error names the parameter. */
    public static final class Builder {
        private final Map<String, Domain> domains = new LinkedHashMap<>();

        /** Real numbers drawn uniformly from [lower, upper]. */
        public Builder real(String name, double lower, double upper) {
            return add(name, () -> new Domain.Real(lower, upper, false));
        }

        /** Real numbers drawn log-uniformly from [lower, upper]; {@code lower} must be positive. */
        public Builder logReal(String name, double lower, double upper) {
            return add(name, () -> new Domain.Real(lower, upper, true));
        }

        /** Integers drawn uniformly from [lower, upper], both included. */
        public Builder integer(String name, long lower, long upper) {
            return add(name, () -> new Domain.Int(lower, upper, false));
        }

        /** Integers drawn log-uniformly from [lower, upper], both included; {@code lower} must be positive. */
        public Builder logInteger(String name, long lower, long upper) {
            return add(name, () -> new Domain.Int(lower, upper, true));
        }

        /** Unordered categories, one-hot encoded; at least one value, none twice. */
        public Builder choice(String name, Object... values) {
            return add(name, () -> new Domain.Choice(List.of(values)));
        }

        /** Ordered categories, encoded by position in the order given. */
        public Builder ordinal(String name, Object... values) {
            return add(name, () -> new Domain.Ordinal(List.of(values)));
        }

        /** {@code size} (at least 2) evenly spaced values from lower to upper, log-spaced if {@code log}, rounded to Longs if {@code integer}. */
        public Builder finiteRange(String name, double lower, double upper, int size, boolean log, boolean integer) {
            return add(name, () -> new Domain.FiniteRange(lower, upper, size, log, integer));
        }

        /** A fixed value in every config, never searched. */
        public Builder constant(String name, Object value) {
            return add(name, () -> new Domain.Constant(value));
        }

        /** Adds a domain made elsewhere; a blank or repeated name fails. */
        public Builder add(String name, Domain domain) {
            return add(name, () -> domain);
        }

        Builder add(String name, DomainFactory factory) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a parameter needs a non-blank name");
            }
            if (domains.containsKey(name)) {
                throw new IllegalArgumentException("parameter '" + name + "' is defined twice");
            }
            try {
                domains.put(name, factory.create());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
            }
            return this;
        }

        /** The space; fails if no parameter was added. */
        public SearchSpace build() {
            if (domains.isEmpty()) {
                throw new IllegalArgumentException("the search space has no parameters");
            }
            return new SearchSpace(new LinkedHashMap<>(domains));
        }
    }

    interface DomainFactory {
        Domain create();
    }

    /** The inverse of {@link Domain#describe()}. */
    static final class DomainReader {
        static Domain read(JsonNode node) {
            if (node.isValueNode()) {
                return new Domain.Constant(scalar(node));
            }
            if (!node.isObject()) {
                throw new IllegalArgumentException("expected a mapping with a 'type' or a plain value, got " + node);
            }
            String type = node.path("type").asText("");
            return switch (type) {
                case "real" -> new Domain.Real(number(node, "lower"), number(node, "upper"), false);
                case "logReal" -> new Domain.Real(number(node, "lower"), number(node, "upper"), true);
                case "integer" -> new Domain.Int(whole(node, "lower"), whole(node, "upper"), false);
                case "logInteger" -> new Domain.Int(whole(node, "lower"), whole(node, "upper"), true);
                case "choice" -> new Domain.Choice(values(node));
                case "ordinal" -> new Domain.Ordinal(values(node));
                case "finiteRange" -> new Domain.FiniteRange(number(node, "lower"), number(node, "upper"),
                        (int) whole(node, "size"), node.path("log").asBoolean(false), node.path("integer").asBoolean(false));
                case "constant" -> new Domain.Constant(scalar(required(node, "value")));
                case "" -> throw new IllegalArgumentException("missing 'type' (one of " + TYPES + ")");
                default -> throw new IllegalArgumentException("unknown type '" + type + "' (one of " + TYPES + ")");
            };
        }

        static final String TYPES = "real, logReal, integer, logInteger, choice, ordinal, finiteRange, constant";

        private static JsonNode required(JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new IllegalArgumentException("missing '" + field + "'");
            }
            return v;
        }

        private static double number(JsonNode node, String field) {
            JsonNode v = required(node, field);
            if (!v.isNumber()) {
                throw new IllegalArgumentException("'" + field + "' must be a number, got " + v);
            }
            return v.doubleValue();
        }

        private static long whole(JsonNode node, String field) {
            JsonNode v = required(node, field);
            if (!v.isIntegralNumber()) {
                throw new IllegalArgumentException("'" + field + "' must be an integer, got " + v);
            }
            return v.longValue();
        }

        private static List<Object> values(JsonNode node) {
            JsonNode v = required(node, "values");
            if (!v.isArray()) {
                throw new IllegalArgumentException("'values' must be a list, got " + v);
            }
            List<Object> out = new ArrayList<>();
            v.forEach(x -> out.add(scalar(x)));
            return out;
        }

        static Object scalar(JsonNode v) {
            if (v.isIntegralNumber()) {
                return v.longValue();
            }
            if (v.isNumber()) {
                return v.doubleValue();
            }
            if (v.isBoolean()) {
                return v.booleanValue();
            }
            if (v.isTextual()) {
                return v.textValue();
            }
            throw new IllegalArgumentException("expected a number, string or boolean, got " + v);
        }
    }
}
