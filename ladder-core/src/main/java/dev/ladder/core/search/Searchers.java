package dev.ladder.core.search;

import dev.ladder.core.registry.Entries;
import dev.ladder.core.registry.Parameter;
import dev.ladder.core.search.gp.GpSearcher;
import dev.ladder.core.search.gp.MobsterSearcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The searcher registry: every searcher declared once with its parameters and defaults. A spec that
 * names none gets {@link #DEFAULT}.
 */
public final class Searchers {
    public static final Parameter POINTS = Parameter.integer("points", 5L, 1,
            "values per numeric domain (finite domains contribute all their values)");

    public static final SearcherEntry RANDOM = new SearcherEntry("random", "RandomSearcher",
            "independent uniform samples (log-uniform on log domains) from the experiment's seed", List.of(), false,
            (s, space, metric, seed) -> new RandomSearcher(space, seed));
    public static final SearcherEntry GRID = new SearcherEntry("grid", "GridSearcher",
            "the Cartesian product of every domain's grid values, last parameter fastest", List.of(POINTS), true,
            (s, space, metric, seed) -> new GridSearcher(space, Math.toIntExact(s.parameters().integer(POINTS.name()))));

    public static final Parameter INITIAL = Parameter.integer("initial", 5L, 1,
            "configurations drawn at random before the model proposes");
    public static final Parameter MAX_DATA = Parameter.integer("max_data", 2000L, 2,
            "observations the GP keeps at most; beyond, a subsample (gp: the newest; mobster: highest rungs, then newest)");
    public static final Parameter KERNEL = Parameter.choice("kernel",
            java.util.Arrays.stream(MobsterSearcher.Kernel.values()).map(k -> k.label).toList(), MobsterSearcher.Kernel.EXP_DECAY_SUM.label,
            "surrogate over (x, r): exponential decay with delta 0 (additive freeze-thaw), learned or 1; or Matern-5/2 ARD on [x, r]");

    public static final SearcherEntry GP = new SearcherEntry("gp", "GpSearcher",
            "GP-BO: Matern-5/2 ARD GP on the [0,1] encoding, EI over fantasies of pending trials; learns each trial's last result",
            List.of(INITIAL, MAX_DATA), false,
            (s, space, metric, seed) -> new GpSearcher(space, metric, seed, integer(s, INITIAL), integer(s, MAX_DATA)));
    public static final SearcherEntry MOBSTER = new SearcherEntry("mobster", "MobsterSearcher",
            "MOBSTER's joint GP over (x, r) on rung results, EI at the highest rung with enough data; with async-hyperband(-stopping) or asha(-stopping)",
            List.of(KERNEL, INITIAL, MAX_DATA), false,
            (s, space, metric, seed) -> new MobsterSearcher(space, metric, seed,
                    MobsterSearcher.Kernel.of(s.parameters().choice(KERNEL.name())), integer(s, INITIAL), integer(s, MAX_DATA)));

    public static final List<SearcherEntry> ENTRIES = List.of(RANDOM, GRID, GP, MOBSTER);
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

    public static SearcherSpec gp() { return SearcherSpec.of(GP.name()); }

    public static SearcherSpec mobster() { return SearcherSpec.of(MOBSTER.name()); }

    private static int integer(SearcherSpec s, Parameter p) {
        return Math.toIntExact(s.parameters().integer(p.name()));
    }

    /** The docs tables of every searcher and its parameters (in docs/schedulers.md; a test checks). */
    public static String markdownTable() {
        StringBuilder b = new StringBuilder("| searcher | Java | parameters | ends on its own | what it proposes |\n|---|---|---|---|---|\n");
        Map<String, List<String>> users = new LinkedHashMap<>();
        Map<String, Parameter> declared = new LinkedHashMap<>();
        for (SearcherEntry e : ENTRIES) {
            b.append("| `").append(e.name()).append("` | `").append(e.javaApi()).append("` | ")
                    .append(e.parameters().isEmpty() ? "-" : String.join(", ", e.parameters().stream().map(p -> "`" + p.name() + "`").toList()))
                    .append(" | ").append(e.endsOnItsOwn() ? "yes" : "no").append(" | ").append(e.summary()).append(" |\n");
            for (Parameter p : e.parameters()) {
                users.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(e.name());
                declared.putIfAbsent(p.name(), p);
            }
        }
        b.append("\n").append(Parameter.TABLE_HEADER);
        declared.forEach((name, p) -> b.append(p.markdownRow(p.defaultText(), String.join(", ", users.get(name)))));
        return b.toString();
    }
}
