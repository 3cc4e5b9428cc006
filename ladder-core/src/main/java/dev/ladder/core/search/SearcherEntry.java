package dev.ladder.core.search;

import dev.ladder.core.Metric;
import dev.ladder.core.registry.Parameter;
import dev.ladder.core.space.SearchSpace;
import java.util.List;
import java.util.Objects;

/**
 * One searcher as the registry ({@link Searchers}) declares it: name, one line on what it proposes, its
 * parameters, whether it runs out of configurations on its own (then an experiment needs no stop
 * criterion), and how to build it over a search space with the experiment's seed. Model-based searchers
 * plug in by adding an entry.
 */
public record SearcherEntry(String name, String javaApi, String summary, List<Parameter> parameters, boolean endsOnItsOwn,
                            Factory factory) {

    /** Builds the searcher a spec describes. */
    @FunctionalInterface
    public interface Factory {
        /** {@code metric} is the experiment's: model-based searchers learn its values, the others ignore it. */
        Searcher create(SearcherSpec spec, SearchSpace space, Metric metric, long seed);
    }

    /** Rejects a null name; copies the parameters. */
    public SearcherEntry {
        Objects.requireNonNull(name, "name");
        parameters = List.copyOf(parameters);
    }
}
