package dev.ladder.core.search;

import dev.ladder.core.registry.Entries;
import dev.ladder.core.registry.Parameter;
import java.util.List;

/**
 * The searcher registry: every searcher declared once with its parameters and defaults. A spec that
 * names none gets {@link #DEFAULT}.
 */
public final class Searchers {
    public static final Parameter POINTS = Parameter.integer("points", 5L, 1,
            "values per numeric domain (finite domains contribute all their values)");

    public static final SearcherEntry RANDOM = new SearcherEntry("random", "RandomSearcher",
            "independent uniform samples (log-uniform on log domains) from the experiment's seed", List.of(), false,
            (s, space, seed) -> new RandomSearcher(space, seed));
    public static final SearcherEntry GRID = new SearcherEntry("grid", "GridSearcher",
            "the Cartesian product of every domain's grid values, last parameter fastest", List.of(POINTS), true,
            (s, space, seed) -> new GridSearcher(space, Math.toIntExact(s.parameters().integer(POINTS.name()))));

    public static final List<SearcherEntry> ENTRIES = List.of(RANDOM, GRID);
    public static final List<String> NAMES = ENTRIES.stream().map(SearcherEntry::name).toList();
    public static final String DEFAULT = RANDOM.name();

    private Searchers() {
    }

    /** The entry called {@code name}; fails listing the known names. */
    public static SearcherEntry entry(String name) {
        return Entries.named(ENTRIES, SearcherEntry::name, "searcher", name);
    }

    public static SearcherSpec random() { return SearcherSpec.of(RANDOM.name()); }

    public static SearcherSpec grid() { return SearcherSpec.of(GRID.name()); }

    /** The docs tables of every searcher and its parameters (in docs/schedulers.md; a test checks). */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| searcher | Java | parameters | ends on its own | what it proposes |\n|---|---|---|---|---|\n");
        StringBuilder params = new StringBuilder();
        for (SearcherEntry e : ENTRIES) {
            b.append("| `").append(e.name()).append("` | `").append(e.javaApi()).append("` | ")
                    .append(e.parameters().isEmpty() ? "-" : String.join(", ", e.parameters().stream().map(p -> "`" + p.name() + "`").toList()))
                    .append(" | ").append(e.endsOnItsOwn() ? "yes" : "no").append(" | ").append(e.summary()).append(" |\n");
            e.parameters().forEach(p -> params.append(p.markdownRow(p.defaultText(), e.name())));
        }
        return b.append("\n").append(Parameter.TABLE_HEADER).append(params).toString();
    }
}
