package dev.ladder.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.Config;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values of one registered scheduler's or searcher's parameters, every one of them present (its
 * default when not given), checked against the declarations: a name that is not among them is an error
 * naming it and the owner's parameters, so nothing given is ever ignored.
 */
public record ParameterValues(String owner, List<Parameter> declared, Map<String, Object> values) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every declared parameter at its default, then {@code values} converted to its type; an unknown name or a bad value fails naming {@code owner} and the parameter. */
    public ParameterValues {
        declared = List.copyOf(declared);
        Map<String, Object> resolved = new LinkedHashMap<>();
        for (Parameter p : declared) {
            resolved.put(p.name(), p.defaultValue());
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            Parameter p = find(owner, declared, e.getKey());
            try {
                resolved.put(p.name(), e.getValue() == null ? p.defaultValue() : p.convert(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(owner + ": parameter '" + p.name() + "': " + ex.getMessage(), ex);
            }
        }
        values = Collections.unmodifiableMap(resolved);
    }

    /** The declaration called {@code name}; an error naming it and listing the owner's parameters otherwise. */
    public static Parameter find(String owner, List<Parameter> declared, String name) {
        for (Parameter p : declared) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException(owner + " has no parameter '" + name + "' (its parameters: "
                + (declared.isEmpty() ? "none" : String.join(", ", declared.stream().map(Parameter::name).toList())) + ")");
    }

    /** These values with {@code name} set to {@code value} (null: back to its default). */
    public ParameterValues with(String name, Object value) {
        Map<String, Object> next = new LinkedHashMap<>(values);
        find(owner, declared, name);
        next.put(name, value);
        return new ParameterValues(owner, declared, next);
    }

    /** True when {@code name} is a declared parameter. */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value of {@code name} (null when unset and without default); an unknown name fails listing the declared ones. */
    public Object get(String name) {
        find(owner, declared, name);
        return values.get(name);
    }

    /** An integer parameter; fails when it has no value. */
    public long integer(String name) {
        Object v = get(name);
        if (v == null) {
            throw new IllegalArgumentException(owner + " needs parameter '" + name + "'");
        }
        return (Long) v;
    }

    /** An integer parameter that may be unset (null). */
    public Long optionalInteger(String name) {
        return (Long) get(name);
    }

    /** A real parameter; null when unset and without default. */
    public Double real(String name) {
        return (Double) get(name);
    }

    /** A boolean parameter. */
    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    /** A choice parameter: one of its declared choices. */
    public String choice(String name) {
        return (String) get(name);
    }

    /** A parameter holding configurations (RUSH's task store). */
    @SuppressWarnings("unchecked")
    public List<Config> configs(String name) {
        return (List<Config>) get(name);
    }

    /** Every value as JSON (the stored shape: snake_case names, null for an unset one). */
    public ObjectNode toTree() {
        ObjectNode n = JSON.createObjectNode();
        for (Parameter p : declared) {
            n.set(p.name(), p.toNode(values.get(p.name())));
        }
        return n;
    }

    /** The raw values of {@code tree}'s fields, for {@link #ParameterValues}; {@code skip} names fields that are not parameters. */
    public static Map<String, Object> rawOf(JsonNode tree, List<String> skip) {
        Map<String, Object> raw = new LinkedHashMap<>();
        tree.fields().forEachRemaining(e -> {
            if (!skip.contains(e.getKey())) {
                raw.put(e.getKey(), e.getValue().isNull() ? null : e.getValue());
            }
        });
        return raw;
    }
}
