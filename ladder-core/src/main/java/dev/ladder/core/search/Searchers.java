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
    public static final Parameter TOP_FRACTION = Parameter.real("top_fraction", KdeSearcher.Settings.BOHB.topFraction(), 0, 1,
            "the best fraction of the observations at the modelled resource that forms the good density");
    public static final Parameter CANDIDATES = Parameter.integer("candidates", (long) KdeSearcher.Settings.BOHB.candidates(), 1,
            "candidates drawn around the good observations per suggestion; the best density ratio wins");
    public static final Parameter RANDOM_FRACTION = Parameter.real("random_fraction", KdeSearcher.Settings.BOHB.randomFraction(), 0, 1,
            "the fraction of suggestions drawn at random");
    public static final Parameter BANDWIDTH_FACTOR = Parameter.real("bandwidth_factor", KdeSearcher.Settings.BOHB.bandwidthFactor(),
            0, Double.POSITIVE_INFINITY, "candidates are drawn with the good density's bandwidths times this");
    public static final Parameter MIN_BANDWIDTH = Parameter.real("min_bandwidth", KdeSearcher.Settings.BOHB.minBandwidth(), 0,
            Double.POSITIVE_INFINITY, "the smallest bandwidth of any coordinate");
    public static final Parameter MIN_POINTS = Parameter.integer("min_points", null, 1,
            "the smallest good and bad sets").withDefault(null, "searched parameters + 1");

    public static final SearcherEntry RANDOM = new SearcherEntry("random", "RandomSearcher",
            "independent uniform samples (log-uniform on log domains) from the experiment's seed", List.of(), false,
            (s, space, metric, seed) -> new RandomSearcher(space, seed));
    public static final SearcherEntry GRID = new SearcherEntry("grid", "GridSearcher",
            "the Cartesian product of every domain's grid values, last parameter fastest", List.of(POINTS), true,
            (s, space, metric, seed) -> new GridSearcher(space, Math.toIntExact(s.parameters().integer(POINTS.name()))));

    public static final SearcherEntry KDE = new SearcherEntry("kde", "KdeSearcher",
            "BOHB's kernel densities: good/bad Parzen ratio at the largest resource with enough results (with hyperband: BOHB; "
                    + "with asha: asynchronous BOHB)",
            List.of(TOP_FRACTION, CANDIDATES, RANDOM_FRACTION, BANDWIDTH_FACTOR, MIN_BANDWIDTH, MIN_POINTS), false,
            (s, space, metric, seed) -> new KdeSearcher(space, metric, seed, kdeSettings(s)));

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

    public static final List<SearcherEntry> ENTRIES = List.of(RANDOM, GRID, KDE, GP, MOBSTER);
    public static final List<String> NAMES = ENTRIES.stream().map(SearcherEntry::name).toList();
    public static final String DEFAULT = RANDOM.name();

    private Searchers() {
    }

    /** The entry called {@code name}; fails listing the known names. */
    public static SearcherEntry entry(String name) {
        return Entries.named(ENTRIES, SearcherEntry::name, "searcher", name);
    }

    /** Configurations sampled uniformly from the space (log-uniformly on log scales): the default. */
    public static SearcherSpec random() { return SearcherSpec.of(RANDOM.name()); }

    /** The grid of the space ({@code points} per numeric parameter, every value of a finite one), in order; it ends on its own. */
    public static SearcherSpec grid() { return SearcherSpec.of(GRID.name()); }

    /** BOHB's kernel density estimator: samples where good results are dense, fitted on the highest resource with enough results. */
    public static SearcherSpec kde() { return SearcherSpec.of(KDE.name()); }

    private static KdeSearcher.Settings kdeSettings(SearcherSpec s) {
        Long minPoints = s.parameters().optionalInteger(MIN_POINTS.name());
        return new KdeSearcher.Settings(s.parameters().real(TOP_FRACTION.name()),
                Math.toIntExact(s.parameters().integer(CANDIDATES.name())), s.parameters().real(RANDOM_FRACTION.name()),
                s.parameters().real(BANDWIDTH_FACTOR.name()), s.parameters().real(MIN_BANDWIDTH.name()),
                minPoints == null ? 0 : Math.toIntExact(minPoints));
    }

    /** Gaussian-process Bayesian optimisation with expected improvement, pending trials fantasised. */
    public static SearcherSpec gp() { return SearcherSpec.of(GP.name()); }

    /** MOBSTER's joint Gaussian process over configuration and resource (with async-hyperband-stopping: MOBSTER). */
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
