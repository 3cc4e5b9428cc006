package dev.ladder.core.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.core.Metric;
import dev.ladder.core.registry.ParameterValues;
import dev.ladder.core.space.SearchSpace;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A registered searcher with its parameters' values: {@code Searchers.grid().with("points", 5).build(space, seed)}. */
public record SearcherSpec(String name, ParameterValues parameters) {

    /** Rejects a null name or parameters. */
    public SearcherSpec {
        Objects.requireNonNull(name, "searcher name");
        Objects.requireNonNull(parameters, "parameters");
    }

    /** The searcher called {@code name} with {@code values} set, the rest at their defaults; fails listing the known names. */
    public static SearcherSpec of(String name, Map<String, ?> values) {
        SearcherEntry entry = Searchers.entry(name);
        @SuppressWarnings("unchecked")
        Map<String, Object> raw = (Map<String, Object>) values;
        return new SearcherSpec(name, new ParameterValues("searcher '" + name + "'", entry.parameters(), raw));
    }

    /** The searcher called {@code name} with every parameter at its default; fails listing the known names. */
    public static SearcherSpec of(String name) {
        return of(name, Map.of());
    }

    /** The registry's entry of this searcher. */
    public SearcherEntry entry() {
        return Searchers.entry(name);
    }

    /** This spec with {@code parameter} set; an error naming it if the searcher has no such parameter. */
    public SearcherSpec with(String parameter, Object value) {
        return new SearcherSpec(name, parameters.with(parameter, value));
    }

    /** A new searcher over {@code space}, its randomness all from {@code seed}; {@code metric} feeds the model-based ones. */
    public Searcher build(SearchSpace space, Metric metric, long seed) {
        return entry().factory().create(this, Objects.requireNonNull(space, "space"), Objects.requireNonNull(metric, "metric"), seed);
    }

    /** The stored shape: {@code {"name": ..., <every parameter>: value}}. */
    public ObjectNode toTree() {
        ObjectNode n = parameters.toTree();
        ObjectNode out = n.objectNode().put("name", name);
        out.setAll(n);
        return out;
    }

    /** Reads the stored shape written by {@link #toTree}; fails without a name or with an unknown parameter. */
    public static SearcherSpec fromTree(JsonNode tree) {
        if (tree == null || !tree.path("name").isTextual()) {
            throw new IllegalArgumentException("a stored searcher needs its name, got " + tree);
        }
        return of(tree.get("name").asText(), ParameterValues.rawOf(tree, List.of("name")));
    }
}
